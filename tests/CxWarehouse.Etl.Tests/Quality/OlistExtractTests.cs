using System.Text.Json;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Runs;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Quality;

/// <summary>
/// Extracts of the real Olist export (shared/realdata/olist) shaped like those a new user tried: slices of the
/// orders, customers and reviews files that do not join, one review score of 7 on the 1-5 scale and one review
/// answered in 2031, run through the shipped data-sample/configs/olist.yml.
/// </summary>
public sealed class OlistExtractTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Olist(string file)
    {
        var path = Path.Combine(RepoPaths.RealData, "olist", file);
        Assert.True(File.Exists(path), $"the real exports are expected at {path} (shared/ beside the repository or its clone origin, or CXW_SHARED)");
        return path;
    }

    /// <summary>Writes a slice of a real file into the test's input folder.</summary>
    private void Slice(DuckDB.NET.Data.DuckDBConnection db, string file, string select)
    {
        var target = Path.Combine(_folder.Path, "input", file);
        DuckDb.Execute(db, $"COPY ({select.Replace("{src}", $"read_csv('{Olist(file)}', all_varchar = true, header = true)", StringComparison.Ordinal)}) "
            + $"TO '{target}' (HEADER, DELIMITER ',')");
    }

    private (RunResults Run, Pipeline Pipeline, string Warehouse) Prepare()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "input"));
        using (var db = DuckDb.OpenScratch(new WarehouseSettings(), Path.Combine(_folder.Path, "tmp")))
        {
            // 999 orders, and 999 customers of other orders (the last in the file): few orders find their customer.
            Slice(db, "olist_orders_dataset.csv", "SELECT * FROM {src} LIMIT 999");
            Slice(db, "olist_customers_dataset.csv", "SELECT * FROM {src} OFFSET 7000");
            Slice(db, "olist_order_payments_dataset.csv", "SELECT * FROM {src}");
            // Reviews of the last orders, one scored 7 and one answered in 2031.
            Slice(db, "olist_order_reviews_dataset.csv", """
                SELECT review_id, order_id,
                    CASE WHEN row_number() OVER () = 5 THEN '7' ELSE review_score END AS review_score,
                    review_comment_title, review_comment_message, review_creation_date,
                    CASE WHEN row_number() OVER () = 9 THEN '2031-03-01 10:00:00' ELSE review_answer_timestamp END
                        AS review_answer_timestamp
                FROM (SELECT * FROM {src} OFFSET 7300)
                """);
        }
        var config = ConfigLoader.Load(Path.Combine(RepoPaths.Root, "data-sample", "configs", "olist.yml"),
            Path.Combine(_folder.Path, "input"));
        var warehouse = Path.Combine(_folder.Path, "warehouse", "cx.duckdb");
        var pipeline = new Pipeline(config, new PipelinePaths(Path.Combine(_folder.Path, "lake"), warehouse,
            Path.Combine(_folder.Path, "out"), Path.Combine(RepoPaths.Root, "sql")), RunLog.Silent);
        var run = new RunResults { RunId = RunResults.NewRunId(), Command = "run", StartedAt = DateTimeOffset.UtcNow };
        return (run, pipeline, warehouse);
    }

    private long Oracle(string sql)
    {
        using var db = DuckDb.OpenScratch(new WarehouseSettings(), Path.Combine(_folder.Path, "tmp"));
        return DuckDb.Scalar<long>(db, sql.Replace("{in}", Path.Combine(_folder.Path, "input"), StringComparison.Ordinal));
    }

    [Fact]
    public void ExtractsThatDoNotJoin_OrphansCountedPerRelation_WarnedKeptAndInRunResults()
    {
        var (run, pipeline, warehouse) = Prepare();
        pipeline.Extract(run);
        pipeline.Build(run);
        pipeline.Test(run);

        var orders = Oracle("""
            SELECT count(*) FROM read_csv('{in}/olist_orders_dataset.csv', all_varchar = true) AS o
            WHERE customer_id NOT IN (SELECT customer_id FROM read_csv('{in}/olist_customers_dataset.csv', all_varchar = true))
            """);
        var reviews = Oracle("""
            SELECT count(*) FROM read_csv('{in}/olist_order_reviews_dataset.csv', all_varchar = true) AS r
            WHERE order_id NOT IN (SELECT order_id FROM read_csv('{in}/olist_orders_dataset.csv', all_varchar = true))
                AND review_score <> '7' AND NOT starts_with(review_answer_timestamp, '2031')
            """);
        Assert.True(orders > 800 && reviews > 800, $"the slices were meant not to join ({orders} orphan orders, {reviews} reviews)");
        var byRelation = run.Orphans.ToDictionary(o => o.Relation);
        Assert.Equal((999L, orders, OrphanStatus.Warn), (byRelation["order_customer"].Rows, byRelation["order_customer"].Orphans,
            byRelation["order_customer"].Status));
        Assert.Equal((reviews, OrphanStatus.Warn), (byRelation["response_order"].Orphans, byRelation["response_order"].Status));
        Assert.Equal(OrphanStatus.NotChecked, byRelation["ticket_customer"].Status);
        Assert.Equal("not checked: no crm.tickets rows with a customer_id", byRelation["ticket_customer"].Message);

        // Kept: the orphans are loaded and listed, and the counts are recorded under the run.
        using (var db = DuckDb.Open(warehouse, new WarehouseSettings(), null, readOnly: true))
        {
            Assert.Equal(orders, DuckDb.Scalar<long>(db, "SELECT count(*) FROM audit.orphan_rows WHERE relation = 'order_customer'"));
            Assert.Equal(orders, DuckDb.Scalar<long>(db,
                "SELECT orphans FROM audit.orphans WHERE run_id = $1 AND relation = 'order_customer'", run.RunId));
            Assert.Equal(999L, DuckDb.Scalar<long>(db, "SELECT count(*) FROM core.fct_orders"));
        }
        run.Write(Path.Combine(_folder.Path, "out"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.Path, "out", "run_results.json")));
        var recorded = json.RootElement.GetProperty("orphans").EnumerateArray()
            .Single(o => o.GetProperty("relation").GetString() == "order_customer");
        Assert.Equal(orders, recorded.GetProperty("orphans").GetInt64());
    }

    [Fact]
    public void AScoreOf7AndAReviewAnsweredIn2031_QuarantinedNamingTheRules_TheRunSucceeds()
    {
        var (run, pipeline, _) = Prepare();
        pipeline.Extract(run);
        pipeline.Build(run);
        pipeline.Test(run);

        var surveys = run.Streams.Single(s => s.Stream == "surveys.responses");
        Assert.Equal((StreamStatus.Ok, 2L), (surveys.Status, surveys.RowsQuarantined));
        Assert.DoesNotContain(run.Tests, t => t.Status is DataTestStatus.Fail or DataTestStatus.Error);
        Assert.Contains(run.Tests, t => t.Name == "csat_score_in_1_5" && t.Status == DataTestStatus.Pass);
        using var db = DuckDb.OpenScratch(new WarehouseSettings(), Path.Combine(_folder.Path, "tmp"));
        var reasons = DuckDb.Rows(db, $"SELECT reason FROM read_parquet('{Path.Combine(_folder.Path, "lake", "quarantine")}/**/*.parquet') ORDER BY line")
            .Select(r => (string)r[0]!).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Equal("review_score: 7 is outside 1-5 (rule csat_score_in_1_5)", reasons[0]);
        Assert.StartsWith("review_answer_timestamp: 2031-03-01T13:00:00Z is in the future", reasons[1], StringComparison.Ordinal);
    }
}
