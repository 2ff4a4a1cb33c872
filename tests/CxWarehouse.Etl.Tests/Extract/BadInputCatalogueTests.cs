using System.Text;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Extract;

/// <summary>
/// The bad-input catalogue of shared/docs/reliability.md, case by case, through a source mapping written in the
/// configuration as a user writes it: E = the file fails with a clear error, Q = the row is quarantined with a
/// reason, A = accepted. (Cases covered elsewhere: ragged rows, wrong delimiter, BOM, Latin-1, GB18030, empty
/// file, truncated CSV and gzip, duplicate headers, duplicate keys and the same file twice in ExtractorTests.)
/// </summary>
public sealed class BadInputCatalogueTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Orders(string options = "") => $$"""
        sources:
          - name: shop
            kind: crm
            path: exports
            time_zone: Europe/London
            streams:
              crm.orders:
                files: orders.csv
        {{options}}
                fields:
                  order_id: id
                  ordered_at: {column: placed, format: "%Y-%m-%d %H:%M"}
                  amount: amount
                  status: note
        """;

    private (StreamResult Result, Lake Lake) Run(string yaml, string csv, string file = "orders.csv", int? threads = 1)
    {
        _folder.Write($"exports/{file}", csv);
        var config = ConfigLoader.Parse(Path.Combine(_folder.Path, "cxwarehouse.yml"), new StringReader(yaml), _folder.Path);
        var lake = new Lake(Path.Combine(_folder.Path, "lake"));
        var extractor = new Extractor(lake, "run1", new WarehouseSettings { Threads = threads });
        var (input, mapping) = extractor.Plan(config.Sources).Single();
        return (extractor.Extract(input, mapping), lake);
    }

    private List<object?[]> Query(Lake lake, string sql) => LakeQuery.Rows(lake, _folder.Path, sql);

    private static void AssertReconciles(StreamResult result) =>
        Assert.Equal(result.RowsRead, result.RowsLoaded + result.RowsQuarantined + result.RowsDeduplicated);

    [Fact]
    public void Case01_MisquotedField_Quarantined()
    {
        var (result, lake) = Run(Orders(), "id,placed,amount,note\n1,2026-01-05 10:00,5,\"RUSSELL \"HILLS,\"   \"\n2,2026-01-05 10:00,6,ok\n");

        Assert.Equal((1L, 1L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(2L, Query(lake, "SELECT line FROM q").Single()[0]);
        AssertReconciles(result);
    }

    [Fact]
    public void Case02_UnclosedQuoteSwallowingTheFile_FailsTheFileNamingTheRecord()
    {
        var (result, _) = Run(Orders(), "id,placed,amount,note\n1,2026-01-05 10:00,5,\"unclosed\n2,2026-01-05 10:00,6,ok\n3,2026-01-05 10:00,7,ok\n");

        Assert.Equal("failed", result.Status);
        Assert.Contains("record 2: a quoted value is never closed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Case03_StrayQuoteInsideAValue_AcceptedLiterally()
    {
        var (result, lake) = Run(Orders(), "id,placed,amount,note\n1,2026-01-05 10:00,5,Tablet 7\" 8GB\n");

        Assert.Equal(1, result.RowsLoaded);
        Assert.Equal("Tablet 7\" 8GB", Query(lake, "SELECT status FROM data").Single()[0]);
    }

    [Fact]
    public void Case10_FieldOverTheLineLimit_Quarantined()
    {
        var huge = new string('x', 17 * 1024 * 1024);
        var (result, lake) = Run(Orders(), $"id,placed,amount,note\n1,2026-01-05 10:00,5,{huge}\n2,2026-01-05 10:00,6,ok\n");

        Assert.Equal("ok", result.Status);
        Assert.Equal((1L, 1L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Contains("LINE SIZE", (string)Query(lake, "SELECT reason FROM q").Single()[0]!);
    }

    [Fact]
    public void Case12_HeaderOnly_AcceptedWithZeroRows()
    {
        var (result, _) = Run(Orders(), "id,placed,amount,note\n");

        Assert.Equal("empty", result.Status);
        Assert.Equal(0, result.RowsRead);
    }

    [Fact]
    public void Case16_SchemaDrift_NewColumnAccepted_MissingOptionalColumnNull()
    {
        var (result, lake) = Run(Orders(), "id,placed,extra_new_column\n1,2026-01-05 10:00,whatever\n");

        Assert.Equal("ok", result.Status);
        Assert.Equal(1, result.RowsLoaded);
        Assert.Null(Query(lake, "SELECT amount FROM data").Single()[0]);
    }

    [Fact]
    public void Case16_PrimaryKeyColumnGone_FailsTheFile()
    {
        var (result, _) = Run(Orders(), "order,placed,amount,note\n1,2026-01-05 10:00,5,x\n");

        Assert.Equal("failed", result.Status);
        Assert.Contains("required column 'id' is missing", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Case16_TypeChange_RowsQuarantined()
    {
        var (result, lake) = Run(Orders(), "id,placed,amount,note\n1,2026-01-05 10:00,5,x\n2,2026-01-05 10:00,five,x\n");

        Assert.Equal((1L, 1L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal("amount: cannot read 'five' as an amount", Query(lake, "SELECT reason FROM q").Single()[0]);
    }

    [Fact]
    public void Case17_JsonKeyFirstSeenLate_IsRead()
    {
        var yaml = """
            sources:
              - name: pbx
                kind: calls
                path: exports
                streams:
                  calls.calls:
                    files: calls.ndjson
                    format: ndjson
                    fields:
                      call_id: id
                      initiated_at: at
                      is_answered: {const: "true"}
                      topic: $.extra.topic
            """;
        var text = new StringBuilder();
        for (var i = 0; i < 30_000; i++)
        {
            text.Append("{\"id\":\"c").Append(i).Append("\",\"at\":\"2026-01-05T10:00:00Z\"}\n");
        }
        text.Append("{\"id\":\"late\",\"at\":\"2026-01-05T10:00:00Z\",\"extra\":{\"topic\":\"billing\"}}\n");

        var (result, lake) = Run(yaml, text.ToString(), "calls.ndjson");

        Assert.Equal(30_001, result.RowsLoaded);
        Assert.Equal("billing", Query(lake, "SELECT topic FROM data WHERE call_id = 'late'").Single()[0]);
    }

    [Fact]
    public void Case17b_JsonLinesWithALookup_BadLinesKeepTheirLineNumbers()
    {
        // A lookup joins every record to another file: the join must not move a line away from its number.
        var yaml = """
            sources:
              - name: pbx
                kind: calls
                path: exports
                streams:
                  calls.calls:
                    files: calls.ndjson
                    format: ndjson
                    let:
                      cid: "json ->> '$.id'"
                    lookups:
                      topics: {files: topics.csv, key: call, on: cid, values: {topic: "first(topic)"}}
                    fields:
                      call_id: id
                      initiated_at: at
                      is_answered: {const: "true"}
                      topic: {expr: "topics.topic"}
            """;
        _folder.Write("exports/topics.csv", "call,topic\nc7,billing\nc59999,refund\n");
        var bad = new[] { 3, 25_000, 50_001 };
        var text = new StringBuilder();
        for (var line = 1; line <= 60_000; line++)
        {
            text.Append(bad.Contains(line) ? "{\"id\": broken" : $"{{\"id\":\"c{line}\",\"at\":\"2026-01-05T10:00:00Z\"}}").Append('\n');
        }

        // Every core, so that the file is read in parallel.
        var (result, lake) = Run(yaml, text.ToString(), "calls.ndjson", threads: null);

        Assert.Equal((60_000L - bad.Length, (long)bad.Length), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(bad.Select(b => (long)b), Query(lake, "SELECT line FROM q ORDER BY line").Select(r => (long)r[0]!));
        Assert.Equal(["c59999=refund", "c7=billing"],
            Query(lake, "SELECT call_id, topic FROM data WHERE topic IS NOT NULL ORDER BY 1").Select(r => $"{r[0]}={r[1]}"));
        AssertReconciles(result);
    }

    [Fact]
    public void Case18_ImpossibleDate_QuarantinedAndLooseFormatsRejected()
    {
        var (result, lake) = Run(Orders(), "id,placed,amount,note\n1,2025-02-29 10:00,5,x\n2,12/31/2025 10:00,5,x\n3,2026-01-05 10:00,5,x\n");

        Assert.Equal((1L, 2L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.All(Query(lake, "SELECT reason FROM q"), r => Assert.Contains("as a timestamp", (string)r[0]!));
    }

    [Fact]
    public void Case19_DstGap_Quarantined_OverlapAcceptedAsTheLaterOccurrence()
    {
        // Europe/London: 2026-03-29 01:30 does not exist; 2026-10-25 01:30 happens twice.
        var (result, lake) = Run(Orders(), "id,placed,amount,note\n1,2026-03-29 01:30,5,gap\n2,2026-10-25 01:30,5,overlap\n");

        Assert.Equal((1L, 1L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Contains("does not exist in Europe/London", (string)Query(lake, "SELECT reason FROM q").Single()[0]!);
        Assert.Equal("2026-10-25 01:30", Query(lake, "SELECT strftime(ordered_at, '%Y-%m-%d %H:%M') FROM data").Single()[0]);
    }

    [Fact]
    public void Case20_CommaDecimals_FailTheFileUnlessConfigured()
    {
        const string csv = "id,placed,amount,note\n1,2026-01-05 10:00,\"1,50\",x\n2,2026-01-05 10:00,\"1.234,50\",x\n3,2026-01-05 10:00,\"2,00\",x\n";

        var (unset, _) = Run(Orders(), csv);
        Assert.Equal("failed", unset.Status);
        Assert.Contains("decimal comma", unset.Message, StringComparison.Ordinal);

        var (set, lake) = Run(Orders("        decimal: \",\""), csv);
        Assert.Equal(3, set.RowsLoaded);
        Assert.Equal([1.5m, 1234.5m, 2m], Query(lake, "SELECT amount FROM data ORDER BY order_id").Select(r => (decimal)r[0]!));
    }

    [Fact]
    public void Case21_NullSpellings_ReadAsNullFromTheSourcesList()
    {
        var (result, lake) = Run(Orders("        nulls: [\"NULL\", \"\\\\N\", \"NA\"]"),
            "id,placed,amount,note\n1,2026-01-05 10:00,NULL,NA\n2,2026-01-05 10:00,\\N,x\n");

        Assert.Equal(2, result.RowsLoaded);
        Assert.Equal(2L, Query(lake, "SELECT count(*) FROM data WHERE amount IS NULL").Single()[0]);
        Assert.Null(Query(lake, "SELECT status FROM data WHERE order_id = '1'").Single()[0]);
    }

    [Fact]
    public void Case25_EmojiCjkAndControlCharacters_RoundTripByteExact()
    {
        const string text = "Great 📸 拍照非常专业 ótimo\u0007bell";
        var (result, lake) = Run(Orders(), $"id,placed,amount,note\n1,2026-01-05 10:00,5,\"{text}\"\n");

        Assert.Equal(1, result.RowsLoaded);
        Assert.Equal(text, Query(lake, "SELECT status FROM data").Single()[0]);
    }

    [Fact]
    public void LocalSource_BareDateAndOffsets_ReadInTheRightZone()
    {
        var yaml = Orders().Replace("ordered_at: {column: placed, format: \"%Y-%m-%d %H:%M\"}", "ordered_at: placed",
            StringComparison.Ordinal);
        var (result, lake) = Run(yaml, "id,placed,amount,note\n1,2026-07-01,5,x\n2,2026-07-01T10:00:00+02:00,5,x\n3,2026-07-01 10:00:00Z,5,x\n");

        Assert.Equal(3, result.RowsLoaded);
        Assert.Equal(["1=2026-06-30 23:00", "2=2026-07-01 08:00", "3=2026-07-01 10:00"],
            Query(lake, "SELECT order_id, strftime(ordered_at, '%Y-%m-%d %H:%M') FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}"));
    }
}
