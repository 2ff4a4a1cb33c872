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

        Assert.Equal(StreamStatus.Failed, result.Status);
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

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal((1L, 1L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Contains("the record is longer than 16 MiB", (string)Query(lake, "SELECT reason FROM q").Single()[0]!);
    }

    [Fact]
    public void Case12_HeaderOnly_AcceptedWithZeroRows()
    {
        var (result, _) = Run(Orders(), "id,placed,amount,note\n");

        Assert.Equal(StreamStatus.Empty, result.Status);
        Assert.Equal(0, result.RowsRead);
    }

    private const string JsonOrders = """
        sources:
          - name: shop
            kind: crm
            path: exports
            time_zone: UTC
            streams:
              crm.orders:
                files: orders.ndjson
                format: ndjson
                fields:
                  order_id: id
                  ordered_at: placed
        """;

    [Fact]
    public void Case13_CompleteLastRecordWithoutALineEnd_IsRead()
    {
        // As Google Sheets' CSV download, head -n and many exporters write it.
        var (csv, csvLake) = Run(Orders(), "id,placed,amount,note\n1,2026-01-05 10:00,5,a\n2,2026-01-05 10:00,6,\"b, c\"");

        Assert.Equal((StreamStatus.Ok, 2L), (csv.Status, csv.RowsLoaded));
        Assert.Equal("b, c", Query(csvLake, "SELECT status FROM data WHERE order_id = '2'").Single()[0]);

        var (json, _) = Run(JsonOrders, "{\"id\": \"1\", \"placed\": \"2026-01-05T10:00:00Z\"}\n{\"id\": \"2\", \"placed\": \"2026-01-05T11:00:00Z\"}", "orders.ndjson");

        Assert.Equal((StreamStatus.Ok, 2L), (json.Status, json.RowsLoaded));
    }

    [Theory]
    [InlineData("id,placed,amount,note\n1,2026-01-05 10:00,5,a\n2,2026-01-05 10", "it has 2 of 4 fields")]
    [InlineData("id,placed,amount,note\n1,2026-01-05 10:00,5,a\n2,2026-01-05 10:00,6,\"cut off he", "opens a quote that is never closed")]
    public void Case13_TruncatedLastCsvRecord_FailsTheFileByItsStructure(string csv, string reason)
    {
        var (result, _) = Run(Orders(), csv);

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("shop/orders.csv: the last record is truncated", result.Message, StringComparison.Ordinal);
        Assert.Contains(reason, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Case13_TruncatedLastJsonLine_FailsTheFile()
    {
        var (result, _) = Run(JsonOrders, "{\"id\": \"1\", \"placed\": \"2026-01-05T10:00:00Z\"}\n{\"id\": \"2\", \"pla", "orders.ndjson");

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("shop/orders.ndjson: the last line is truncated", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Case13_TruncatedJsonDocument_FailsNamingTheLine()
    {
        // An API page cut off in its second record (line 3).
        var (result, _) = Run(JsonOrders, "{\"orders\": [\n  {\"id\": \"1\", \"placed\": \"2026-01-05T10:00:00Z\"},\n  {\"id\": \"2\", \"pla",
            "orders.ndjson");

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("shop/orders.ndjson: line 3: the JSON", result.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Case16_SchemaDrift_NewColumnAccepted_MissingOptionalColumnNull()
    {
        var (result, lake) = Run(Orders(), "id,placed,extra_new_column\n1,2026-01-05 10:00,whatever\n");

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal(1, result.RowsLoaded);
        Assert.Null(Query(lake, "SELECT amount FROM data").Single()[0]);
    }

    [Fact]
    public void Case16_PrimaryKeyColumnGone_FailsTheFile()
    {
        var (result, _) = Run(Orders(), "order,placed,amount,note\n1,2026-01-05 10:00,5,x\n");

        Assert.Equal(StreamStatus.Failed, result.Status);
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
        Assert.Equal(StreamStatus.Failed, unset.Status);
        Assert.Contains("decimal comma", unset.Message, StringComparison.Ordinal);

        var (set, lake) = Run(Orders("        decimal: \",\""), csv);
        Assert.Equal(3, set.RowsLoaded);
        Assert.Equal([1.5m, 1234.5m, 2m], Query(lake, "SELECT amount FROM data ORDER BY order_id").Select(r => (decimal)r[0]!));
    }

    [Fact]
    public void Case20b_ThousandsSeparatedWithAPoint_AreNotReadAsAThousandthOfThemselves()
    {
        // A European export writes 375000 as 375.000: with a decimal point it was loaded as 375.00, silently.
        const string csv = "id,placed,amount,note\n1,2026-01-05 10:00,375.000,x\n2,2026-01-05 10:00,1.250.000,x\n"
            + "3,2026-01-05 10:00,12.000,x\n4,2026-01-05 10:00,1500.5,x\n";

        var (unset, _) = Run(Orders(), csv);
        Assert.Equal(StreamStatus.Failed, unset.Status);
        Assert.Contains("separate thousands with '.'", unset.Message, StringComparison.Ordinal);

        var (set, lake) = Run(Orders("        decimal: \",\""), csv.Replace("1500.5", "\"1.500,5\"", StringComparison.Ordinal));
        Assert.Equal(4, set.RowsLoaded);
        Assert.Equal([375000m, 1250000m, 12000m, 1500.5m],
            Query(lake, "SELECT amount FROM data ORDER BY order_id").Select(r => (decimal)r[0]!));
    }

    [Fact]
    public void Case20c_AmountsWithADecimalPoint_AreReadAsTheyAre()
    {
        const string csv = "id,placed,amount,note\n1,2026-01-05 10:00,375.00,x\n2,2026-01-05 10:00,1250000,x\n"
            + "3,2026-01-05 10:00,0.5,x\n4,2026-01-05 10:00,12.25,x\n5,2026-01-05 10:00,1500.000,x\n";

        var (result, lake) = Run(Orders(), csv);

        Assert.Equal((5L, 0L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal([375m, 1250000m, 0.5m, 12.25m, 1500m],
            Query(lake, "SELECT amount FROM data ORDER BY order_id").Select(r => (decimal)r[0]!));
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
    public void Case21_NullSpellings_PaddedWithAnySpace_ReadAsNull_AValueThatOnlyContainsOneIsKept()
    {
        // Salesforce's null ids, one inside the other: a value that is one once trimmed of spaces (a no-break or an
        // ideographic space too) is NULL; a value that holds one among other characters is a value.
        var (result, lake) = Run(Orders("        nulls: [\"000000000000000AAA\", \"000000000000000\"]"),
            "id,placed,amount,note\n"
            + "1,2026-01-05 10:00,5,000000000000000AAA\n"
            + "2,2026-01-05 10:00,5,  000000000000000  \n"
            + "3,2026-01-05 10:00,5,\u00A0000000000000000AAA\u3000\n"
            + "4,2026-01-05 10:00,5,x000000000000000\n"
            + "5,2026-01-05 10:00,5,000000000000000AAB\n"
            + "6,2026-01-05 10:00,5,ok\n");

        Assert.Equal((6L, 0L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(["1=", "2=", "3=", "4=x000000000000000", "5=000000000000000AAB", "6=ok"],
            Query(lake, "SELECT order_id, status FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}"));
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
    // Section (e): values that parse but cannot be true.

    private static string Surveys(string quality = "") => $$"""
        sources:
          - name: poll
            kind: surveys
            path: exports
        {{quality}}
            streams:
              surveys.responses:
                files: responses.csv
                fields:
                  response_id: id
                  started_at: started
                  responded_at: at
                  customer_id: customer
                  touchpoint_id: order
                  nps_score: nps
                  csat_score: csat
                  ces_score: ces
        """;

    /// <summary>A header and <paramref name="good"/> plausible responses, then the rows given.</summary>
    private static string Responses(int good, params string[] rows)
    {
        var text = new StringBuilder("id,started,at,customer,order,nps,csat,ces\n");
        for (var i = 1; i <= good; i++)
        {
            text.Append($"r{i},2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,c{i},o{i},9,5,6\n");
        }
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public void Case28_OutOfRangeScores_QuarantinedNamingTheRule_TheRunGoesOn()
    {
        // A review score of 7 on a 1-5 scale once failed the whole run through a data test.
        var (result, lake) = Run(Surveys(), Responses(40,
            "bad1,2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,c1,o1,11,5,6",
            "bad2,2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,c1,o1,9,7,6",
            "bad3,2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,c1,o1,9,5,0",
            "edge,2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,c1,o1,0,1,7"), "responses.csv");

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal((41L, 3L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(["nps: 11 is outside 0-10 (rule nps_score_in_0_10)", "csat: 7 is outside 1-5 (rule csat_score_in_1_5)",
            "ces: 0 is outside 1-7 (rule ces_score_in_1_7)"], Query(lake, "SELECT reason FROM q ORDER BY line").Select(r => (string)r[0]!));
        Assert.Equal([42L, 43L, 44L], Query(lake, "SELECT line FROM q ORDER BY line").Select(r => (long)r[0]!));
        Assert.Equal(0L, Query(lake, "SELECT count(*) FROM data WHERE nps_score > 10 OR csat_score > 5 OR ces_score < 1").Single()[0]);
        AssertReconciles(result);
    }

    [Fact]
    public void Case28_NegativeDurations_Quarantined()
    {
        var yaml = """
            sources:
              - name: pbx
                kind: calls
                path: exports
                streams:
                  calls.calls:
                    files: calls.csv
                    fields:
                      call_id: id
                      initiated_at: at
                      is_answered: {const: "true"}
                      talk_s: talk
                      hold_s: hold
            """;
        var (result, lake) = Run(yaml, "id,at,talk,hold\n1,2026-06-01T10:00:00Z,60,5\n2,2026-06-01T10:00:00Z,-30,0\n3,2026-06-01T10:00:00Z,60,\n",
            "calls.csv");

        Assert.Equal((2L, 1L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal("talk: -30.0 is negative (rule talk_s_not_negative)", Query(lake, "SELECT reason FROM q").Single()[0]);
        // Unknown is not zero: a hold time the export leaves blank stays NULL.
        Assert.Null(Query(lake, "SELECT hold_s FROM data WHERE call_id = '3'").Single()[0]);
    }

    [Fact]
    public void Case29_ImpossibleOrderOfEvents_QuarantinedByDefault()
    {
        var (result, lake) = Run(Surveys(), Responses(20,
            "late,2026-06-01T11:00:00Z,2026-06-01T10:05:00Z,c1,o1,9,5,6"), "responses.csv");

        Assert.Equal((20L, 1L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal("at: 2026-06-01T10:05:00Z is before started 2026-06-01T11:00:00Z (rule responded_at_not_before_started_at)",
            Query(lake, "SELECT reason FROM q").Single()[0]);
    }

    private static string Tickets(string quality = "") => $$"""
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
                  first_response_at: responded
                  resolved_at: resolved
        """;

    [Fact]
    public void Case29_ImpossibleOrderOfEvents_NullAndFlagPolicy_LoadsTheRowWithTheValueNulled()
    {
        var quality = """
                quality:
                  streams:
                    crm.tickets: {impossible_order: null_and_flag}
            """;
        var (result, lake) = Run(Tickets(quality),
            "id,created,responded,resolved\n"
            + "t1,2026-06-01T10:00:00Z,2026-06-01T11:00:00Z,2026-06-02T10:00:00Z\n"
            + "t2,2026-06-01T10:00:00Z,2026-06-01T09:00:00Z,2026-06-01T08:00:00Z\n", "tickets.csv");

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal((2L, 0L, 1L), (result.RowsLoaded, result.RowsQuarantined, result.RowsFlagged));
        Assert.Equal([null, null], Query(lake, "SELECT first_response_at, resolved_at FROM data WHERE ticket_id = 't2'").Single());
        Assert.NotNull(Query(lake, "SELECT resolved_at FROM data WHERE ticket_id = 't1'").Single()[0]);
        // Kept: the next run's sweep of unreferenced lake files leaves the flagged rows in place.
        lake.SweepOrphans();
        var flag = Query(lake, "SELECT line, reason FROM flagged").Single();
        Assert.Equal(3L, flag[0]);
        Assert.Contains("resolved: 2026-06-01T08:00:00Z is before created 2026-06-01T10:00:00Z (rule resolved_at_not_before_created_at): resolved_at loaded as NULL",
            (string)flag[1]!, StringComparison.Ordinal);
        Assert.Contains("(rule first_response_at_not_before_created_at)", (string)flag[1]!, StringComparison.Ordinal);
        AssertReconciles(result);
    }

    [Fact]
    public void Case29_ImpossibleOrderInJsonLines_NullAndFlag_KeepsTheLineNumber()
    {
        var yaml = """
            sources:
              - name: pbx
                kind: calls
                path: exports
                quality: {impossible_order: null_and_flag}
                streams:
                  calls.calls:
                    files: calls.ndjson
                    format: ndjson
                    fields:
                      call_id: id
                      initiated_at: at
                      answered_at: answered
                      ended_at: ended
                      is_answered: {const: "true"}
            """;
        var (result, lake) = Run(yaml, string.Join("\n",
            "{\"id\":\"c1\",\"at\":\"2026-06-01T10:00:00Z\",\"answered\":\"2026-06-01T10:00:20Z\",\"ended\":\"2026-06-01T10:05:00Z\"}",
            "{\"id\":\"c2\",\"at\":\"2026-06-01T10:00:00Z\",\"answered\":\"2026-06-01T09:59:00Z\",\"ended\":\"2026-06-01T10:05:00Z\"}",
            "{\"id\":\"c3\",\"at\":\"2026-06-01T10:00:00Z\",\"answered\":\"2026-06-01T10:01:00Z\",\"ended\":\"2026-06-01T10:00:30Z\"}") + "\n",
            "calls.ndjson");

        Assert.Equal((3L, 0L, 2L), (result.RowsLoaded, result.RowsQuarantined, result.RowsFlagged));
        Assert.Equal(["c1=True|True", "c2=False|True", "c3=True|False"], Query(lake,
            "SELECT call_id, answered_at IS NOT NULL, ended_at IS NOT NULL FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}|{r[2]}"));
        Assert.Equal([2L, 3L], Query(lake, "SELECT line FROM flagged ORDER BY line").Select(r => (long)r[0]!));
        Assert.Contains("\"id\":\"c2\"", (string)Query(lake, "SELECT raw FROM flagged WHERE line = 2").Single()[0]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Case30_FutureAndImplausiblyOldTimestamps_Quarantined()
    {
        // A review answered in 2031 once loaded without a word.
        var (result, lake) = Run(Surveys(), Responses(20,
            "future,2031-03-01T10:00:00Z,2031-03-01T10:05:00Z,c1,o1,9,5,6",
            "old,1970-01-01T00:00:00Z,1970-01-01T00:00:00Z,c1,o1,9,5,6"), "responses.csv");

        Assert.Equal((20L, 2L), (result.RowsLoaded, result.RowsQuarantined));
        var reasons = Query(lake, "SELECT reason FROM q ORDER BY line").Select(r => (string)r[0]!).ToList();
        Assert.Contains("at: 2031-03-01T10:05:00Z is in the future (after ", reasons[0], StringComparison.Ordinal);
        Assert.Contains("(rule responded_at_not_in_future)", reasons[0], StringComparison.Ordinal);
        Assert.Contains("at: 1970-01-01T00:00:00Z is before the earliest plausible date 2000-01-01 (rule responded_at_not_before_earliest)",
            reasons[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Case30_EarliestDateAndToleranceAreConfigurable()
    {
        var quality = """
                quality:
                  earliest_date: 2026-01-01
            """;
        var (result, lake) = Run(Surveys(quality), Responses(20,
            "y2025,2025-12-31T10:00:00Z,2025-12-31T10:05:00Z,c1,o1,9,5,6"), "responses.csv");

        Assert.Equal((20L, 1L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Contains("before the earliest plausible date 2026-01-01", (string)Query(lake, "SELECT reason FROM q").Single()[0]!,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Case31_PlaceholderIds_ReadAsNull_NeverARealCustomerOrOrder()
    {
        var (result, lake) = Run(Surveys(), Responses(0,
            "r1,2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,000000000000000AAA,0,9,5,6",
            "r2,2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,000000000000000,-1,9,5,6",
            "r3,2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,N/A,Unknown,9,5,6",
            "r4,2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,0031x000004Abc,o7,9,5,6",
            "0,2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,c9,o9,9,5,6"), "responses.csv");

        Assert.Equal((4L, 1L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(["r1=|", "r2=|", "r3=|", "r4=0031x000004Abc|o7"],
            Query(lake, "SELECT response_id, customer_id, touchpoint_id FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}|{r[2]}"));
        // A placeholder primary key names no record: the row is quarantined as missing its id.
        Assert.Contains("required value is missing", (string)Query(lake, "SELECT reason FROM q").Single()[0]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Case34_OverTheQuarantineBudget_TheStreamFailsWithItsTopReasons()
    {
        var bad = Enumerable.Range(1, 12).Select(i => $"b{i},2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,c1,o1,9,{(i % 3 == 0 ? "x" : "9")},6");
        var (result, lake) = Run(Surveys(), Responses(100, [.. bad]), "responses.csv");

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Equal((112L, 12L), (result.RowsRead, result.RowsQuarantined));
        Assert.Equal("12 of 112 rows quarantined (10.7%), above the budget of 5% and 10 rows (quality.quarantine_budget_percent / "
            + "quarantine_budget_rows of source poll); nothing of surveys.responses was committed; top reasons: "
            + "csat: rule csat_score_in_1_5 (8 rows); csat: cannot read '...' as an integer (4 rows, e.g. shaped 'a')", result.Message);
        Assert.Empty(lake.ReadManifests());
    }

    [Fact]
    public void Case34_WithinABudgetRaisedForTheStream_TheStreamLoads()
    {
        var quality = """
                quality:
                  quarantine_budget_percent: 20
            """;
        var bad = Enumerable.Range(1, 12).Select(i => $"b{i},2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,c1,o1,9,9,6");
        var (result, _) = Run(Surveys(quality), Responses(100, [.. bad]), "responses.csv");

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal((100L, 12L), (result.RowsLoaded, result.RowsQuarantined));
    }

    [Fact]
    public void Case34_OneBadRow_NeverFailsARun()
    {
        var (result, _) = Run(Surveys(), Responses(3, "bad,2026-06-01T10:00:00Z,2026-06-01T10:05:00Z,c1,o1,9,7,6"), "responses.csv");

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal((3L, 1L), (result.RowsLoaded, result.RowsQuarantined));
    }

    [Fact]
    public void Case34_EveryRowQuarantined_AnAsteriskFileFailsEvenWithABudgetOf100Percent()
    {
        // Master.csv from a PBX writing day-first dates: every row unreadable once ended "success", exit 0.
        var yaml = """
            sources:
              - name: pbx
                profile: asterisk
                path: exports
                location: SAO
                quality:
                  quarantine_budget_percent: 100
            """;
        var csv = string.Join("\n", Enumerable.Range(1, 3).Select(i =>
            $"\"lumen\",\"1195081066{i}\",\"1130420000\",\"from-trunk\",\"x\",\"SIP/a\",\"SIP/b\",\"Queue\",\"q\","
            + $"\"28/05/2026 14:2{i}:29\",\"28/05/2026 14:2{i}:39\",\"28/05/2026 14:2{i}:59\",30,20,\"ANSWERED\",\"DOCUMENTATION\",\"17799892{i}.1\",\"ag\"")) + "\n";
        var (result, _) = Run(yaml, csv, "Master.csv");

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.StartsWith("every row read (3) was quarantined; nothing of calls.calls was committed; top reasons: start: cannot read",
            result.Message, StringComparison.Ordinal);
    }
}
