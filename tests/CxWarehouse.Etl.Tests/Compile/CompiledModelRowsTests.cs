using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Runs;
using CxWarehouse.Etl.Transform;
using CxWarehouse.Etl.Warehouse;
using DuckDB.NET.Data;

namespace CxWarehouse.Etl.Tests.Compile;

/// <summary>
/// The bundled sample extracted and built once (as <c>cxw run</c> does, without the data tests), keeping what the
/// run wrote to <c>out/compiled/</c>.
/// </summary>
public sealed class CompiledSample : IDisposable
{
    private readonly TempFolder _folder = new();

    public CompiledSample()
    {
        var config = ConfigLoader.Load(Path.Combine(RepoPaths.Root, "cxwarehouse.yml"));
        Warehouse = _folder.File(Path.Combine("warehouse", "cx.duckdb"));
        Compiled = new CompiledSql(_folder.File("out"));
        var pipeline = new Pipeline(config, new PipelinePaths(_folder.File("lake"), Warehouse, _folder.File("out"),
            Path.Combine(RepoPaths.Root, "sql")), RunLog.Silent);
        Run = new RunResults { RunId = RunResults.NewRunId(), Command = "run", StartedAt = DateTimeOffset.UtcNow };
        pipeline.Extract(Run);
        pipeline.Build(Run);
        Config = config;
    }

    public CxConfig Config { get; }

    public string Warehouse { get; }

    public CompiledSql Compiled { get; }

    public RunResults Run { get; }

    /// <summary>The warehouse, read-only, with the text functions some models call.</summary>
    public DuckDBConnection Open()
    {
        var db = DuckDb.Open(Warehouse, Config.Warehouse, null, readOnly: true);
        CxWarehouse.Text.TextFunctions.Register(db, Config.Topics.Tagger);
        return db;
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// Each compiled model file of the sample's run, run on its own against the warehouse, returns the model's rows:
/// what <c>out/compiled/&lt;schema&gt;/&lt;model&gt;.sql</c> says is what the table holds.
/// </summary>
public sealed class CompiledModelRowsTests(CompiledSample sample) : IClassFixture<CompiledSample>
{
    public static TheoryData<string> Models() =>
        [.. ModelGraph.Load(Path.Combine(RepoPaths.Root, "sql")).Models.Select(m => m.Relation)];

    [Theory]
    [MemberData(nameof(Models))]
    public void CompiledFile_RunOnItsOwn_ReturnsTheModelsRows(string relation)
    {
        var model = ModelGraph.Load(Path.Combine(RepoPaths.Root, "sql")).Models.Single(m => m.Relation == relation);
        var compiled = File.ReadAllText(sample.Compiled.ModelPath(model)).TrimEnd().TrimEnd(';');
        using var db = sample.Open();

        if (model.Materialization == Materialization.KeyMap)
        {
            // The select gives each record's cluster; the table its lasting key: the same records, grouped alike.
            var counts = DuckDb.Rows(db, $"""
                WITH c AS ({compiled})
                SELECT (SELECT count(*) FROM c), (SELECT count(*) FROM {relation}),
                    (SELECT count(*) FROM c JOIN {relation} AS k USING (node)),
                    (SELECT count(DISTINCT cluster_id) FROM c),
                    (SELECT count(DISTINCT (c.cluster_id, k.customer_key)) FROM c JOIN {relation} AS k USING (node)),
                    (SELECT count(DISTINCT customer_key) FROM {relation})
                """).Single().Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(counts[0] > 0, $"{relation}: no rows");
            Assert.Equal([counts[0], counts[0], counts[0], counts[3], counts[3], counts[3]], counts);
            return;
        }

        var snapshot = model.Materialization == Materialization.Snapshot;
        // Doubles are compared to 9 decimals: DuckDB sums in parallel, so one aggregate computed twice can differ
        // in its last bits (key_drivers' averages do).
        var columns = string.Join(", ", DuckDb.Rows(db, $"DESCRIBE {relation}")
            .Where(r => !snapshot || (string)r[0]! is not ("valid_from" or "valid_to" or "is_current"))
            .Select(r => (string)r[1]! is "DOUBLE" or "FLOAT"
                ? $"round({SqlText.Identifier((string)r[0]!)}, 9)"
                : SqlText.Identifier((string)r[0]!)));
        var table = $"SELECT {columns} FROM {relation}" + (snapshot ? " WHERE is_current" : "");
        compiled = $"SELECT {columns} FROM ({compiled}) AS compiled";
        var rows = DuckDb.Scalar<long>(db, $"SELECT count(*) FROM ({table})");
        var missing = DuckDb.Scalar<long>(db, $"SELECT count(*) FROM (({table}) EXCEPT ALL ({compiled}))");
        var extra = DuckDb.Scalar<long>(db, $"SELECT count(*) FROM (({compiled}) EXCEPT ALL ({table}))");
        Assert.True((missing, extra) == (0L, 0L), $"{relation}: {missing} row(s) of the table not returned, {extra} returned "
            + "but not in the table; e.g. table " + Some(db, $"({table}) EXCEPT ALL ({compiled})")
            + " / compiled " + Some(db, $"({compiled}) EXCEPT ALL ({table})"));
        Assert.Equal(rows, DuckDb.Scalar<long>(db, $"SELECT count(*) FROM ({compiled})"));
    }

    private static string Some(DuckDBConnection db, string sql) => string.Join(" | ",
        DuckDb.Rows(db, $"SELECT * FROM ({sql}) LIMIT 3").Select(r => string.Join(", ", r.Select(v =>
            Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))));

    [Fact]
    public void TheRun_WroteEveryModelEveryStreamAndTheDdl()
    {
        var models = ModelGraph.Load(Path.Combine(RepoPaths.Root, "sql")).Models;
        Assert.All(models, m => Assert.True(File.Exists(sample.Compiled.ModelPath(m)), m.Relation));
        Assert.Equal(models.Count, Directory.EnumerateFiles(sample.Compiled.Root, "*.sql", SearchOption.AllDirectories)
            .Count(f => ModelGraph.Schemas.Contains(Path.GetFileName(Path.GetDirectoryName(f)!))));
        Assert.All(sample.Run.Streams, s => Assert.True(File.Exists(sample.Compiled.ExtractPath(s.Input, s.Stream)),
            $"{s.Input} {s.Stream}"));
        var raw = File.ReadAllText(Path.Combine(sample.Compiled.Root, "ddl", "raw.sql"));
        Assert.Contains("CREATE VIEW raw.crm__orders AS", raw, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE audit.runs", File.ReadAllText(Path.Combine(sample.Compiled.Root, "ddl", "audit.sql")),
            StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE marts.kpi_values", File.ReadAllText(Path.Combine(sample.Compiled.Root, "ddl", "marts.sql")),
            StringComparison.Ordinal);
    }
}
