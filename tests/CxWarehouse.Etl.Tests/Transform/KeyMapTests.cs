using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Transform;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Transform;

/// <summary>Keys that survive merges and splits (the key_map materialisation) and the history that follows them.</summary>
public sealed class KeyMapTests : IDisposable
{
    private readonly TempFolder _sql = new();
    private readonly DuckDB.NET.Data.DuckDBConnection _db;

    public KeyMapTests()
    {
        _db = DuckDb.OpenScratch(new WarehouseSettings(), Path.Combine(_sql.Path, "tmp"));
        DuckDb.Execute(_db, "CREATE SCHEMA src");
        DuckDb.Execute(_db, "CREATE TABLE src.records (node VARCHAR, cluster_id VARCHAR, first_seen_at TIMESTAMPTZ, segment VARCHAR)");
        _sql.Write("core/customer_keys.sql", """
            -- materialized: key_map
            -- key_map: customer_key_map
            -- key_events: customer_key_events
            select node, cluster_id, first_seen_at from src.records
            """);
        _sql.Write("core/dim_customer.sql", """
            select keys.customer_key, max(records.segment) as segment
            from src.records as records inner join core.customer_keys as keys on keys.node = records.node
            group by keys.customer_key
            """);
        _sql.Write("core/dim_customer_history.sql", """
            -- materialized: snapshot
            -- unique_key: customer_key
            -- check_cols: segment
            -- follows_key_map: core.customer_key_map
            select customer_key, segment from core.dim_customer
            """);
    }

    public void Dispose()
    {
        _db.Dispose();
        _sql.Dispose();
    }

    private void Build(bool fullRefresh = false) => new ModelRunner(_db, fullRefresh).Run(ModelGraph.Load(_sql.Path).Models);

    private void Records(params (string Node, string Cluster, int Day, string Segment)[] records)
    {
        DuckDb.Execute(_db, "DELETE FROM src.records");
        foreach (var (node, cluster, day, segment) in records)
        {
            DuckDb.Execute(_db, "INSERT INTO src.records VALUES ($1, $2, TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_days(CAST($3 AS INTEGER)), $4)",
                node, cluster, day, segment);
        }
    }

    /// <summary>The key a from-scratch build gives a cluster whose earliest-seen record is <paramref name="node"/>.</summary>
    private string KeyOf(string node) => DuckDb.Scalar<string>(_db, "SELECT 'C' || substr(md5($1), 1, 16)", node)!;

    private string Key(string node) => DuckDb.Scalar<string>(_db, "SELECT customer_key FROM core.customer_keys WHERE node = $1", node)!;

    private List<string> Strings(string sql) =>
        DuckDb.Rows(_db, sql).Select(r => string.Join("|", r.Select(v => v?.ToString() ?? "null"))).ToList();

    [Fact]
    public void KeyMap_MergesKeepTheOlderKey_SplitsGetANewOne_AndHistoryFollows()
    {
        Records(("z1", "z", 0, "gold"), ("a1", "a", 1, "portrait"), ("b1", "b", 2, "event"), ("c1", "c", 3, "wedding"),
            ("c2", "c", 4, "wedding"));
        Build();
        // A first build: each cluster's key is that of its earliest-seen record.
        Assert.Equal(KeyOf("a1"), Key("a1"));
        Assert.Equal(KeyOf("b1"), Key("b1"));
        Assert.Equal(KeyOf("c1"), Key("c2"));
        var (ka, kb, kc, kz) = (KeyOf("a1"), KeyOf("b1"), KeyOf("c1"), KeyOf("z1"));

        // New data links a1 and b1, and a record seen before either (e0) arrives late; c2 no longer belongs with c1.
        Records(("z1", "z", 0, "gold"), ("e0", "x", -5, "portrait"), ("a1", "x", 1, "portrait"), ("b1", "x", 2, "portrait"),
            ("c1", "c", 3, "wedding"), ("c2", "d", 4, "wedding"));
        Build();

        // The older key survives (both were issued in the first build: a1 was seen first), even though e0 is earlier.
        Assert.Equal(ka, Key("b1"));
        Assert.Equal(ka, Key("e0"));
        Assert.Equal(kc, Key("c1"));
        Assert.Equal(KeyOf("c2"), Key("c2"));
        Assert.Equal([$"merge|{kb}|{ka}|1", $"split|{kc}|{KeyOf("c2")}|1"],
            Strings("SELECT event, customer_key, into_key, records FROM core.customer_key_events ORDER BY event"));
        Assert.Equal($"{ka}|merged", Strings($"SELECT current_key, retired_why FROM core.customer_key_map WHERE customer_key = '{kb}'").Single());
        // b's history moved under a's key, its version closed; one current version per customer.
        Assert.Equal(["event|False|False", "portrait|True|True"],
            Strings($"SELECT segment, is_current, valid_to IS NULL FROM core.dim_customer_history WHERE customer_key = '{ka}' ORDER BY segment"));
        Assert.Empty(Strings("SELECT customer_key FROM core.dim_customer_history WHERE is_current GROUP BY 1 HAVING count(*) > 1"));

        // z's cluster joins a's: z's key is older-anchored (z1 seen first), so it survives and a's key, and b's
        // through it, now map to z's. c2 is deleted: its key is retired as removed.
        Records(("z1", "x", 0, "gold"), ("e0", "x", -5, "portrait"), ("a1", "x", 1, "portrait"), ("b1", "x", 2, "portrait"),
            ("c1", "c", 3, "wedding"));
        Build();

        Assert.Equal(kz, Key("a1"));
        Assert.Equal([kz, kz, kz], Strings($"SELECT current_key FROM core.customer_key_map WHERE customer_key IN ('{ka}', '{kb}', '{kz}')"));
        Assert.Equal("removed", Strings($"SELECT retired_why FROM core.customer_key_map WHERE customer_key = '{KeyOf("c2")}'").Single());
        Assert.Empty(Strings($"SELECT 1 FROM core.dim_customer_history WHERE customer_key IN ('{ka}', '{kb}')"));

        // A full refresh rebuilds the models but keeps the keys customers have.
        Build(fullRefresh: true);
        Assert.Equal(kz, Key("b1"));
        Assert.Equal(kc, Key("c1"));
        // A key once issued is never issued again: c2 returns on its own and gets a key of its own, not the removed one.
        Records(("z1", "x", 0, "gold"), ("c1", "c", 3, "wedding"), ("c2", "d", 4, "wedding"));
        Build();
        Assert.NotEqual(KeyOf("c2"), Key("c2"));
        Assert.Equal(1L, DuckDb.Scalar<long>(_db, "SELECT count(*) FROM core.customer_key_map WHERE customer_key = $1", Key("c2")));
    }

    [Fact]
    public void KeyMap_ClustersThatChangedNothing_KeepTheirKeys_AndOnlyWhatChangedMoves()
    {
        Records(("a1", "a", 0, "x"), ("a2", "a", 1, "x"), ("a3", "a", 2, "x"), ("b1", "b", 3, "x"), ("c1", "c", 4, "x"),
            ("c2", "c", 5, "x"));
        Build();
        var (ka, kb, kc) = (Key("a1"), Key("b1"), Key("c1"));
        string Keys() => string.Join(" ", Strings("SELECT node, customer_key FROM core.customer_keys ORDER BY node")
            .Select(r => r.Replace(ka, "ka", StringComparison.Ordinal).Replace(kb, "kb", StringComparison.Ordinal)
                .Replace(kc, "kc", StringComparison.Ordinal)));

        // a3 is deleted (a keeps its key without it), b gains a record (b2), c is as it was.
        Records(("a1", "a", 0, "x"), ("a2", "a", 1, "x"), ("b1", "b", 3, "x"), ("b2", "b", 6, "x"), ("c1", "c", 4, "x"),
            ("c2", "c", 5, "x"));
        Build();

        Assert.Equal("a1|ka a2|ka b1|kb b2|kb c1|kc c2|kc", Keys());
        Assert.Empty(Strings("SELECT * FROM core.customer_key_events"));

        // c2 moves to b's cluster: c keeps its key (c1, seen first, stays), c2 splits off into b's; a is settled.
        Records(("a1", "a", 0, "x"), ("a2", "a", 1, "x"), ("b1", "b", 3, "x"), ("b2", "b", 6, "x"), ("c1", "c", 4, "x"),
            ("c2", "b", 5, "x"));
        Build();

        Assert.Equal("a1|ka a2|ka b1|kb b2|kb c1|kc c2|kb", Keys());
        Assert.Equal([$"split|{kc}|{kb}|1"], Strings("SELECT event, customer_key, into_key, records FROM core.customer_key_events"));

        // Every record of c is deleted, and b's records are all that remain of two keys' worth: c's key is removed.
        Records(("a1", "a", 0, "x"), ("a2", "a", 1, "x"), ("b1", "b", 3, "x"), ("b2", "b", 6, "x"), ("c2", "b", 5, "x"));
        Build();

        Assert.Equal("a1|ka a2|ka b1|kb b2|kb c2|kb", Keys());
        Assert.Equal("removed", Strings($"SELECT retired_why FROM core.customer_key_map WHERE customer_key = '{kc}'").Single());
    }
}
