namespace CxWarehouse.Generator.Tests.Support;

/// <summary>Test classes in this collection share one generated data set.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedDataCollection : ICollectionFixture<GeneratedDataFixture>
{
    public const string Name = "generated data";
}
