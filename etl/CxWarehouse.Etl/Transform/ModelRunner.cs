using System.Data.Common;
using System.Diagnostics;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Transform;

/// <summary>
/// Builds models in dependency order inside one transaction, so readers see either the previous build or the
/// whole new one, never half of it; a failing model rolls everything back and names its file.
/// </summary>
/// <remarks>
/// Materialisations: <c>view</c>; <c>table</c>; <c>incremental</c>, a table whose select reads only what changed
/// since <c>getvariable('cxw_since')</c> (the table's highest <c>updated_at</c> less the <c>lookback</c>, NULL on the
/// first build) and whose rows replace those with the same <c>unique_key</c>; and <c>snapshot</c>, a table that
/// keeps every version of each <c>unique_key</c> whose <c>check_cols</c> changed, with valid_from, valid_to and
/// is_current (dbt's check strategy), moving versions under a retired key to its survivor first when the file
/// says <c>-- follows_key_map: schema.table</c>; and <c>key_map</c>, keys that survive merges and splits, kept
/// across builds and full refreshes (<see cref="KeyMap"/>); and <c>memo</c>, a table of what an expensive select
/// computes for each row of its inputs (<c>-- memo_of:</c>, keyed by <c>unique_key</c>), kept across builds under a
/// version (<c>-- memo_version:</c>) so that a build computes it only for the inputs it has not seen
/// (<see cref="Memo"/>).
/// </remarks>
public sealed class ModelRunner(DbConnection connection, bool fullRefresh = false)
{
    /// <summary>The materialisations' statements, in <c>etl/CxWarehouse.Etl/Sql/transform/materializations.sql</c>.</summary>
    private const string Statements = "transform/materializations.sql";

    public IReadOnlyList<ModelResult> Run(IReadOnlyList<Model> models, Action<Model>? starting = null)
    {
        var results = new List<ModelResult>();
        var buildAt = DateTime.UtcNow;
        DuckDb.Execute(connection, "BEGIN TRANSACTION");
        try
        {
            foreach (var schema in ModelGraph.Schemas)
            {
                DuckDb.Execute(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}");
            }
            foreach (var model in models)
            {
                starting?.Invoke(model);
                var clock = Stopwatch.StartNew();
                var body = model.Body;
                try
                {
                    var existing = DuckDb.Scalar<string>(connection,
                        "SELECT table_type FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2",
                        model.Schema, model.Name);
                    var wantsView = model.Materialization == Materialization.View;
                    // A table and a view cannot replace each other: drop the old one when its kind changed.
                    if (existing == "VIEW" && !wantsView)
                    {
                        DuckDb.Execute(connection, $"DROP VIEW {model.Relation}");
                        existing = null;
                    }
                    else if (existing == "BASE TABLE" && wantsView)
                    {
                        DuckDb.Execute(connection, $"DROP TABLE {model.Relation}");
                        existing = null;
                    }
                    var exists = existing is not null && !fullRefresh;
                    long? rows = model.Materialization switch
                    {
                        Materialization.View => CreateOrReplace(model, body, "VIEW"),
                        Materialization.Table => CreateOrReplace(model, body, "TABLE"),
                        Materialization.Incremental => exists ? Increment(model, body) : CreateOrReplace(model, body, "TABLE"),
                        Materialization.KeyMap => KeyMap.Build(connection, model, body, buildAt),
                        Materialization.Snapshot => exists ? Snapshot(model, body, buildAt) : FirstSnapshot(model, body, buildAt),
                        Materialization.Memo => Memo(model, body, exists),
                        _ => throw new ModelException($"{model.File}: unknown materialization {model.Materialization}"),
                    };
                    results.Add(new ModelResult(model.Name, model.Relation, ModelStatus.Success, rows,
                        clock.Elapsed.TotalSeconds, null));
                }
                catch (DuckDB.NET.Data.DuckDBException ex)
                {
                    throw new ModelException($"{model.File}: {ex.Message.Split('\n')[0]}");
                }
            }
            DuckDb.Execute(connection, "COMMIT");
        }
        catch
        {
            DuckDb.Execute(connection, "ROLLBACK");
            throw;
        }
        return results;
    }

    private long? CreateOrReplace(Model model, string body, string kind)
    {
        DuckDb.Execute(connection, SqlResources.Get(Statements, "no_since"));
        DuckDb.Execute(connection, SqlResources.Get(Statements, "create_or_replace",
            ("kind", kind), ("relation", model.Relation), ("body", body)));
        return kind == "TABLE" ? DuckDb.Scalar<long>(connection, $"SELECT count(*) FROM {model.Relation}") : null;
    }

    private long Increment(Model model, string body)
    {
        if (model.Config.TryGetValue("updated_at", out var updatedAt))
        {
            var lookback = model.Config.GetValueOrDefault("lookback", "0 seconds");
            DuckDb.Execute(connection, SqlResources.Get(Statements, "since",
                ("updated_at", SqlText.Identifier(updatedAt)), ("relation", model.Relation)), lookback);
        }
        else
        {
            DuckDb.Execute(connection, SqlResources.Get(Statements, "no_since"));
        }
        DuckDb.Execute(connection, SqlResources.Get(Statements, "increment", ("body", body)));
        if (!Columns("cxw_increment").SequenceEqual(Columns(model.Relation), StringComparer.Ordinal))
        {
            // The model's columns changed since the table was built (a new version of the model): the rows
            // built before lack them, so the table is built again in full rather than merged.
            DuckDb.Execute(connection, "DROP TABLE cxw_increment");
            return CreateOrReplace(model, body, "TABLE")!.Value;
        }
        DuckDb.Execute(connection, SqlResources.Get(Statements, "increment_delete",
            ("relation", model.Relation), ("key_match", KeyMatch(model, "i", model.Relation))));
        DuckDb.Execute(connection, SqlResources.Get(Statements, "increment_insert", ("relation", model.Relation)));
        var rows = DuckDb.Scalar<long>(connection, "SELECT count(*) FROM cxw_increment");
        DuckDb.Execute(connection, "DROP TABLE cxw_increment");
        return rows;
    }

    /// <summary>
    /// A memo model's table holds its select's rows for the current rows of its inputs (<c>-- memo_of:</c>), one per
    /// <c>unique_key</c> (NULL keys included): the select must compute each row from its input row alone. A later
    /// build deletes the rows whose input is gone and runs the select over the inputs without a row instead of all of
    /// them, so the table equals what a full build computes. The version (the select's text and what the
    /// <c>-- memo_version:</c> expression gives, such as the scoring code's) is kept as the table's comment; a
    /// different one, a first build or <c>--full-refresh</c> computes every row again.
    /// </summary>
    private long Memo(Model model, string body, bool exists)
    {
        var inputs = model.Config["memo_of"];
        var version = DuckDb.Scalar<string>(connection, SqlResources.Get(Statements, "memo_version",
            ("version", model.Config["memo_version"])), Hash(body));
        if (version is null)
        {
            throw new ModelException($"{model.File}: its -- memo_version: expression gave NULL");
        }
        var stored = exists
            ? DuckDb.Scalar<string>(connection, SqlResources.Get(Statements, "memo_stored_version"), model.Schema, model.Name)
            : null;
        if (stored != version)
        {
            CreateOrReplace(model, body, "TABLE");
        }
        else
        {
            string Match(string inputRow, string memoRow) => string.Join(" AND ", model.UniqueKey.Select(k =>
                $"{inputRow}.{SqlText.Identifier(k)} IS NOT DISTINCT FROM {memoRow}.{SqlText.Identifier(k)}"));
            DuckDb.Execute(connection, SqlResources.Get(Statements, "memo_inputs", ("inputs", inputs)));
            DuckDb.Execute(connection, SqlResources.Get(Statements, "memo_prune",
                ("relation", model.Relation), ("key_match", Match("i", model.Relation))));
            DuckDb.Execute(connection, SqlResources.Get(Statements, "memo_todo",
                ("relation", model.Relation), ("key_match", Match("i", "m"))));
            var todo = model.MemoInputs.Replace(body, "cxw_memo_todo");
            DuckDb.Execute(connection, SqlResources.Get(Statements, "memo_insert",
                ("relation", model.Relation), ("body", todo)));
            DuckDb.Execute(connection, SqlResources.Get(Statements, "memo_drop"));
        }
        DuckDb.Execute(connection, SqlResources.Get(Statements, "memo_label",
            ("relation", model.Relation), ("version", SqlText.Literal(version))));
        return DuckDb.Scalar<long>(connection, $"SELECT count(*) FROM {model.Relation}");
    }

    private static string Hash(string text) => Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];

    private List<string> Columns(string relation) =>
        DuckDb.Rows(connection, $"DESCRIBE {relation}").Select(r => (string)r[0]!).ToList();

    private long FirstSnapshot(Model model, string body, DateTime buildAt)
    {
        DuckDb.Execute(connection, SqlResources.Get(Statements, "first_snapshot",
            ("relation", model.Relation), ("body", body)), buildAt);
        return DuckDb.Scalar<long>(connection, $"SELECT count(*) FROM {model.Relation} WHERE is_current");
    }

    private long Snapshot(Model model, string body, DateTime buildAt)
    {
        if (model.Config.ContainsKey("follows_key_map"))
        {
            KeyMap.Follow(connection, model, buildAt);
        }
        var checkColumns = model.Config["check_cols"].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var same = string.Join(" AND ", checkColumns.Select(c =>
            $"c.{SqlText.Identifier(c)} IS NOT DISTINCT FROM {model.Relation}.{SqlText.Identifier(c)}"));
        DuckDb.Execute(connection, SqlResources.Get(Statements, "snapshot_current", ("body", body)));
        DuckDb.Execute(connection, SqlResources.Get(Statements, "snapshot_close", ("relation", model.Relation),
            ("key_match", KeyMatch(model, "c", model.Relation)), ("unchanged", same)), buildAt);
        DuckDb.Execute(connection, SqlResources.Get(Statements, "snapshot_open", ("relation", model.Relation),
            ("key_match", KeyMatch(model, "c", "s"))), buildAt);
        DuckDb.Execute(connection, "DROP TABLE cxw_current");
        return DuckDb.Scalar<long>(connection, $"SELECT count(*) FROM {model.Relation} WHERE is_current");
    }

    private static string KeyMatch(Model model, string left, string right) =>
        string.Join(" AND ", model.UniqueKey.Select(k => $"{left}.{SqlText.Identifier(k)} = {right}.{SqlText.Identifier(k)}"));
}
