using System.Globalization;
using System.Text;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Extract;

public sealed class ExtractorTests : IDisposable
{
    private const string ContactHeader =
        "\"Id\",\"FirstName\",\"LastName\",\"Email\",\"Phone\",\"MobilePhone\",\"CreatedDate\",\"LastModifiedDate\"\r\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private int _runs;

    /// <summary>One stream extracted from <paramref name="path"/> into the lake, both under the test's folder, or
    /// under its subfolder <paramref name="folder"/> (a second lake of its own).</summary>
    private (StreamResult Result, Lake Lake) Run(string profile, string stream, string path, string? encoding = null,
        string? zone = null, bool fullRefresh = false, int? threads = 1, string? folder = null)
    {
        var root = folder is null ? _folder.Path : Path.Combine(_folder.Path, folder);
        var lake = new Lake(Path.Combine(root, "lake"));
        var input = new SourceInput
        {
            Name = "src",
            Kind = ProfileCatalog.Get(profile).Kind,
            Profile = profile,
            Mapping = ProfileCatalog.Get(profile),
            Path = Path.Combine(root, path),
            Encoding = encoding,
            TimeZone = zone,
            Streams = [stream],
        };
        var extractor = new Extractor(lake, $"run{++_runs}", new WarehouseSettings { Threads = threads }, fullRefresh);
        var (_, mapping) = extractor.Plan([input]).Single();
        return (extractor.Extract(input, mapping), lake);
    }

    private List<object?[]> Query(Lake lake, string sql) => LakeQuery.Rows(lake, _folder.Path, sql);

    private static string Contact(string id, string created = "2026-01-05T10:00:00.000Z",
        string modified = "2026-01-06T10:00:00.000Z", string first = "Ann") =>
        $"\"{id}\",\"{first}\",\"Lee\",\"Ann@Example.com\",\"+442079460123\",\"\",\"{created}\",\"{modified}\"\r\n";

    [Fact]
    public void Extract_BadRows_AreQuarantinedWithLineAndReason_AndCountsReconcile()
    {
        var text = new StringBuilder(ContactHeader);
        text.Append(Contact("003A"));                                           // line 2
        text.Append("\"003B\",\"Multi\nline\",\"Lee\",\"b@x.com\",\"\",\"\",\"2026-01-05T10:00:00.000Z\",\"2026-01-06T10:00:00.000Z\"\r\n"); // 3-4
        text.Append(Contact("003C", created: "2025-02-30T10:00:00.000Z"));     // line 5: impossible date
        text.Append("\"003D\",\"x\",\"y\",\"z\",\"1\",\"2\",\"3\",\"4\",\"extra\"\r\n"); // line 6: ragged
        text.Append(Contact("003E", modified: "2026-01-06T10:00:00.000Z"));    // line 7
        text.Append(Contact("003E", modified: "2026-02-06T10:00:00.000Z", first: "Newer")); // line 8: dup key, later
        text.Append(Contact("", first: "NoId"));                                // line 9: required id missing
        _folder.Write("crm/Contact.csv", text.ToString());

        var (result, lake) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal(7, result.RowsRead);
        Assert.Equal(3, result.RowsLoaded);
        Assert.Equal(3, result.RowsQuarantined);
        Assert.Equal(1, result.RowsDeduplicated);
        Assert.True(result.Reconciles);
        var quarantine = Query(lake, "SELECT line, \"column\", reason FROM q ORDER BY line");
        Assert.Equal([5L, 6L, 9L], quarantine.Select(r => Convert.ToInt64(r[0])));
        Assert.Contains("CreatedDate: cannot read '2025-02-30T10:00:00.000Z' as a timestamp", (string)quarantine[0][2]!);
        Assert.Contains("ragged record: more fields than the 8 of the header", (string)quarantine[1][2]!);
        Assert.Contains("Id: required value is missing", (string)quarantine[2][2]!);
        var newer = Query(lake, "SELECT first_name FROM data WHERE customer_id = '003E'");
        Assert.Equal("Newer", newer.Single()[0]);
        var multi = Query(lake, "SELECT first_name FROM data WHERE customer_id = '003B'");
        Assert.Equal("Multi\nline", multi.Single()[0]);
    }

    [Fact]
    public void Extract_EmptyFile_FailsTheStreamNamingTheFile()
    {
        _folder.Write("crm/Contact.csv", "");

        var (result, lake) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("src/Contact.csv: the file is empty", result.Message, StringComparison.Ordinal);
        Assert.Empty(lake.ReadManifests());
    }

    [Fact]
    public void Extract_WrongDelimiter_FailsWithAHint()
    {
        _folder.Write("crm/Contact.csv", ContactHeader.Replace(',', ';') + Contact("003A").Replace(',', ';'));

        var (result, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("required column 'Id' is missing", result.Message, StringComparison.Ordinal);
        Assert.Contains("delimiter", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_TruncatedLastRecord_FailsTheFile()
    {
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003A") + "\"003B\",\"Ann");

        var (result, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("truncated", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-01-05 10:00:00 +0100")]
    [InlineData("2026-01-05 10:00:00 +01:00")]
    [InlineData("2026-01-05T10:00:00+01:00")]
    [InlineData("2026-01-05 10:00:00+0100")]
    [InlineData("2026-01-05 09:00:00 Z")]
    [InlineData("2026-01-05T09:00:00.000Z")]
    public void Extract_OffsetTimestamps_WithOrWithoutASpaceBeforeTheOffset_AreTheSameInstant(string created)
    {
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003A", created: created));

        var (result, lake) = Run("salesforce", "crm.customers", "crm", zone: "America/New_York");

        Assert.Equal((1L, 0L), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal("2026-01-05 09:00:00", Query(lake,
            "SELECT strftime(created_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') FROM data").Single()[0]);
    }

    [Theory]
    [InlineData("crlf, then lf")]
    [InlineData("lf, then crlf")]
    [InlineData("lf, last line crlf")]
    public void Extract_MixedLineEnds_EveryRecordIsRead_AndAQuotedValueKeepsItsLineBreak(string order)
    {
        // Records ending CRLF and LF in one file (an export appended to by another tool, a line added by hand):
        // DuckDB takes the line end it sniffs first for every record, and the rest of the file ran into one record.
        var first = order.StartsWith("crlf", StringComparison.Ordinal) ? "\r\n" : "\n";
        var second = first == "\r\n" ? "\n" : "\r\n";
        var text = new StringBuilder(ContactHeader.Replace("\r\n", first, StringComparison.Ordinal));
        var ids = Enumerable.Range(0, 8).Select(i => $"003{(char)('A' + i)}").ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            var end = order == "lf, last line crlf" ? (i == ids.Count - 1 ? second : first) : (i < 4 ? first : second);
            var name = ids[i] == "003C" ? "Two\r\nlines" : ids[i] == "003F" ? "Two\nlines" : "Ann";
            text.Append(Contact(ids[i], first: "NAME").Replace("\r\n", end, StringComparison.Ordinal)
                .Replace("NAME", name, StringComparison.Ordinal));
        }
        _folder.Write("crm/Contact.csv", text.ToString());

        var (result, lake) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal((8L, 8L, 0L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(ids, Query(lake, "SELECT customer_id FROM data ORDER BY 1").Select(r => (string)r[0]!));
        Assert.Equal("Two\r\nlines", Query(lake, "SELECT first_name FROM data WHERE customer_id = '003C'").Single()[0]);
        Assert.Equal("Two\nlines", Query(lake, "SELECT first_name FROM data WHERE customer_id = '003F'").Single()[0]);
    }

    [Theory]
    [InlineData("王芳", "gb18030")]
    [InlineData("Cañas Müller", "windows-1252")]
    public void Extract_UndeclaredLegacyEncoding_SuggestsTheEncodingTheNamesReadIn(string name, string suggested)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030");
        var bytes = (suggested == "gb18030" ? gb18030 : Encoding.Latin1)
            .GetBytes(ContactHeader + Contact("003A", first: name) + Contact("003B", first: name + name));
        _folder.WriteBytes("crm/Contact.csv", bytes);

        var (result, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains($"set encoding: {suggested} on the source", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_UndeclaredLatin1_FailsWithTheByteOffset()
    {
        var bytes = Encoding.Latin1.GetBytes(ContactHeader + Contact("003A", first: "José"));
        _folder.WriteBytes("crm/Contact.csv", bytes);

        var (result, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("not valid utf-8", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DeclaredLatin1_IsReadIntact()
    {
        _folder.WriteBytes("crm/Contact.csv", Encoding.Latin1.GetBytes(ContactHeader + Contact("003A", first: "José")));

        var (result, lake) = Run("salesforce", "crm.customers", "crm", encoding: "latin-1");

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal("José", Query(lake, "SELECT first_name FROM data").Single()[0]);
    }

    [Fact]
    public void Extract_DuplicateHeaderNames_FailsTheFile()
    {
        _folder.Write("crm/Contact.csv", "\"Id\",\"Id\",\"CreatedDate\"\r\n\"1\",\"2\",\"3\"\r\n");

        var (result, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("names column 'Id' twice", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_Utf8Bom_HeaderIsRead()
    {
        _folder.WriteBytes("crm/Contact.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ContactHeader + Contact("003A"))]);

        var (result, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal(1, result.RowsLoaded);
    }

    [Fact]
    public void Extract_NdJson_BadLinesQuarantinedByLine()
    {
        var good = "{\"ContactId\":\"c1\",\"InitiationTimestamp\":\"2026-01-05T10:00:00Z\",\"Channel\":\"VOICE\","
            + "\"InitiationMethod\":\"INBOUND\",\"LastUpdateTimestamp\":\"2026-01-05T10:05:00Z\","
            + "\"Agent\":{\"ConnectedToAgentTimestamp\":\"2026-01-05T10:00:30Z\",\"Username\":\"a\"}}";
        var lines = new[]
        {
            good,
            good.Replace("c1", "c2", StringComparison.Ordinal)[..40],                  // truncated
            good.Replace("c1", "c3", StringComparison.Ordinal) + good.Replace("c1", "c4", StringComparison.Ordinal), // two objects
            good.Replace("10:05:00Z", "10:09:00Z", StringComparison.Ordinal),          // later duplicate of c1
            good.Replace("c1", "c5", StringComparison.Ordinal).Replace("2026-01-05T10:00:00Z", "yesterday", StringComparison.Ordinal),
        };
        _folder.Write("calls/ctr_202601.ndjson", string.Join("\n", lines) + "\n");

        var (result, lake) = Run("amazon-connect", "calls.calls", "calls");

        Assert.Equal(5, result.RowsRead);
        Assert.Equal(1, result.RowsLoaded);
        Assert.Equal(3, result.RowsQuarantined);
        Assert.Equal(1, result.RowsDeduplicated);
        var lines2 = Query(lake, "SELECT line, reason FROM q ORDER BY line");
        Assert.Equal([2L, 3L, 5L], lines2.Select(r => Convert.ToInt64(r[0])));
        Assert.Contains("InitiationTimestamp: cannot read 'yesterday'", (string)lines2[2][1]!);
        var kept = Query(lake, "SELECT strftime(updated_at, '%H:%M') FROM data");
        Assert.Equal("10:09", kept.Single()[0]);
    }

    [Fact]
    public void Extract_NdJson_LargeFile_EveryBadLineQuarantinedWithItsOwnLineNumberKindAndText()
    {
        // Enough lines for DuckDB to read the file in many chunks on every thread: a line's number is its place in
        // the file however the reading was split, and blank lines count as lines but not as records.
        static string Good(string id) => "{\"ContactId\":\"c" + id + "\",\"InitiationTimestamp\":\"2026-01-05T10:00:00Z\","
            + "\"Channel\":\"VOICE\",\"InitiationMethod\":\"INBOUND\",\"LastUpdateTimestamp\":\"2026-01-05T10:05:00Z\","
            + "\"Agent\":{\"ConnectedToAgentTimestamp\":\"2026-01-05T10:00:30Z\",\"Username\":\"a\"}}";
        var bad = new Dictionary<int, (string Text, string Kind, string Reason)>
        {
            [1] = ("[1, 2]", "json", "not an object"),
            [2_049] = ("\"just text\"", "json", "not an object"),
            [70_001] = ("{\"ContactId\": \"broken", "json", "not valid JSON"),
            [70_002] = ("not json at all", "json", "not valid JSON"),
            [70_004] = ("   ", "json", "not valid JSON"),
            [123_457] = (Good("x").Replace("2026-01-05T10:00:00Z", "soon", StringComparison.Ordinal),
                "typed", "InitiationTimestamp: cannot read 'soon'"),
            [149_999] = ("42", "json", "not an object"),
        };
        var blank = new HashSet<int> { 70_003, 100_000, 150_000 };
        var text = new StringBuilder();
        for (var line = 1; line <= 150_000; line++)
        {
            text.Append(bad.TryGetValue(line, out var b) ? b.Text
                : blank.Contains(line) ? "" : Good(line.ToString(CultureInfo.InvariantCulture))).Append('\n');
        }
        _folder.Write("calls/ctr_202601.ndjson", text.ToString());

        // Every core, so that the file is read in parallel.
        var (result, lake) = Run("amazon-connect", "calls.calls", "calls", threads: null);

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal(150_000 - blank.Count, result.RowsRead);
        Assert.Equal(bad.Count, result.RowsQuarantined);
        Assert.Equal(150_000 - blank.Count - bad.Count, result.RowsLoaded);
        Assert.Equal(result.RowsRead, result.RowsLoaded + result.RowsQuarantined + result.RowsDeduplicated);
        var quarantined = Query(lake, "SELECT line, record, \"column\", reason, raw FROM q ORDER BY line");
        Assert.Equal(bad.Keys.Order().Select(k => (long)k), quarantined.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)));
        foreach (var row in quarantined)
        {
            var expected = bad[(int)Convert.ToInt64(row[0], CultureInfo.InvariantCulture)];
            Assert.Equal(row[0], row[1]);
            // A typed error names its column; a line that is not a JSON object has none to name.
            Assert.Equal(expected.Kind == "typed" ? "InitiationTimestamp" : null, row[2]);
            Assert.Contains(expected.Reason, (string)row[3]!, StringComparison.Ordinal);
            Assert.Equal(expected.Text, row[4]);
        }
        // The loaded rows are the good lines, in file order.
        var ids = Query(lake, "SELECT call_id FROM data").Select(r => (string)r[0]!).ToList();
        Assert.Equal(result.RowsLoaded, ids.Count);
        Assert.Equal("c2", ids[0]);
        Assert.Equal("c149998", ids[^1]);
    }

    [Fact]
    public void Extract_NdJson_ParsedByTheJsonReader_QuarantinesEveryBadLineByNumber_AsTheLineByLineReadingDoes()
    {
        // GA4 lines parsed once, by DuckDB's JSON-lines reader, as it reads the file (a file of more than 32 MiB, and
        // no blank line: the reader skips those, so a file with one is read line by line). The reader gives no value to a malformed line and to the
        // line after an unterminated string; non-objects and an object without the mapped keys look alike to it.
        // Each gets its own line number, reason and text, and the same file with a blank line at its end (read
        // line by line) gives the same quarantine and the same rows in the same order.
        static string Good(int line, string userId = "") => "{\"event_date\":\"20260105\",\"event_timestamp\":\""
            + (1_767_607_200_000_000L + line).ToString(CultureInfo.InvariantCulture) + "\",\"event_name\":\"page_view\","
            + "\"user_pseudo_id\":\"p" + line.ToString(CultureInfo.InvariantCulture) + "\",\"user_id\":\""
            + (userId.Length > 0 ? userId : "u" + line.ToString(CultureInfo.InvariantCulture)) + "\","
            + "\"event_params\":[{\"key\":\"ga_session_id\",\"value\":{\"int_value\":\"77\"}},"
            + "{\"key\":\"page_location\",\"value\":{\"string_value\":\"https://www.example.com/en-gb/london/packages/"
            + "family-portraits?utm_source=newsletter&utm_medium=email&utm_campaign=winter\"}}]}";
        var bad = new Dictionary<int, (string Text, string Kind, string Reason)>
        {
            [1] = ("[1, 2]", "json", "not an object"),
            [2_049] = ("\"just text\"", "json", "not an object"),
            [40_000] = ("null", "json", "not an object"),
            [70_001] = ("{\"event_date\":\"20260105\",\"event_timestamp\":\"17", "json", "not valid JSON"),
            [70_003] = (Good(70_003) + Good(70_004), "json", "not valid JSON"),
            [90_000] = ("{}", "typed", "required value is missing"),
            [100_000] = (Good(100_000) + " trailing", "json", "not valid JSON"),
            [123_457] = (Good(123_457).Replace("1767607200123457", "--", StringComparison.Ordinal), "typed",
                "event_at (expression): cannot read '--' as a timestamp"),
            [149_999] = ("42", "json", "not an object"),
        };
        var text = new StringBuilder();
        for (var line = 1; line <= 150_000; line++)
        {
            text.Append(bad.TryGetValue(line, out var b) ? b.Text : Good(line, line == 130_000 ? "unknown" : ""));
            if (line < 150_000)
            {
                text.Append('\n');
            }
        }
        _folder.Write("web/events_20260105.ndjson", text.ToString());
        Assert.True(new FileInfo(Path.Combine(_folder.Path, "web/events_20260105.ndjson")).Length > 32 * 1024 * 1024);
        _folder.Write("blank/web/events_20260105.ndjson", text.Append("\n\n").ToString());

        var (result, lake) = Run("ga4", "web.events", "web", threads: null);

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal(150_000, result.RowsRead);
        Assert.Equal(bad.Count, result.RowsQuarantined);
        Assert.Equal(150_000 - bad.Count, result.RowsLoaded);
        var quarantined = Query(lake, "SELECT line, record, \"column\", reason, raw FROM q ORDER BY line");
        Assert.Equal(bad.Keys.Order().Select(k => (long)k), quarantined.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)));
        foreach (var row in quarantined)
        {
            var expected = bad[(int)Convert.ToInt64(row[0], CultureInfo.InvariantCulture)];
            Assert.Equal(row[0], row[1]);
            Assert.Equal(expected.Kind == "typed", row[2] is not null);
            Assert.Contains(expected.Reason, (string)row[3]!, StringComparison.Ordinal);
            Assert.Equal(expected.Text, row[4]);
        }
        // The loaded rows are the good lines in file order, the line after the unterminated string among them, and
        // a placeholder user id is no user id.
        var users = Query(lake, "SELECT user_pseudo_id, user_id FROM data");
        Assert.Equal(Enumerable.Range(1, 150_000).Where(l => !bad.ContainsKey(l)).Select(l => "p" + l.ToString(CultureInfo.InvariantCulture)),
            users.Select(r => (string)r[0]!));
        Assert.Null(users.Single(r => (string)r[0]! == "p130000")[1]);
        Assert.Equal("u70002", users.Single(r => (string)r[0]! == "p70002")[1]);
        // event_timestamp is microseconds since the epoch (format epoch_us), read to the microsecond.
        Assert.Equal(1_767_607_200_000_002L, Convert.ToInt64(Query(lake, "SELECT epoch_us(event_at) FROM data WHERE user_pseudo_id = 'p2'").Single()[0], CultureInfo.InvariantCulture));

        // The same lines with a blank one at the end, read line by line: the same quarantine and rows.
        var (lineByLine, blankLake) = Run("ga4", "web.events", "web", threads: null, folder: "blank");
        Assert.Equal(150_000, lineByLine.RowsRead);
        Assert.Equal(result.RowsQuarantined, lineByLine.RowsQuarantined);
        Assert.Equal(quarantined.Select(r => string.Join("|", r)),
            Query(blankLake, "SELECT line, record, \"column\", reason, raw FROM q ORDER BY line").Select(r => string.Join("|", r)));
        Assert.Equal(users.Select(r => string.Join("|", r)),
            Query(blankLake, "SELECT user_pseudo_id, user_id FROM data").Select(r => string.Join("|", r)));
    }

    [Fact]
    public void Extract_NdJson_LinesThatLookLikeObjectsButAreNotJson_AreQuarantinedByLine_AndOtherFilesUnaffected()
    {
        // A line from '{' to '}' is not validated on its own (the typing's parse is its only one): a malformed one
        // still gets its line number and reason, and a valid line that does not look like an object (spaces around
        // it) is still loaded. Two files, so the first one's part is written while the second is typed.
        static string Good(string id) => "{\"ContactId\":\"c" + id + "\",\"InitiationTimestamp\":\"2026-01-05T10:00:00Z\","
            + "\"Channel\":\"VOICE\",\"InitiationMethod\":\"INBOUND\",\"LastUpdateTimestamp\":\"2026-01-05T10:05:00Z\","
            + "\"Agent\":{\"ConnectedToAgentTimestamp\":\"2026-01-05T10:00:30Z\",\"Username\":\"a\"}}";
        var bad = new Dictionary<int, (string Text, string Reason)>
        {
            [5_000] = ("{\"ContactId\": \"c5000\" \"Channel\": \"VOICE\"}", "not valid JSON"),
            [12_345] = (Good("12345a") + Good("12345b"), "not valid JSON"),
            [15_001] = ("{\"ContactId\": \"c15001\", \"Channel\": }", "not valid JSON"),
            [17_000] = (Good("17000").Replace("2026-01-05T10:00:00Z", "later", StringComparison.Ordinal),
                "InitiationTimestamp: cannot read 'later'"),
        };
        var first = new StringBuilder();
        for (var line = 1; line <= 20_000; line++)
        {
            first.Append(bad.TryGetValue(line, out var b) ? b.Text
                : line == 9_000 ? "" : Good(line.ToString(CultureInfo.InvariantCulture))).Append('\n');
        }
        _folder.Write("calls/ctr_202601.ndjson", first.ToString());
        _folder.Write("calls/ctr_202602.ndjson",
            Good("b1") + "\n  " + Good("b2") + "  \n" + Good("b3") + "\t\n" + Good("b4") + "\n");

        var (result, lake) = Run("amazon-connect", "calls.calls", "calls", threads: null);

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal(19_999 + 4, result.RowsRead);
        Assert.Equal(bad.Count, result.RowsQuarantined);
        Assert.Equal(19_999 - bad.Count + 4, result.RowsLoaded);
        var quarantined = Query(lake, "SELECT file, line, reason, raw FROM q ORDER BY line");
        Assert.Equal(bad.Keys.Order().Select(k => (long)k), quarantined.Select(r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture)));
        foreach (var row in quarantined)
        {
            var expected = bad[(int)Convert.ToInt64(row[1], CultureInfo.InvariantCulture)];
            Assert.Equal("ctr_202601.ndjson", row[0]);
            Assert.Contains(expected.Reason, (string)row[2]!, StringComparison.Ordinal);
            Assert.Equal(expected.Text, row[3]);
        }
        var ids = Query(lake, "SELECT call_id FROM data").Select(r => (string)r[0]!).ToList();
        Assert.Equal(["c1", "c2"], ids.Take(2));
        Assert.Equal(["c20000", "cb1", "cb2", "cb3", "cb4"], ids.TakeLast(5));
        Assert.DoesNotContain("c5000", ids);
        Assert.DoesNotContain("c12345a", ids);
    }

    [Fact]
    public void Extract_Gb18030Declared_ChineseTextIntact()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = "reviewId,shopId,userNickname,star,reviewTime,content,replyContent,replyTime,consumeOrderId\r\n"
            + "r1,SHA,小王,40,2026-03-08 14:05,拍照非常专业，服务很好,,,\r\n";
        _folder.WriteBytes("dp/reviews.csv", Encoding.GetEncoding("GB18030").GetBytes(csv));

        var (result, lake) = Run("dianping", "reviews.reviews", "dp");

        Assert.Equal(StreamStatus.Ok, result.Status);
        var row = Query(lake, "SELECT \"text\" FROM data").Single();
        Assert.Equal("拍照非常专业，服务很好", row[0]);
        var time = Query(lake, "SELECT strftime(posted_at, '%Y-%m-%d %H:%M') FROM data").Single();
        Assert.Equal("2026-03-08 06:05", time[0]);
    }

    [Fact]
    public void Extract_LocalTimes_AreStoredAsUtc()
    {
        _folder.Write("ast/Master.csv",
            "\"\",\"11987654321\",\"100\",\"from-external\",\"\"\"Ana\"\" <11987654321>\",\"SIP/1\",\"SIP/2\",\"Dial\",\"\","
            + "\"2026-01-15 09:00:00\",\"2026-01-15 09:00:12\",\"2026-01-15 09:05:00\",300,288,\"ANSWERED\",\"DOCUMENTATION\",\"1736.1\",\"sao.ana\"\n");

        var (result, lake) = Run("asterisk", "calls.calls", "ast", zone: "America/Sao_Paulo");

        Assert.Equal(StreamStatus.Ok, result.Status);
        var row = Query(lake, "SELECT strftime(initiated_at, '%H:%M:%S'), queue_s, is_answered FROM data").Single();
        Assert.Equal("12:00:00", row[0]);
        Assert.Equal(12d, row[1]);
        Assert.Equal(true, row[2]);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }

    private static string ContactRows(int count)
    {
        var text = new StringBuilder(ContactHeader);
        for (var i = 0; i < count; i++)
        {
            text.Append(Contact($"003{i:D6}"));
        }
        return text.ToString();
    }

    [Fact]
    public void Extract_GzipFile_IsReadThroughTheSamePattern()
    {
        _folder.WriteBytes("crm/Contact.csv.gz", Gzip(ContactRows(2000)));

        var (result, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal(2000, result.RowsLoaded);
        Assert.Equal("Contact.csv.gz", result.Files.Single().Path);
    }

    [Fact]
    public void Extract_TruncatedGzip_FailsTheFile()
    {
        var whole = Gzip(ContactRows(5000));
        _folder.WriteBytes("crm/Contact.csv.gz", whole[..(whole.Length / 2)]);

        var (result, lake) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("gzip", result.Message, StringComparison.Ordinal);
        Assert.Empty(lake.ReadManifests());
    }

    [Fact]
    public void Extract_FailedFile_KeepsThePreviousCommittedState()
    {
        _folder.Write("crm/Contact.csv", ContactRows(3));
        var (first, lake) = Run("salesforce", "crm.customers", "crm");
        Assert.Equal(3, first.RowsLoaded);
        _folder.Write("crm/Contact.csv", "");

        var (second, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Failed, second.Status);
        Assert.Equal(3L, Query(lake, "SELECT count(*) FROM data").Single()[0]);
    }

    [Fact]
    public void Extract_SameFileTwice_IsANoOp()
    {
        _folder.Write("crm/Contact.csv", ContactRows(5));
        var (first, lake) = Run("salesforce", "crm.customers", "crm");

        var (second, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(5, first.RowsLoaded);
        Assert.Equal(StreamStatus.Unchanged, second.Status);
        Assert.Equal(0, second.RowsRead);
        Assert.Equal(5L, Query(lake, "SELECT count(*) FROM data").Single()[0]);
    }

    [Fact]
    public void Extract_FileWithItsSizeAndWriteTimeUnchanged_IsNotReadAgain_UnlessWrittenAsTheRunReadIt()
    {
        // A weekly run must not hash years of deliveries: a file the last run saw with the same size and last write
        // time is that file (git's stat check). One written in the instant the run read it is read again (racy).
        var earlier = DateTime.UtcNow.AddHours(-1);
        var a = Path.Combine(_folder.Path, "crm", "Contact_a.csv");
        var b = Path.Combine(_folder.Path, "crm", "Contact_b.csv");
        _folder.Write("crm/Contact_a.csv", ContactHeader + Contact("003A"));
        _folder.Write("crm/Contact_b.csv", ContactHeader + Contact("003B"));
        File.SetLastWriteTimeUtc(a, earlier);
        var (first, lake) = Run("salesforce", "crm.customers", "crm");
        Assert.Equal(2, first.RowsLoaded);
        var racy = File.GetLastWriteTimeUtc(b);

        // Both files replaced by others of the same size, their write times put back.
        File.WriteAllText(a, ContactHeader + Contact("003C"));
        File.SetLastWriteTimeUtc(a, earlier);
        File.WriteAllText(b, ContactHeader + Contact("003D"));
        File.SetLastWriteTimeUtc(b, racy);
        var (second, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(1, second.RowsRead);
        Assert.Equal(SourceFileStatus.Unchanged, second.Files.Single(f => f.Path == "Contact_a.csv").Status);
        Assert.Equal(SourceFileStatus.Ok, second.Files.Single(f => f.Path == "Contact_b.csv").Status);
        Assert.True(second.Reconciles);

        // A new write time is a new file: read, hashed, loaded.
        File.SetLastWriteTimeUtc(a, earlier.AddMinutes(1));
        var (third, _) = Run("salesforce", "crm.customers", "crm");
        Assert.Equal(1, third.RowsLoaded);
        var rows = Query(lake, "SELECT customer_id FROM data ORDER BY 1").Select(r => (string)r[0]!);
        Assert.Equal(["003A", "003B", "003C", "003D"], rows);
    }

    [Fact]
    public void Extract_NewFile_MergesOnTheKeyKeepingTheLatestVersion()
    {
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003A", first: "Old") + Contact("003B"));
        var (_, lake) = Run("salesforce", "crm.customers", "crm");
        // The next export holds an update of 003A, a stale copy of 003B and a new 003C.
        _folder.Write("crm/Contact.csv", ContactHeader
            + Contact("003A", modified: "2026-03-01T10:00:00.000Z", first: "New")
            + Contact("003B", modified: "2025-01-01T10:00:00.000Z", first: "Stale")
            + Contact("003C"));

        var (second, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(3, second.RowsRead);
        Assert.Equal(2, second.RowsLoaded);
        Assert.Equal(1, second.RowsDeduplicated);
        var rows = Query(lake, "SELECT customer_id, first_name FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}");
        Assert.Equal(["003A=New", "003B=Ann", "003C=Ann"], rows);
    }

    [Fact]
    public void Extract_IncrementalMerge_RewritesOnlyTheFilesItChanges_AndEqualsAFullRebuild()
    {
        // Three exports a first run commits as three files (recognised by their columns, whatever their names).
        _folder.Write("crm/Contact_a.csv", ContactHeader + Contact("003A", first: "Old") + Contact("003B"));
        _folder.Write("crm/Contact_b.csv", ContactHeader + Contact("003C"));
        _folder.Write("crm/Contact_c.csv", ContactHeader + Contact("003E"));
        var (first, lake) = Run("salesforce", "crm.customers", "crm");
        Assert.Equal(4, first.RowsLoaded);
        var before = lake.ReadManifest("src", "crm.customers")!.Files;
        Assert.Equal(3, before.Count);
        var untouched = before.Single(f => Query(lake,
            $"SELECT count(*) FROM read_parquet('{lake.Absolute(f)}') WHERE customer_id = '003E'").Single()[0] is 1L);
        // The next delivery updates 003A, deletes 003C (IsDeleted, as Salesforce exports it) and adds 003D.
        _folder.Write("crm/Contact_d.csv",
            "\"Id\",\"FirstName\",\"LastName\",\"Email\",\"Phone\",\"MobilePhone\",\"CreatedDate\",\"LastModifiedDate\",\"IsDeleted\"\r\n"
            + Contact("003A", modified: "2026-03-01T10:00:00.000Z", first: "New").Replace("\r\n", ",\"0\"\r\n", StringComparison.Ordinal)
            + Contact("003C", modified: "2026-03-01T10:00:00.000Z").Replace("\r\n", ",\"1\"\r\n", StringComparison.Ordinal)
            + Contact("003D").Replace("\r\n", ",\"0\"\r\n", StringComparison.Ordinal));

        var (second, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(3, second.RowsRead);
        Assert.Equal(2, second.RowsLoaded);
        Assert.Equal(1, second.RowsDeleted);
        Assert.True(second.Reconciles);
        var after = lake.ReadManifest("src", "crm.customers")!;
        // The file that held only 003E is committed as it was; those holding 003A and 003C were written again.
        Assert.Contains(untouched, after.Files);
        Assert.Equal(3, after.Files.Count);
        Assert.Equal(2, before.Count(f => !after.Files.Contains(f)));
        Assert.Equal(2, after.FilesAdded);
        Assert.Equal(4, after.Rows);
        var incremental = Query(lake, "SELECT customer_id, first_name FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}").ToList();
        Assert.Equal(["003A=New", "003B=Ann", "003D=Ann", "003E=Ann"], incremental);

        // The oracle: a full rebuild over the same files holds the same rows.
        var (_, rebuilt) = Run("salesforce", "crm.customers", "crm", fullRefresh: true);
        Assert.Equal(incremental, Query(rebuilt, "SELECT customer_id, first_name FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}"));
    }

    [Fact]
    public void Extract_IncrementalMerge_ADeliveryWithTwoVersionsOfAKey_KeepsTheLatestWhateverTheFileOrder()
    {
        // With every key of a delivery there once, its rows are merged as they are; a key there twice goes through
        // the window that keeps its latest version, here in the earlier file.
        _folder.Write("crm/Contact_a.csv", ContactHeader + Contact("003A", first: "Old") + Contact("003B"));
        var (_, lake) = Run("salesforce", "crm.customers", "crm");
        _folder.Write("crm/Contact_b.csv", ContactHeader + Contact("003A", modified: "2026-04-01T10:00:00.000Z", first: "Newest"));
        _folder.Write("crm/Contact_c.csv", ContactHeader
            + Contact("003A", modified: "2026-03-01T10:00:00.000Z", first: "Newer") + Contact("003C"));

        var (second, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(3, second.RowsRead);
        Assert.Equal(2, second.RowsLoaded);
        Assert.Equal(1, second.RowsDeduplicated);
        Assert.True(second.Reconciles);
        var incremental = Query(lake, "SELECT customer_id, first_name FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}").ToList();
        Assert.Equal(["003A=Newest", "003B=Ann", "003C=Ann"], incremental);
        var (_, rebuilt) = Run("salesforce", "crm.customers", "crm", fullRefresh: true);
        Assert.Equal(incremental, Query(rebuilt, "SELECT customer_id, first_name FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}"));
    }

    [Fact]
    public void Extract_FullReExport_RowsAsTheyWereLoadedAreNotTypedAgain_AndTheStreamEqualsAFullRebuild()
    {
        // A weekly full export sends every record again: those the stream holds as they were loaded are left out
        // before typing (counted as deduplicated), the others are typed and merged as before. A bad row is typed
        // again and quarantined again: it was never loaded.
        const string Bad = "\"003X\",\"Bo\",\"Lee\",\"bo@example.com\",\"\",\"\",\"last Tuesday\",\"2026-01-06T10:00:00.000Z\"\r\n";
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003A") + Contact("003B", first: "Old") + Bad + Contact("003C"));
        var (first, lake) = Run("salesforce", "crm.customers", "crm");
        Assert.Equal(3, first.RowsLoaded);
        Assert.Equal(1, first.RowsQuarantined);
        Assert.Equal(0L, Query(lake, "SELECT count(*) FROM data WHERE _row_hash IS NULL").Single()[0]);
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003A")
            + Contact("003B", modified: "2026-03-01T10:00:00.000Z", first: "New") + Bad + Contact("003C") + Contact("003D"));

        var (second, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(5, second.RowsRead);
        Assert.Equal(2, second.RowsLoaded);
        Assert.Equal(2, second.RowsDeduplicated);
        Assert.Equal(1, second.RowsQuarantined);
        Assert.True(second.Reconciles);
        var quarantined = Query(lake, "SELECT line, reason FROM q WHERE record IS NOT NULL ORDER BY run_id").Select(r => $"{r[0]}").ToList();
        Assert.Equal(["4", "4"], quarantined);
        Assert.Equal(4, lake.ReadManifest("src", "crm.customers")!.Rows);
        var incremental = Query(lake, "SELECT customer_id, first_name, _row_hash FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}={r[2]}").ToList();
        Assert.Equal(["003A=Ann", "003B=New", "003C=Ann", "003D=Ann"], incremental.Select(r => r[..r.LastIndexOf('=')]));
        // The oracle: a full rebuild over the same file holds the same rows, with the same hashes.
        var (_, rebuilt) = Run("salesforce", "crm.customers", "crm", fullRefresh: true);
        Assert.Equal(incremental, Query(rebuilt, "SELECT customer_id, first_name, _row_hash FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}={r[2]}"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Extract_GrowingExportWithTwoVersionsOfARecord_ThatOnlyTheirOrderTellsApart_KeepsTheLaterLine(bool reordered)
    {
        // A growing export (Dianping's) appends a review's new version under the same time: the later line wins. The
        // line the stream holds as it was loaded is typed again beside the other version, so their order decides as
        // it did, whichever line the next export puts last.
        var old = Contact("003A", first: "Old");
        var current = Contact("003A", first: "New");
        _folder.Write("crm/Contact.csv", ContactHeader + old + current);
        var (first, lake) = Run("salesforce", "crm.customers", "crm");
        Assert.Equal(1, first.RowsLoaded);
        _folder.Write("crm/Contact.csv", ContactHeader + (reordered ? current + old : old + current) + Contact("003B"));

        var (second, _) = Run("salesforce", "crm.customers", "crm");

        Assert.True(second.Reconciles);
        Assert.Equal(0, second.RowsQuarantined);
        var incremental = Query(lake, "SELECT customer_id, first_name FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}").ToList();
        Assert.Equal([reordered ? "003A=Old" : "003A=New", "003B=Ann"], incremental);
        var (_, rebuilt) = Run("salesforce", "crm.customers", "crm", fullRefresh: true);
        Assert.Equal(incremental, Query(rebuilt, "SELECT customer_id, first_name FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}"));
    }

    [Theory]
    [InlineData("Contact_a.csv")]
    [InlineData("Contact_c.csv")]
    public void Extract_FullReExport_BesideAnotherFileWithAVersionOfTheSameTime_TheLaterFileWinsAsInAFullRebuild(string other)
    {
        // The weekly export (Contact_b.csv) sends 003A as it was loaded; another file of the same delivery holds
        // another version of 003A under the same time. As when every row is typed, the later file's version wins.
        _folder.Write("crm/Contact_b.csv", ContactHeader + Contact("003A") + Contact("003B"));
        var (_, lake) = Run("salesforce", "crm.customers", "crm");
        _folder.Write("crm/Contact_b.csv", ContactHeader + Contact("003A") + Contact("003B") + Contact("003C"));
        _folder.Write("crm/" + other, ContactHeader + Contact("003A", first: "Fixed"));

        var (second, _) = Run("salesforce", "crm.customers", "crm");

        Assert.True(second.Reconciles);
        var incremental = Query(lake, "SELECT customer_id, first_name FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}").ToList();
        Assert.Equal([other == "Contact_c.csv" ? "003A=Fixed" : "003A=Ann", "003B=Ann", "003C=Ann"], incremental);
        var (_, rebuilt) = Run("salesforce", "crm.customers", "crm", fullRefresh: true);
        Assert.Equal(incremental, Query(rebuilt, "SELECT customer_id, first_name FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}"));
    }

    [Fact]
    public void Extract_FullReExport_TypedOtherwiseSinceItsLoad_IsTypedAgain()
    {
        // A row's hash holds what its typing depends on (here the time zone its local times are read in): typed
        // otherwise now, the same row is not the committed one, and replaces it.
        const string Local = "2026-01-05 10:00:00";
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003A", created: Local) + Contact("003B", created: Local));
        var (_, lake) = Run("salesforce", "crm.customers", "crm", zone: "UTC");
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003A", created: Local) + Contact("003B", created: Local)
            + Contact("003C", created: Local));

        var (second, _) = Run("salesforce", "crm.customers", "crm", zone: "America/New_York");

        Assert.Equal(3, second.RowsLoaded);
        Assert.Equal(0, second.RowsDeduplicated);
        var (_, rebuilt) = Run("salesforce", "crm.customers", "crm", zone: "America/New_York", fullRefresh: true);
        const string Rows = "SELECT customer_id, created_at, _row_hash FROM data ORDER BY 1";
        Assert.Equal(Query(rebuilt, Rows).Select(r => $"{r[0]}={r[1]}={r[2]}"), Query(lake, Rows).Select(r => $"{r[0]}={r[1]}={r[2]}"));
    }

    [Fact]
    public void Extract_LakeWrittenBeforeRowHashes_IsMergedAsBefore_AndItsRewrittenRowsCarryThem()
    {
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003A") + Contact("003B"));
        var (_, lake) = Run("salesforce", "crm.customers", "crm");
        // The committed files as an earlier version wrote them: without the column.
        foreach (var file in lake.ReadManifest("src", "crm.customers")!.Files.Select(lake.Absolute))
        {
            var copy = file + ".old";
            Query(lake, $"COPY (SELECT * EXCLUDE (_row_hash) FROM read_parquet('{file}')) TO '{copy}' (FORMAT parquet)");
            File.Move(copy, file, overwrite: true);
        }
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003A") + Contact("003B") + Contact("003C"));

        var (second, _) = Run("salesforce", "crm.customers", "crm");

        // Nothing committed has a hash: every row is typed and replaces its committed version, as before.
        Assert.Equal(3, second.RowsLoaded);
        Assert.True(second.Reconciles);
        Assert.Equal(0L, Query(lake, "SELECT count(*) FROM data WHERE _row_hash IS NULL").Single()[0]);
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003A") + Contact("003B") + Contact("003C") + Contact("003D"));

        var (third, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(1, third.RowsLoaded);
        Assert.Equal(3, third.RowsDeduplicated);
        Assert.Equal(["003A", "003B", "003C", "003D"], Query(lake, "SELECT customer_id FROM data ORDER BY 1").Select(r => (string)r[0]!));
    }

    [Fact]
    public void Extract_Ga4KeyHoldsTheEventTime_AReExportedDayReplacesItsEvents_AndTheStreamIsWrittenInTimeOrder()
    {
        // GA4's event key holds the event's timestamp (key_includes_cursor), so a merge looks for committed versions
        // of a delivery's events within the delivery's own span of time, and writes merged rows in time order: each
        // row group then spans a short stretch of time that a later merge skips unless it overlaps.
        const long Day5 = 1_767_607_200_000_000L;   // 2026-01-05T10:00:00Z in microseconds
        const long Day = 86_400_000_000L;
        static string Event(string browser, long micros, string page) => "{\"event_date\":\"20260105\",\"event_timestamp\":\""
            + micros.ToString(CultureInfo.InvariantCulture) + "\",\"event_name\":\"page_view\",\"user_pseudo_id\":\""
            + browser + "\",\"event_params\":[{\"key\":\"page_location\",\"value\":{\"string_value\":\"" + page + "\"}}]}\n";
        // The first load: day 5, and day 6 whose file repeats one of day 5's events (a re-export), so the parts are
        // merged into one file. The browsers' names sort against their times: key order is not time order.
        _folder.Write("web/events_20260105.ndjson", Event("z", Day5 + 1, "/a") + Event("a", Day5 + 2, "/b"));
        _folder.Write("web/events_20260106.ndjson", Event("m", Day5 + Day + 1, "/c") + Event("z", Day5 + 1, "/a"));
        var (first, lake) = Run("ga4", "web.events", "web");
        Assert.Equal(3, first.RowsLoaded);
        Assert.True(first.Reconciles);
        string[] Browsers(string file) => Query(lake,
                $"SELECT user_pseudo_id FROM read_parquet('{lake.Absolute(file)}', file_row_number = true) ORDER BY file_row_number")
            .Select(r => (string)r[0]!).ToArray();
        var loaded = lake.ReadManifest("src", "web.events")!.Files;
        Assert.Equal(["z", "a", "m"], Browsers(Assert.Single(loaded)));

        // The next delivery: day 6 exported again, late, with one event's page changed, plus a day-6 event that was
        // missing and a day-7 event.
        _folder.Write("web/events_20260106b.ndjson", Event("m", Day5 + Day + 1, "/c-new") + Event("y", Day5 + Day + 5, "/d")
            + Event("b", Day5 + (2 * Day) + 1, "/e"));
        var (second, _) = Run("ga4", "web.events", "web");

        Assert.Equal(3, second.RowsLoaded);
        Assert.True(second.Reconciles);
        var after = lake.ReadManifest("src", "web.events")!;
        Assert.Equal(5, after.Rows);
        // The file holding m's old version is written again without it; the delivery's rows are one file, in time order.
        var added = after.Files.Single(f => f.EndsWith("-0.parquet", StringComparison.Ordinal) && !loaded.Contains(f));
        Assert.Equal(["m", "y", "b"], Browsers(added));
        var incremental = Query(lake, "SELECT user_pseudo_id, page_location FROM data ORDER BY event_at")
            .Select(r => $"{r[0]}={r[1]}").ToList();
        Assert.Equal(["z=/a", "a=/b", "m=/c-new", "y=/d", "b=/e"], incremental);
        var (_, rebuilt) = Run("ga4", "web.events", "web", fullRefresh: true);
        Assert.Equal(incremental, Query(rebuilt, "SELECT user_pseudo_id, page_location FROM data ORDER BY event_at")
            .Select(r => $"{r[0]}={r[1]}"));
    }

    [Theory]
    [InlineData(false, new[] { "1=2026-03-01", "2=2026-03-01" })]
    [InlineData(true, new[] { "1=2026-01-05", "1=2026-03-01", "2=2026-03-01" })]
    public void Extract_KeyIncludesCursor_TheMergeLooksForCommittedVersionsWithinTheDeliverysSpanOnly(bool declared,
        string[] expected)
    {
        // The declaration is a promise that every version of a key has the same cursor: the merge then reads only
        // the committed rows of the delivery's cursor span. An order key is no such key (an order changes and keeps
        // its id), so declared for it, the March delivery does not find January's version of order 1.
        var yaml = $$"""
            sources:
              - name: shop
                kind: crm
                path: exports
                streams:
                  crm.orders:
                    files: "orders_*.csv"
                    key_includes_cursor: {{(declared ? "true" : "false")}}
                    fields:
                      order_id: id
                      ordered_at: {column: placed, format: "%Y-%m-%d"}
                      updated_at: {column: changed, format: "%Y-%m-%d"}
            """;
        var config = ConfigLoader.Parse(Path.Combine(_folder.Path, "cxwarehouse.yml"), new StringReader(yaml), _folder.Path);
        var lake = new Lake(Path.Combine(_folder.Path, "lake"));
        StreamResult Extract()
        {
            var extractor = new Extractor(lake, $"run{++_runs}", new WarehouseSettings { Threads = 1 });
            var (input, mapping) = extractor.Plan(config.Sources).Single();
            return extractor.Extract(input, mapping);
        }
        _folder.Write("exports/orders_1.csv", "id,placed,changed\n1,2026-01-05,2026-01-05\n");
        Assert.Equal(1, Extract().RowsLoaded);
        _folder.Write("exports/orders_2.csv", "id,placed,changed\n1,2026-01-05,2026-03-01\n2,2026-03-01,2026-03-01\n");

        var second = Extract();

        Assert.Equal(2, second.RowsLoaded);
        Assert.Equal(expected, Query(lake, "SELECT order_id, strftime(updated_at, '%Y-%m-%d') FROM data ORDER BY ALL")
            .Select(r => $"{r[0]}={r[1]}"));
    }

    [Fact]
    public void Extract_FirstLoadOfManyDailyFiles_NextDeliveryMergesIncrementallyInsteadOfCompacting()
    {
        // Two years of daily files make a first load of hundreds of parts, one per file: the stream as it was
        // written. The next week's delivery must not rewrite the whole stream because of them (it did: 722 GA4
        // parts at scale 10 made every first weekly run compact 9.4 million events at scale 100).
        for (var i = 0; i < 70; i++)
        {
            _folder.Write($"crm/Contact_{i:000}.csv", ContactHeader + Contact($"003X{i:000}"));
        }
        var (first, lake) = Run("salesforce", "crm.customers", "crm");
        Assert.Equal(70, first.RowsLoaded);
        var before = lake.ReadManifest("src", "crm.customers")!;
        Assert.Equal(70, before.Files.Count);
        Assert.Equal(0, before.FilesAdded);

        _folder.Write("crm/Contact_new.csv", ContactHeader + Contact("003Y001") + Contact("003X005", modified: "2026-03-01T10:00:00.000Z", first: "New"));
        var (second, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(2, second.RowsLoaded);
        var after = lake.ReadManifest("src", "crm.customers")!;
        // 69 parts untouched, the one holding 003X005 written again without it, the delivery's rows added.
        Assert.Equal(71, after.Files.Count);
        Assert.Equal(69, before.Files.Count(after.Files.Contains));
        Assert.Equal(2, after.FilesAdded);
        Assert.Equal(71, after.Rows);
        Assert.Equal("New", Query(lake, "SELECT first_name FROM data WHERE customer_id = '003X005'").Single()[0]);
    }

    [Fact]
    public void Extract_FullRefresh_RebuildsFromTheCurrentFilesOnly()
    {
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003A") + Contact("003B"));
        var (_, lake) = Run("salesforce", "crm.customers", "crm");
        _folder.Write("crm/Contact.csv", ContactHeader + Contact("003C"));

        var (refreshed, _) = Run("salesforce", "crm.customers", "crm", fullRefresh: true);

        Assert.Equal(1, refreshed.RowsLoaded);
        Assert.Equal(["003C"], Query(lake, "SELECT customer_id FROM data").Select(r => (string)r[0]!));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Extract_LargeUtf8File_ValidatedAcrossBufferBoundaries(bool corrupt)
    {
        // Three-byte and four-byte characters fall across the 1 MiB read buffers many times.
        var text = new StringBuilder(ContactHeader);
        var i = 0;
        while (text.Length < 3_000_000)
        {
            text.Append(Contact($"003{i++:D7}", first: "语言🙂é"));
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var badAt = 2_500_001;
        if (corrupt)
        {
            bytes[badAt] = 0xFF;
        }
        _folder.WriteBytes("crm/Contact.csv", bytes);

        var (result, _) = Run("salesforce", "crm.customers", "crm");

        if (corrupt)
        {
            Assert.Equal(StreamStatus.Failed, result.Status);
            Assert.Contains($"byte {badAt} is not valid utf-8", result.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(i, result.RowsLoaded);
        }
    }

    [Fact]
    public void Extract_CharacterAcrossTheFirstBufferEnd_IsValid()
    {
        // The header is read in the first 1 MiB buffer, whose last byte starts a three-byte character.
        var prefix = ContactHeader + "\"0030000000\",\"";
        var first = new string('a', (1 << 20) - 1 - Encoding.UTF8.GetByteCount(prefix)) + "语";
        var text = new StringBuilder(ContactHeader).Append(Contact("0030000000", first: first));
        for (var i = 1; i < 100; i++)
        {
            text.Append(Contact($"003{i:D7}", first: "语言"));
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        Assert.Equal(0xE8, bytes[(1 << 20) - 1]);
        _folder.WriteBytes("crm/Contact.csv", bytes);

        var (result, _) = Run("salesforce", "crm.customers", "crm");

        Assert.Equal(StreamStatus.Ok, result.Status);
        Assert.Equal(100, result.RowsLoaded);
    }

    [Fact]
    public void AcceptedToRecord_SkipsRejectedRecords()
    {
        // Header is record 1; records 3 and 4 were rejected by the reader.
        List<long> rejected = [3, 4];

        Assert.Equal(2, Extractor.AcceptedToRecord(1, 1, rejected));
        Assert.Equal(5, Extractor.AcceptedToRecord(2, 1, rejected));
        Assert.Equal(6, Extractor.AcceptedToRecord(3, 1, rejected));
    }
}
