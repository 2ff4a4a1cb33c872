using System.Globalization;
using System.Text;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Runs;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Quality;

/// <summary>
/// A support-ticket export whose "created" is really the first response, so that about half of its tickets were
/// resolved before they were opened (1,365 of 2,769 in the export that published a June median resolution time of
/// -0.25 h), through a whole run: extraction, models and KPI mart.
/// </summary>
public sealed class InconsistentTicketsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Config(string quality) => $$"""
        reporting:
          time_zone: UTC
        sources:
          - name: desk
            kind: crm
            path: exports
        {{quality}}
            streams:
              crm.tickets:
                files: tickets.csv
                fields:
                  ticket_id: id
                  created_at: created
                  resolved_at: resolved
                  channel: {const: email}
        """;

    /// <summary>
    /// June 2026: tickets t1-t20 resolved 1..20 hours after creation (median 10.5 h), then 20 whose "created" is
    /// 30 minutes after their resolution, as in the real export.
    /// </summary>
    private static string Export()
    {
        var text = new StringBuilder("id,created,resolved\n");
        var start = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= 40; i++)
        {
            var created = start.AddHours(i * 7);
            var resolved = i <= 20 ? created.AddHours(i) : created.AddMinutes(-30);
            text.Append(CultureInfo.InvariantCulture, $"t{i},{created:yyyy-MM-ddTHH:mm:ssZ},{resolved:yyyy-MM-ddTHH:mm:ssZ}\n");
        }
        return text.ToString();
    }

    private (RunResults Run, string Warehouse) RunPipeline(string quality)
    {
        _folder.Write("exports/tickets.csv", Export());
        var config = ConfigLoader.Parse(Path.Combine(_folder.Path, "cxwarehouse.yml"), new StringReader(Config(quality)),
            _folder.Path);
        var warehouse = Path.Combine(_folder.Path, "warehouse", "cx.duckdb");
        var pipeline = new Pipeline(config, new PipelinePaths(Path.Combine(_folder.Path, "lake"), warehouse,
            Path.Combine(_folder.Path, "out"), Path.Combine(RepoPaths.Root, "sql")), RunLog.Silent);
        var run = new RunResults { RunId = RunResults.NewRunId(), Command = "run", StartedAt = DateTimeOffset.UtcNow };
        pipeline.Extract(run);
        pipeline.Build(run);
        return (run, warehouse);
    }

    [Fact]
    public void NullAndFlagPolicy_TheMedianResolutionTimeIsOverConsistentTicketsOnly()
    {
        var (run, warehouse) = RunPipeline("""
                quality:
                  impossible_order: null_and_flag
            """);

        var stream = run.Streams.Single();
        Assert.Equal((StreamStatus.Ok, 40L, 40L, 20L), (stream.Status, stream.RowsRead, stream.RowsLoaded, stream.RowsFlagged));
        using var db = DuckDb.Open(warehouse, new WarehouseSettings(), null, readOnly: true);
        var row = DuckDb.Rows(db, """
            SELECT value, n FROM marts.kpi_values
            WHERE kpi = 'resolution_h' AND period_grain = 'month' AND period_start = DATE '2026-06-01' AND dimension = 'all'
            """).Single();
        Assert.Equal(10.5, (double)row[0]!, 9);
        Assert.Equal(20L, Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
        // Every ticket still counts as a ticket; none has a negative resolution time.
        Assert.Equal(40L, DuckDb.Scalar<long>(db, "SELECT count(*) FROM core.fct_tickets"));
        Assert.Equal(0L, DuckDb.Scalar<long>(db, "SELECT count(*) FROM core.fct_tickets WHERE resolution_h < 0"));
    }

    [Fact]
    public void DefaultPolicy_HalfTheTicketsImpossible_TheStreamFailsNamingTheRule()
    {
        var (run, _) = RunPipeline("");

        var stream = run.Streams.Single();
        Assert.Equal(StreamStatus.Failed, stream.Status);
        Assert.Equal((40L, 20L), (stream.RowsRead, stream.RowsQuarantined));
        Assert.Contains("20 of 40 rows quarantined (50.0%)", stream.Message, StringComparison.Ordinal);
        Assert.Contains("resolved: rule resolved_at_not_before_created_at (20 rows)", stream.Message, StringComparison.Ordinal);
    }
}
