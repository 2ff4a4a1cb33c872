using System.Data.Common;
using CxWarehouse.Etl.Runs;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Transform;

/// <summary>Runs data tests: counts each test's failing rows and keeps a few as examples.</summary>
public sealed class DataTestRunner(DbConnection connection)
{
    private const int Examples = 5;

    public IReadOnlyList<DataTestResult> Run(IEnumerable<DataTest> tests)
    {
        var results = new List<DataTestResult>();
        foreach (var test in tests)
        {
            try
            {
                // A guard that finds nothing proves the test passes; only a guard that finds something runs the test.
                var failures = test.Guard is { } guard && Count(guard) == 0 ? 0 : Count(test.Sql);
                var examples = failures == 0
                    ? []
                    : DataExamples(test);
                results.Add(new DataTestResult(test.Name, test.Severity,
                    failures == 0 ? DataTestStatus.Pass : test.Severity == Severity.Warn ? DataTestStatus.Warn : DataTestStatus.Fail,
                    failures, examples, null));
            }
            catch (DuckDB.NET.Data.DuckDBException ex)
            {
                results.Add(new DataTestResult(test.Name, test.Severity, DataTestStatus.Error, 0, [],
                    $"{test.File}: {ex.Message.Split('\n')[0]}"));
            }
        }
        return results;
    }

    private long Count(string select) =>
        DuckDb.Scalar<long>(connection, SqlResources.Get(DataTestCatalog.Statements, "count", ("test", select)));

    private List<string> DataExamples(DataTest test)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqlResources.Get(DataTestCatalog.Statements, "examples", ("test", test.Sql),
            ("limit", Examples.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            // Example rows go to logs and run_results.json: dates in ISO 8601, numbers invariant, and personal data
            // (text values) masked; a number or date is never taken for a phone.
            rows.Add(string.Join(", ", Enumerable.Range(0, Math.Min(reader.FieldCount, 6)).Select(i =>
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                var text = Invariant.Text(value);
                return $"{reader.GetName(i)}={(Invariant.IsMeasure(value) ? text : PersonalData.Mask(text))}";
            })));
        }
        return rows;
    }
}
