namespace CxWarehouse.Etl.Transform;

/// <summary>
/// One data test: a query returning the rows that fail it. <paramref name="Guard"/>, when set, returns no rows only
/// where the test has no failing row either, and costs less: the runner asks it first and the test itself only when
/// it returns a row.
/// </summary>
public sealed record DataTest(string Name, string Model, Severity Severity, string Sql, string File, string? Guard = null);
