using System.Globalization;
using CxWarehouse.Cli.Tests.Support;
using DuckDB.NET.Data;
using Xunit.Abstractions;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// The oracle test of a warehouse's life: weekly deliveries replayed into one drop folder (`cxw generate --as-of`),
/// `cxw run` after each, and after every run the warehouse's core and marts equal those of a from-scratch build
/// over the same files.
/// </summary>
/// <remarks>
/// What "equal" means: every core and mart table has the same rows, customer keys compared through each build's
/// own core.customer_keys (a key is replaced by the smallest record it names, so two builds agree when they group
/// the same records under one key each). Keys are usually the same values too (a from-scratch build issues each
/// customer the key of its earliest-seen record, which is the key that survives merges) but need not be: a key
/// kept through a split, or issued before a record seen earlier arrived late, stays as it was.
/// History tables hold what only a warehouse that lived through the builds can know, and are checked instead for:
/// dim_customer_history: its current versions equal the from-scratch build's (a new warehouse's history is its
/// current versions); customer_key_map and customer_key_events: every key ever issued is still in the map, each
/// record keeps its key from one build to the next unless its key merged (then it has the surviving key) or it
/// split off (then an event says so); identity_matches: its per-rule rows equal, its per-build rows are history.
/// </remarks>
public sealed class DeliveryReplayTests(ITestOutputHelper output)
{
    private static readonly string[] s_history = ["dim_customer_history", "customer_key_map", "customer_key_events"];

    [Fact]
    public async Task WeeklyDeliveries_EveryRunEqualsAFromScratchBuild_AndCustomersKeepTheirKeys()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cxw-replay-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var config = Path.Combine(folder, "cx.yml");
            File.WriteAllText(config, File.ReadAllText(Path.Combine(Cxw.RepoRoot, "cxwarehouse.yml"))
                .Replace("data-sample/", "drop/", StringComparison.Ordinal));
            var start = new DateOnly(2026, 1, 5);
            string[] Args(string name) =>
            [
                "-c", config, "-q", "--lake", Path.Combine(folder, name, "lake"),
                "--warehouse", Path.Combine(folder, name, "cx.duckdb"), "--output", Path.Combine(folder, name, "out"),
            ];
            // CI replays 12 weeks of a small business; CXW_REPLAY_SCALE and CXW_REPLAY_WEEKS replay a larger one.
            var scale = Environment.GetEnvironmentVariable("CXW_REPLAY_SCALE") is { Length: > 0 } s ? s : "0.15";
            var weeks = Environment.GetEnvironmentVariable("CXW_REPLAY_WEEKS") is { Length: > 0 } w
                ? int.Parse(w, CultureInfo.InvariantCulture) : 12;
            var end = start.AddDays(7 * (weeks + 4) - 1);
            Dictionary<string, string>? previousKeys = null;
            long merges = 0, splits = 0;
            var restated = 0;
            // Two weeks of history first, then one delivery a week.
            for (var week = 2; week < 2 + weeks; week++)
            {
                var asOf = start.AddDays(7 * week - 1);
                var deliver = Cxw.Run(folder, "generate", "--scale", scale, "--seed", "11", "--start", "2026-01-05",
                    "--end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--dirty-share", "0", "--out", Path.Combine(folder, "drop"),
                    "--as-of", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "-q");
                Assert.True(deliver.ExitCode == 0, deliver.Stderr);

                if (Directory.Exists(Path.Combine(folder, "scratch")))
                {
                    Directory.Delete(Path.Combine(folder, "scratch"), recursive: true);
                }
                // The two builds run side by side: each has its own lake and warehouse, the drop folder is only read.
                var runs = new[] { "incremental", "scratch" }
                    .Select(name => Task.Run(() => Cxw.Run(folder, ["run", .. Args(name)]))).ToArray();
                var finished = await Task.WhenAll(runs);
                var (incremental, scratch) = (finished[0], finished[1]);
                Assert.True(incremental.ExitCode == 0, $"week {week}: {incremental.Stderr}");
                Assert.True(scratch.ExitCode == 0, $"week {week} from scratch: {scratch.Stderr}");

                using var db = Attach(Path.Combine(folder, "incremental", "cx.duckdb"), Path.Combine(folder, "scratch", "cx.duckdb"));
                var differences = Compare(db);
                Assert.True(differences.Count == 0, $"week {week} ({asOf:yyyy-MM-dd}):\n" + string.Join("\n", differences));

                // Deliveries that change the past (cases closed later, late events, replies) restate closed periods.
                using (var results = System.Text.Json.JsonDocument.Parse(
                    File.ReadAllText(Path.Combine(folder, "incremental", "out", "run_results.json"))))
                {
                    restated += results.RootElement.GetProperty("restated").GetArrayLength();
                }
                var keys = Rows(db, "SELECT node, customer_key FROM inc.core.customer_keys")
                    .ToDictionary(r => (string)r[0]!, r => (string)r[1]!, StringComparer.Ordinal);
                if (previousKeys is not null)
                {
                    KeysKept(db, previousKeys, keys, week);
                }
                previousKeys = keys;
                var latest = Rows(db, """
                    SELECT coalesce(sum(merges), 0), coalesce(sum(splits), 0) FROM inc.marts.identity_matches
                    WHERE kind = 'build' AND built_at = (SELECT max(built_at) FROM inc.marts.identity_matches)
                    """).Single();
                merges = Rows(db, "SELECT count(*) FROM inc.core.customer_key_events WHERE event = 'merge'").Single()[0] is long m ? m : 0;
                splits = Rows(db, "SELECT count(*) FROM inc.core.customer_key_events WHERE event = 'split'").Single()[0] is long p ? p : 0;
                output.WriteLine($"week {week} as of {asOf:yyyy-MM-dd}: equal to the from-scratch build; {keys.Count} records, "
                    + $"{keys.Values.Distinct().Count()} keys; this build {latest[0]} merge(s), {latest[1]} split(s) "
                    + $"; so far {merges} merge(s), {splits} split(s), {restated} period(s) restated");
            }
            Assert.True(merges > 0, "the replay merged no customers: it does not exercise keys that survive merges");
            Assert.True(restated > 0, "no delivery restated a past period: the replay does not exercise restatement");

            // A run with nothing new changes nothing.
            using (var before = Attach(Path.Combine(folder, "incremental", "cx.duckdb"), Path.Combine(folder, "scratch", "cx.duckdb")))
            {
                var history = Rows(before, "SELECT count(*) FROM inc.core.dim_customer_history").Single()[0];
                before.Close();
                var again = Cxw.Run(folder, ["run", .. Args("incremental")]);
                Assert.True(again.ExitCode == 0, again.Stderr);
                using var results = System.Text.Json.JsonDocument.Parse(
                    File.ReadAllText(Path.Combine(folder, "incremental", "out", "run_results.json")));
                Assert.True(results.RootElement.GetProperty("build_skipped").GetBoolean(), "a run with nothing new rebuilt models");
                Assert.Empty(results.RootElement.GetProperty("models").EnumerateArray());
                using var after = Attach(Path.Combine(folder, "incremental", "cx.duckdb"), Path.Combine(folder, "scratch", "cx.duckdb"));
                Assert.Empty(Compare(after));
                Assert.Equal(history, Rows(after, "SELECT count(*) FROM inc.core.dim_customer_history").Single()[0]);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Records present in both builds keep their key unless it merged (then: the survivor) or they split off.</summary>
    private static void KeysKept(DuckDBConnection db, Dictionary<string, string> before, Dictionary<string, string> after, int week)
    {
        var map = Rows(db, "SELECT customer_key, current_key FROM inc.core.customer_key_map")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!, StringComparer.Ordinal);
        var splitKeys = Rows(db, """
            SELECT DISTINCT customer_key FROM inc.core.customer_key_events
            WHERE event = 'split' AND built_at = (SELECT max(built_at) FROM inc.core.customer_key_events)
            """).Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
        var lost = before.Keys.Where(k => !map.ContainsKey(before[k])).Take(3).ToList();
        Assert.True(lost.Count == 0, $"week {week}: keys vanished from the key map: {string.Join(", ", lost)}");
        var moved = after.Where(a => before.TryGetValue(a.Key, out var old) && map[old] != a.Value && !splitKeys.Contains(old))
            .Take(3).Select(a => $"{a.Key}: {before[a.Key]} -> {a.Value} (map says {map[before[a.Key]]})").ToList();
        Assert.True(moved.Count == 0, $"week {week}: records changed key without a merge or split: {string.Join("; ", moved)}");
    }

    private static DuckDBConnection Attach(string incremental, string scratch)
    {
        var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        Execute(db, $"ATTACH '{incremental}' AS inc (READ_ONLY)");
        Execute(db, $"ATTACH '{scratch}' AS fresh (READ_ONLY)");
        // Each build's keys named by the smallest record they hold.
        foreach (var name in new[] { "inc", "fresh" })
        {
            Execute(db, $"""
                CREATE TEMP TABLE canon_{name} AS
                SELECT customer_key, min(node) AS canonical FROM {name}.core.customer_keys GROUP BY customer_key
                """);
        }
        return db;
    }

    /// <summary>The tables of core and marts whose content differs between the two builds, with example rows.</summary>
    private static List<string> Compare(DuckDBConnection db)
    {
        var differences = new List<string>();
        var tables = Rows(db, """
            SELECT table_schema, table_name FROM information_schema.tables
            WHERE table_catalog = 'fresh' AND table_schema IN ('core', 'marts') AND table_type = 'BASE TABLE'
            ORDER BY 1, 2
            """).Select(r => ((string)r[0]!, (string)r[1]!)).ToList();
        var incremental = Rows(db, """
            SELECT table_schema || '.' || table_name FROM information_schema.tables
            WHERE table_catalog = 'inc' AND table_schema IN ('core', 'marts') AND table_type = 'BASE TABLE'
            """).Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
        foreach (var (schema, table) in tables)
        {
            if (!incremental.Contains($"{schema}.{table}"))
            {
                differences.Add($"{schema}.{table}: missing from the incremental warehouse");
                continue;
            }
            if (s_history.Contains(table))
            {
                continue;
            }
            var filter = table == "identity_matches" ? "WHERE t.kind = 'rule'" : "";
            var columns = Rows(db, $"""
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_catalog = 'fresh' AND table_schema = '{schema}' AND table_name = '{table}'
                ORDER BY ordinal_position
                """).Select(r => ((string)r[0]!, (string)r[1]!)).ToList();
            // Keys through each build's canonical names; doubles to 12 significant digits (a sum of doubles
            // depends on the order rows are added in, which differs between a lake built in one go and in weeks).
            var expressions = string.Join(", ", columns.Select(c => c switch
            {
                ("customer_key", _) => "coalesce(c.canonical, t.customer_key) AS customer_key",
                (var name, "DOUBLE" or "FLOAT") => $"printf('%.12g', t.\"{name}\") AS \"{name}\"",
                (var name, _) => $"t.\"{name}\"",
            }));
            string Select(string name) =>
                $"SELECT {expressions} FROM {name}.{schema}.{table} AS t LEFT JOIN canon_{name} AS c ON c.customer_key = "
                + (columns.Any(c => c.Item1 == "customer_key") ? "t.customer_key" : "NULL") + $" {filter}";
            string Hash(string name) => (string)Rows(db,
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(x::VARCHAR, '|' ORDER BY x::VARCHAR)), '') FROM ({Select(name)}) AS x").Single()[0]!;
            var (a, b) = (Hash("inc"), Hash("fresh"));
            if (a != b)
            {
                var examples = Rows(db, $"""
                    (SELECT 'incremental only' AS side, x::VARCHAR AS row FROM (({Select("inc")}) EXCEPT ALL ({Select("fresh")})) AS x LIMIT 3)
                    UNION ALL
                    (SELECT 'from scratch only', x::VARCHAR FROM (({Select("fresh")}) EXCEPT ALL ({Select("inc")})) AS x LIMIT 3)
                    """).Select(r => $"    {r[0]}: {r[1]}");
                differences.Add($"{schema}.{table}: {a} vs {b}\n{string.Join("\n", examples)}");
            }
        }
        // The history's current versions are what a new warehouse's history holds.
        string Current(string name) => $"""
            SELECT coalesce(c.canonical, h.customer_key) AS customer_key, h.segment, h.loyalty_tier, h.home_location_id
            FROM {name}.core.dim_customer_history AS h LEFT JOIN canon_{name} AS c ON c.customer_key = h.customer_key
            WHERE h.is_current
            """;
        var current = Rows(db, $"SELECT count(*) FROM ((({Current("inc")}) EXCEPT ALL ({Current("fresh")})) UNION ALL (({Current("fresh")}) EXCEPT ALL ({Current("inc")})))").Single()[0];
        if (current is not 0L)
        {
            differences.Add($"core.dim_customer_history: {current} current version(s) differ from the from-scratch build's");
        }
        return differences;
    }

    private static void Execute(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<object?[]> Rows(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }
        return rows;
    }
}
