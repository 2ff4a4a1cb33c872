using System.Text.Json;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Runs;
using CxWarehouse.Etl.Transform;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Runs;

/// <summary>
/// The spellings readers of run_results.json, the lake's manifests and the audit tables rely on: each enum value has
/// exactly the one it had as a string, in JSON and in <see cref="Spelling"/>.
/// </summary>
public sealed class ContractSpellingTests
{
    [Fact]
    public void EveryValue_HasTheSpellingItHadAsAString()
    {
        Assert.Equal(["ok", "empty", "unchanged", "failed"], Spelling.All<StreamStatus>());
        Assert.Equal(["ok", "unchanged", "lookup", "failed"], Spelling.All<SourceFileStatus>());
        Assert.Equal(["running", "success", "failed", "error"], Spelling.All<RunStatus>());
        Assert.Equal(["success"], Spelling.All<ModelStatus>());
        Assert.Equal(["view", "table", "incremental", "snapshot", "key_map", "memo"], Spelling.All<Materialization>());
        Assert.Equal(["warn", "error"], Spelling.All<Severity>());
        Assert.Equal(["pass", "warn", "fail", "error"], Spelling.All<DataTestStatus>());
        Assert.Equal(["fresh", "warn", "error"], Spelling.All<FreshnessStatus>());
        Assert.Equal(["ok", "warn", "not_checked"], Spelling.All<OrphanStatus>());
    }

    [Fact]
    public void Json_WritesAndReadsTheSameSpellings()
    {
        Assert.All(Enum.GetValues<StreamStatus>(), AsJson);
        Assert.All(Enum.GetValues<SourceFileStatus>(), AsJson);
        Assert.All(Enum.GetValues<RunStatus>(), AsJson);
        Assert.All(Enum.GetValues<ModelStatus>(), AsJson);
        Assert.All(Enum.GetValues<Materialization>(), AsJson);
        Assert.All(Enum.GetValues<Severity>(), AsJson);
        Assert.All(Enum.GetValues<DataTestStatus>(), AsJson);
        Assert.All(Enum.GetValues<FreshnessStatus>(), AsJson);
        Assert.All(Enum.GetValues<OrphanStatus>(), AsJson);
    }

    [Fact]
    public void RunResults_SpellsEveryStatusAsBefore()
    {
        var run = new RunResults { RunId = "r1", Command = "run", StartedAt = DateTimeOffset.UnixEpoch, Status = RunStatus.Failed };
        run.Streams.Add(new StreamResult
        {
            Input = "crm",
            Stream = "crm.contacts",
            Status = StreamStatus.Unchanged,
            Freshness = FreshnessStatus.Warn,
            Files = [new SourceFileRecord("Contact.csv", "abc", 10, 0, 0, SourceFileStatus.Lookup, null)],
        });
        run.Models.Add(new ModelResult("dim_customer", "core.dim_customer", ModelStatus.Success, 3, 0.1, null));
        run.Tests.Add(new DataTestResult("t", Severity.Warn, DataTestStatus.Warn, 1, [], null));
        run.Orphans.Add(new OrphanResult("a", "b", "c", 0, 0, null, OrphanStatus.NotChecked, "not checked"));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(run, Lake.s_json));

        var root = json.RootElement;
        var stream = root.GetProperty("streams")[0];
        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.Equal(("unchanged", "warn"), (stream.GetProperty("status").GetString(), stream.GetProperty("freshness").GetString()));
        Assert.Equal("lookup", stream.GetProperty("files")[0].GetProperty("status").GetString());
        Assert.Equal("success", root.GetProperty("models")[0].GetProperty("status").GetString());
        Assert.Equal(("warn", "warn"), (root.GetProperty("tests")[0].GetProperty("severity").GetString(),
            root.GetProperty("tests")[0].GetProperty("status").GetString()));
        Assert.Equal("not_checked", root.GetProperty("orphans")[0].GetProperty("status").GetString());
    }

    [Fact]
    public void AManifestWrittenWithStrings_ReadsBack()
    {
        const string written = """
            {"input": "crm", "stream": "crm.contacts", "run_id": "r0", "committed_at": "2026-01-01T00:00:00Z", "source_files": [
              {"path": "a.csv", "sha256": "x", "bytes": 1, "rows_read": 1, "rows_quarantined": 0, "status": "ok"},
              {"path": "b.csv", "sha256": "y", "bytes": 1, "rows_read": 0, "rows_quarantined": 0, "status": "unchanged"},
              {"path": "c.csv", "sha256": "z", "bytes": 1, "rows_read": 0, "rows_quarantined": 0, "status": "lookup"},
              {"path": "d.csv", "sha256": "", "bytes": 1, "rows_read": 0, "rows_quarantined": 0, "status": "failed"}]}
            """;

        var manifest = JsonSerializer.Deserialize<StreamManifest>(written, Lake.s_json)!;

        Assert.Equal([SourceFileStatus.Ok, SourceFileStatus.Unchanged, SourceFileStatus.Lookup, SourceFileStatus.Failed],
            manifest.SourceFiles.Select(f => f.Status));
    }

    [Fact]
    public void AnUnknownSpelling_IsNotParsed()
    {
        Assert.False(Spelling.TryParse<Materialization>("ephemeral", out _));
        Assert.False(Spelling.TryParse<Materialization>("View", out _));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<StreamStatus>("\"done\"", Lake.s_json));
    }

    [Fact]
    public void AModelMaterialisedAsSomethingUnknown_FailsNamingItsFile()
    {
        using var folder = new TempFolder();
        folder.Write("sql/core/dim_x.sql", "-- materialized: ephemeral\nSELECT 1 AS x\n");

        var error = Assert.Throws<ModelException>(() => ModelGraph.Load(folder.File("sql")));

        Assert.Equal("sql/core/dim_x.sql: materialized must be view, table, incremental, snapshot, key_map or memo", error.Message);
    }

    [Fact]
    public void TheRunner_RefusesAMaterialisationItHasNoWayToBuild_InsteadOfTakingItForASnapshot()
    {
        using var folder = new TempFolder();
        using var db = DuckDb.OpenScratch(new WarehouseSettings(), folder.File("tmp"));
        var model = new Model("dim_x", "core", (Materialization)99, "sql/core/dim_x.sql", "SELECT 1 AS x");

        var error = Assert.Throws<ModelException>(() => new ModelRunner(db).Run([model]));

        Assert.StartsWith("sql/core/dim_x.sql: ", error.Message, StringComparison.Ordinal);
        Assert.False(DuckDb.TableExists(db, "core", "dim_x"));
    }

    private static void AsJson<T>(T value) where T : struct, Enum
    {
        var json = JsonSerializer.Serialize(value, Lake.s_json);
        Assert.Equal($"\"{value.Spelled()}\"", json);
        Assert.Equal(value, JsonSerializer.Deserialize<T>(json, Lake.s_json));
    }
}
