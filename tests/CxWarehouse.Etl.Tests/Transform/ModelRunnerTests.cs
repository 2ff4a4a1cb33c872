using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Transform;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Transform;

public sealed class ModelRunnerTests : IDisposable
{
    private readonly TempFolder _sql = new();
    private readonly DuckDB.NET.Data.DuckDBConnection _db;

    public ModelRunnerTests()
    {
        _db = DuckDb.OpenScratch(new WarehouseSettings(), Path.Combine(_sql.Path, "tmp"));
        DuckDb.Execute(_db, "CREATE SCHEMA src");
        DuckDb.Execute(_db, "CREATE TABLE src.events (id VARCHAR, owner VARCHAR, event_at TIMESTAMPTZ, amount INTEGER)");
    }

    public void Dispose()
    {
        _db.Dispose();
        _sql.Dispose();
    }

    private IReadOnlyList<ModelResult> Build(bool fullRefresh = false) =>
        new ModelRunner(_db, fullRefresh).Run(ModelGraph.Load(_sql.Path).Models);

    private List<object?[]> Rows(string sql) => DuckDb.Rows(_db, sql);

    /// <summary>An incremental model of each owner's total, recomputing the owners with events since the look-back.</summary>
    private static string OwnerTotals(string extraColumns) => $"""
        -- materialized: incremental
        -- unique_key: owner
        -- updated_at: last_at
        -- lookback: 1 hour
        select owner, sum(amount) as total, max(event_at) as last_at{extraColumns}
        from src.events
        where owner in (
            select owner from src.events where event_at >= coalesce(getvariable('cxw_since'), '-infinity'::timestamptz))
        group by owner
        """;

    [Fact]
    public void Incremental_ReplacesOnlyTheKeysSeenSinceTheLookBack()
    {
        _sql.Write("core/fct_owner_totals.sql", OwnerTotals(""));
        DuckDb.Execute(_db, "INSERT INTO src.events VALUES ('1', 'ann', '2026-01-01 10:00:00+00', 5), ('2', 'bob', '2026-01-01 12:00:00+00', 7)");
        Assert.Equal(2, Build().Single().Rows);
        DuckDb.Execute(_db, "INSERT INTO src.events VALUES ('3', 'ann', '2026-01-01 12:30:00+00', 1)");

        var second = Build().Single();

        Assert.Equal(2, second.Rows); // ann (new event) and bob (inside the look-back); nothing older is recomputed
        Assert.Equal(["ann=6", "bob=7"], Rows("SELECT owner, total FROM core.fct_owner_totals ORDER BY 1").Select(r => $"{r[0]}={r[1]}"));
        Assert.Equal(2, Build(fullRefresh: true).Single().Rows);
    }

    [Fact]
    public void Incremental_WhoseColumnsChanged_IsBuiltAgainInFull()
    {
        _sql.Write("core/fct_owner_totals.sql", OwnerTotals(""));
        DuckDb.Execute(_db, "INSERT INTO src.events VALUES ('1', 'ann', '2026-01-01 10:00:00+00', 5), ('2', 'bob', '2026-01-03 12:00:00+00', 7)");
        Build();
        // A new version of the model adds a column: ann's row, outside the look-back, must get it too.
        _sql.Write("core/fct_owner_totals.sql", OwnerTotals(", count(*) as events"));

        var second = Build().Single();

        Assert.Equal(ModelStatus.Success, second.Status);
        Assert.Equal(2, second.Rows);
        Assert.Equal(["ann=5/1", "bob=7/1"],
            Rows("SELECT owner, total, events FROM core.fct_owner_totals ORDER BY 1").Select(r => $"{r[0]}={r[1]}/{r[2]}"));
    }

    [Fact]
    public void Snapshot_KeepsEveryVersionOfTheTrackedColumns()
    {
        _sql.Write("core/dim_owner_history.sql", """
            -- materialized: snapshot
            -- unique_key: owner
            -- check_cols: tier
            select owner, case when sum(amount) >= 10 then 'gold' else 'silver' end as tier
            from src.events group by owner
            """);
        DuckDb.Execute(_db, "INSERT INTO src.events VALUES ('1', 'ann', '2026-01-01 10:00:00+00', 5), ('2', 'bob', '2026-01-01 12:00:00+00', 7)");
        Build();
        DuckDb.Execute(_db, "INSERT INTO src.events VALUES ('3', 'ann', '2026-01-02 10:00:00+00', 9)");
        DuckDb.Execute(_db, "DELETE FROM src.events WHERE owner = 'bob'");
        Build();
        Build(); // no change: no new version

        var versions = Rows("SELECT owner, tier, is_current, valid_to IS NULL FROM core.dim_owner_history ORDER BY owner, valid_from")
            .Select(r => $"{r[0]}:{r[1]}:{r[2]}:{r[3]}");

        Assert.Equal(["ann:silver:False:False", "ann:gold:True:True", "bob:silver:False:False"], versions);
    }

    [Fact]
    public void Load_IncrementalWithoutKey_IsAnError()
    {
        _sql.Write("core/bad.sql", "-- materialized: incremental\nselect 1 as x");

        var error = Assert.Throws<ModelException>(() => ModelGraph.Load(_sql.Path));

        Assert.Contains("unique_key", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A memo of each text's length, counting the texts it computes (test_length is a UDF that counts).</summary>
    private const string TextLengths = """
        -- materialized: memo
        -- unique_key: text, language
        -- memo_of: src.texts
        -- memo_version: getvariable('test_version')
        select text, language, test_length(text) as length
        from src.texts as texts
        """;

    private int _computed;

    private void MemoInputs(string rows)
    {
        DuckDb.Execute(_db, "CREATE TABLE src.texts (text VARCHAR, language VARCHAR)");
        DuckDb.Execute(_db, $"INSERT INTO src.texts VALUES {rows}");
        DuckDb.Execute(_db, "SET VARIABLE test_version = 'v1'");
        _db.RegisterScalarFunction<string, int>("test_length", (readers, writer, rows) =>
        {
            for (ulong row = 0; row < rows; row++)
            {
                Interlocked.Increment(ref _computed);
                writer.WriteValue(readers[0].GetValue<string>(row).Length, row);
            }
        });
        _sql.Write("intermediate/int_text_lengths.sql", TextLengths);
    }

    private List<string> Lengths() =>
        Rows("SELECT text, coalesce(language, '-'), length FROM intermediate.int_text_lengths ORDER BY ALL")
            .Select(r => $"{r[0]}/{r[1]}={r[2]}").ToList();

    [Fact]
    public void Memo_ComputesOnlyTheInputsItHasNotSeen_AndEqualsAFullBuild()
    {
        MemoInputs("('hello', 'en'), ('olá', 'pt'), ('hi', NULL)");
        Assert.Equal(3, Build().Single().Rows);
        Assert.Equal(3, _computed);
        Build(); // nothing new: nothing computed, NULL language included
        Assert.Equal(3, _computed);
        DuckDb.Execute(_db, "DELETE FROM src.texts WHERE text = 'olá'");
        DuckDb.Execute(_db, "INSERT INTO src.texts VALUES ('hello', NULL), ('ciao', 'it')");

        var second = Build().Single();

        Assert.Equal(5, _computed); // the two new inputs only
        Assert.Equal(4, second.Rows);
        var incremental = Lengths();
        Assert.Equal(["ciao/it=4", "hello/-=5", "hello/en=5", "hi/-=2"], incremental);
        Build(fullRefresh: true);
        Assert.Equal(9, _computed);
        Assert.Equal(incremental, Lengths());
    }

    [Fact]
    public void Memo_UnderANewVersionOrSelect_ComputesEveryRowAgain()
    {
        MemoInputs("('hello', 'en'), ('hi', NULL)");
        Build();
        DuckDb.Execute(_db, "SET VARIABLE test_version = 'v2'");
        Build();
        Assert.Equal(4, _computed);
        Build();
        Assert.Equal(4, _computed);
        // A new version of the select (a column more): every row has it.
        _sql.Write("intermediate/int_text_lengths.sql", TextLengths.Replace(" as length", " as length, upper(text) as upper_text", StringComparison.Ordinal));

        Build();

        Assert.Equal(6, _computed);
        Assert.Equal(["HELLO", "HI"], Rows("SELECT upper_text FROM intermediate.int_text_lengths ORDER BY 1").Select(r => (string)r[0]!));
    }

    [Fact]
    public void Memo_WhoseVersionIsNull_FailsTheBuild()
    {
        MemoInputs("('hello', 'en')");
        DuckDb.Execute(_db, "SET VARIABLE test_version = NULL");

        var error = Assert.Throws<ModelException>(() => Build());

        Assert.Contains("memo_version", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-- materialized: memo\n-- unique_key: text\n-- memo_version: 'v1'\nselect text from src.texts", "memo_of")]
    [InlineData("-- materialized: memo\n-- unique_key: text\n-- memo_of: src.texts\nselect text from src.texts", "memo_version")]
    [InlineData("-- materialized: memo\n-- unique_key: text\n-- memo_of: src.texts\n-- memo_version: 'v1'\nselect 'x' as text", "reads its inputs")]
    [InlineData("-- materialized: memo\n-- memo_of: src.texts\n-- memo_version: 'v1'\nselect text from src.texts", "a memo model needs a '-- unique_key:'")]
    public void Load_MemoWithoutItsSettings_IsAnError(string sql, string expected)
    {
        _sql.Write("intermediate/bad.sql", sql);

        var error = Assert.Throws<ModelException>(() => ModelGraph.Load(_sql.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
