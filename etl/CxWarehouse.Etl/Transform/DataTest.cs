namespace CxWarehouse.Etl.Transform;

/// <summary>One data test: a query returning the rows that fail it.</summary>
public sealed record DataTest(string Name, string Model, Severity Severity, string Sql, string File);
