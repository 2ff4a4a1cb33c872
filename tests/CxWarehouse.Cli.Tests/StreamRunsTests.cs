using CxWarehouse.Cli.Tests.Support;
using DuckDB.NET.Data;

namespace CxWarehouse.Cli.Tests;

/// <summary>audit.stream_runs keeps each stream's freshness and age with its run, in new and in older warehouses.</summary>
public sealed class StreamRunsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cxw-streamruns-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_StaleSource_RecordsFreshnessAndAgeHours(bool warehouseFromBeforeFreshness)
    {
        var warehouse = Path.Combine(_folder.FullName, "cx.duckdb");
        if (warehouseFromBeforeFreshness)
        {
            // The audit table as warehouses written before these columns have it, with one run on record.
            using var db = new DuckDBConnection($"Data Source={warehouse}");
            db.Open();
            using var create = db.CreateCommand();
            create.CommandText = """
                CREATE SCHEMA audit;
                CREATE TABLE audit.stream_runs (run_id VARCHAR, source VARCHAR, stream VARCHAR,
                    status VARCHAR, rows_read BIGINT, rows_loaded BIGINT, rows_quarantined BIGINT,
                    rows_deduplicated BIGINT, seconds DOUBLE, latest_record_at TIMESTAMPTZ, message VARCHAR);
                INSERT INTO audit.stream_runs VALUES ('old-run', 'qualtrics', 'surveys.responses', 'ok', 1, 1, 0, 0,
                    0.1, NULL, NULL);
                """;
            create.ExecuteNonQuery();
        }
        var config = Path.Combine(_folder.FullName, "fresh.yml");
        File.WriteAllText(config, """
            sources:
              - name: qualtrics
                profile: qualtrics
                path: data-sample/surveys
                time_zone: America/Denver
                freshness:
                  warn_after_hours: 1
              - name: google
                profile: google-reviews
                path: data-sample/reviews/google
            """);

        var result = Cxw.Run(Cxw.RepoRoot, "run", "--config", config, "--input", Cxw.RepoRoot,
            "--lake", Path.Combine(_folder.FullName, "lake"), "--warehouse", warehouse,
            "--output", Path.Combine(_folder.FullName, "out"), "--quiet");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var read = new DuckDBConnection($"Data Source={warehouse};ACCESS_MODE=READ_ONLY");
        read.Open();
        using var query = read.CreateCommand();
        query.CommandText = """
            SELECT run_id = 'old-run', source, freshness, age_hours FROM audit.stream_runs ORDER BY 1 DESC, 2
            """;
        using var rows = query.ExecuteReader();
        var recorded = new List<(bool Old, string Source, string? Freshness, double? Age)>();
        while (rows.Read())
        {
            recorded.Add((rows.GetBoolean(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2),
                rows.IsDBNull(3) ? null : rows.GetDouble(3)));
        }
        if (warehouseFromBeforeFreshness)
        {
            Assert.Equal((true, "qualtrics", (string?)null, (double?)null), recorded[0]);
            recorded.RemoveAt(0);
        }
        Assert.Equal(2, recorded.Count);
        // google has no freshness ages: nothing is judged. qualtrics's newest record is days before today.
        Assert.Equal((false, "google", (string?)null, (double?)null), recorded[0]);
        Assert.Equal("warn", recorded[1].Freshness);
        Assert.True(recorded[1].Age > 24, $"age_hours {recorded[1].Age}");
    }
}
