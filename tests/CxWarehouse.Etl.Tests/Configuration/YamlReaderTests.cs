using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Tests.Configuration;

/// <summary>A section's declared keys are what is validated and what may be read.</summary>
public sealed class YamlReaderTests
{
    private static YamlReader Read(string yaml) => YamlReader.Load("/etc/cx/cxwarehouse.yml", new StringReader(yaml));

    [Fact]
    public void AKeyTheSectionDoesNotDeclare_IsRejectedNamingFileLineAndTheAllowedKeys()
    {
        var yaml = Read("project: demo\nprojekt: typo\n");

        var error = Assert.Throws<ConfigException>(() => yaml.OnlyKeys("project", "reporting"));

        Assert.Contains("cxwarehouse.yml", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown key 'projekt' (allowed here: project, reporting)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadingAKeyTheDeclarationLacks_IsAProgrammingError()
    {
        var yaml = Read("project: demo\n");
        yaml.OnlyKeys("project", "reporting");

        Assert.Equal("demo", yaml.String("project"));
        Assert.Null(yaml.String("reporting"));
        var error = Assert.Throws<InvalidOperationException>(() => yaml.String("warehouse"));
        Assert.Contains("'warehouse' is read but not among the keys its section declares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASectionDeclaredInTwoSteps_ReadsTheKeysOfBoth()
    {
        var yaml = Read("kind: csv\npath: data/\n");
        yaml.OnlyKeys("kind", "path", "profile");
        yaml.OnlyKeys("kind", "path");

        Assert.Equal(("csv", "data/"), (yaml.String("kind"), yaml.String("path")));
        Assert.Null(yaml.String("profile"));
    }
}
