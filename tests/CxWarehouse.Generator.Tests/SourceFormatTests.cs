using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxWarehouse.Generator.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CxWarehouse.Generator.Tests;

[Collection(GeneratedDataCollection.Name)]
public sealed partial class SourceFormatTests(GeneratedDataFixture data)
{
    private static readonly Dictionary<string, string> s_idPrefixes = new(StringComparer.Ordinal)
    {
        ["crm/Contact.csv"] = "003",
        ["crm/Opportunity.csv"] = "006",
        ["crm/Case.csv"] = "500",
        ["crm/Campaign.csv"] = "701",
        ["crm/LoyaltyProgramMember.csv"] = "0lM",
        ["crm/users.csv"] = "005",
    };

    [Fact]
    public void Generate_ScaleOne_GivesAbout100kTouchpoints()
    {
        Assert.Equal(4000, data.Summary.Persons);
        Assert.InRange(data.Summary.Touchpoints, 85_000, 115_000);
        using var truth = JsonDocument.Parse(File.ReadAllText(data.PathOf("truth/summary.json")));
        Assert.Equal(data.Summary.Touchpoints, truth.RootElement.GetProperty("touchpoints").GetInt64());
    }

    [Fact]
    public void SalesforceCsv_Ids_Are18CharsWithValidChecksum()
    {
        foreach (var (file, prefix) in s_idPrefixes)
        {
            var raw = File.ReadAllText(data.PathOf(file));
            Assert.StartsWith("\"Id\",", raw, StringComparison.Ordinal);
            Assert.Contains("\"\r\n\"", raw, StringComparison.Ordinal);
            var records = StrictCsv.Parse(raw);
            var header = records[0].Fields;
            var dirty = data.DirtyLines(file);
            Assert.True(records.Count > 10, file);
            foreach (var record in records.Skip(1).Where(r => !dirty.Contains(r.Line)))
            {
                Assert.Equal(header.Count, record.Fields.Count);
                AssertSalesforceId(record.Fields[0], prefix);
                for (var i = 1; i < header.Count; i++)
                {
                    var expected = header[i] switch
                    {
                        "ContactId" => "003",
                        "OwnerId" => "005",
                        "CampaignId" => "701",
                        _ => null,
                    };
                    // An empty lookup is written as Salesforce's null id, as its exports do; any other is a real id.
                    if (expected is not null)
                    {
                        Assert.NotEqual("", record.Fields[i]);
                    }
                    if (expected is not null && record.Fields[i] != "000000000000000AAA")
                    {
                        AssertSalesforceId(record.Fields[i], expected);
                    }
                }
            }
        }
    }

    [Fact]
    public void SalesforceCsv_ValuesUseApiFormats()
    {
        var records = StrictCsv.ParseFile(data.PathOf("crm/Opportunity.csv"));
        var header = records[0].Fields.ToList();
        var dirty = data.DirtyLines("crm/Opportunity.csv");
        foreach (var r in records.Skip(1).Where(r => !dirty.Contains(r.Line)))
        {
            Assert.Matches(AmountPattern(), r.Fields[header.IndexOf("Amount")]);
            Assert.Matches(DatePattern(), r.Fields[header.IndexOf("CloseDate")]);
            Assert.Matches(SalesforceDateTimePattern(), r.Fields[header.IndexOf("CreatedDate")]);
            Assert.Contains(r.Fields[header.IndexOf("IsWon")], new[] { "true", "false" });
            Assert.Contains(r.Fields[header.IndexOf("StageName")],
                new[] { "Closed Won", "Closed Lost", "Prospecting", "Negotiation" });
        }

        var cases = StrictCsv.ParseFile(data.PathOf("crm/Case.csv"));
        Assert.Contains(cases, c => c.Fields.Count > 10 && c.Fields[10].Contains('\n', StringComparison.Ordinal));
        Assert.Contains(cases, c => c.Fields.Count > 10 && c.Fields[10].Contains('"', StringComparison.Ordinal));
    }

    [Fact]
    public void SalesforceCsv_CreatedBeforeModifiedAndBeforeTheExport()
    {
        var cutoff = data.Options.End.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        foreach (var file in s_idPrefixes.Keys.Where(f => f != "crm/users.csv"))
        {
            var records = StrictCsv.ParseFile(data.PathOf(file));
            var header = records[0].Fields.ToList();
            var created = header.IndexOf("CreatedDate");
            var modified = header.IndexOf("LastModifiedDate");
            var dirty = data.DirtyLines(file);
            foreach (var r in records.Skip(1).Where(r => !dirty.Contains(r.Line)))
            {
                var c = DateTime.Parse(r.Fields[created], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                var m = DateTime.Parse(r.Fields[modified], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                Assert.True(c <= m, $"{file}:{r.Line} modified before created");
                Assert.True(m < cutoff, $"{file}:{r.Line} modified after the export");
            }
        }
    }

    [Fact]
    public void CrmSqlite_HoldsTheSameObjectsClean()
    {
        using var connection =
            new SqliteConnection($"Data Source={data.PathOf("crm-db/crm.sqlite")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        foreach (var (table, file) in new[]
        {
            ("Contact", "crm/Contact.csv"), ("Opportunity", "crm/Opportunity.csv"), ("Case", "crm/Case.csv"),
            ("Campaign", "crm/Campaign.csv"), ("LoyaltyProgramMember", "crm/LoyaltyProgramMember.csv"),
                ("User", "crm/users.csv"),
        })
        {
            var ids = StrictCsv.ParseFile(data.PathOf(file)).Skip(1).Select(r => r.Fields[0])
                .ToHashSet(StringComparer.Ordinal);
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*), count(DISTINCT Id) FROM \"{table}\"";
            using var reader = count.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(ids.Count, reader.GetInt64(0));
            Assert.Equal(ids.Count, reader.GetInt64(1));
        }

        using var index = connection.CreateCommand();
        index.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql LIKE '%LastModifiedDate%'";
        Assert.Equal(5L, (long)index.ExecuteScalar()!);
    }

    [Fact]
    public void Qualtrics_HasBomThreeHeaderRowsAndImportIds()
    {
        var bytes = File.ReadAllBytes(data.PathOf("surveys/qualtrics_cx_survey.csv"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        Assert.Contains("\r\n", text, StringComparison.Ordinal);
        var records = StrictCsv.Parse(text);
        var tags = records[0].Fields.ToList();
        Assert.Equal("StartDate", tags[0]);
        Assert.Contains("Duration (in seconds)", tags);
        Assert.Contains("Q1_NPS_GROUP", tags);
        Assert.Contains("ExternalReference", tags);
        Assert.Contains("How likely are you to recommend", string.Join("|", records[1].Fields),
            StringComparison.Ordinal);
        var importIds = records[2].Fields;
        Assert.Equal(tags.Count, importIds.Count);
        foreach (var cell in importIds)
        {
            using var json = JsonDocument.Parse(cell);
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("ImportId").GetString()));
        }

        Assert.Equal("{\"ImportId\":\"startDate\",\"timeZone\":\"America/Denver\"}", importIds[0]);
        Assert.Equal("{\"ImportId\":\"_recordId\"}", importIds[tags.IndexOf("ResponseId")]);
        Assert.Equal("{\"ImportId\":\"QID1\"}", importIds[tags.IndexOf("Q1")]);

        var dirty = data.DirtyLines("surveys/qualtrics_cx_survey.csv");
        var rows = records.Skip(3).Where(r => !dirty.Contains(r.Line)).ToList();
        Assert.All(rows, r => Assert.Equal(tags.Count, r.Fields.Count));
        Assert.All(rows, r => Assert.Matches(ResponseIdPattern(), r.Fields[tags.IndexOf("ResponseId")]));
        Assert.All(rows, r => DateTime.ParseExact(r.Fields[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Assert.Contains(rows, r => r.Fields[2] == "Survey Preview");
        Assert.Contains(rows, r => r.Fields[6] == "False"
            && int.Parse(r.Fields[4], CultureInfo.InvariantCulture) < 100);
        Assert.Contains(rows, r => r.Fields[tags.IndexOf("RecipientEmail")].StartsWith(' '));
        var real = rows.Where(r => r.Fields[2] == "IP Address").ToList();
        Assert.All(real, r => Assert.Contains(r.Fields[tags.IndexOf("UserLanguage")], new[] { "EN", "ZH-S", "PT-BR" }));
    }

    [Fact]
    public void Dianping_DecodesAsGb18030AndNotAsUtf8()
    {
        var bytes = File.ReadAllBytes(data.PathOf("reviews/dianping/reviews.csv"));
        var strictUtf8 = new UTF8Encoding(false, true);
        Assert.ThrowsAny<DecoderFallbackException>(() => strictUtf8.GetString(bytes));

        var gb18030 =
            CodePagesEncodingProvider.Instance.GetEncoding(54936, EncoderFallback.ExceptionFallback,
                DecoderFallback.ExceptionFallback)!;
        var text = gb18030.GetString(bytes);
        Assert.StartsWith("reviewId,shopId,shopName,userNickname,star,accurateStar,reviewTime,content,效果,环境,服务,", text,
            StringComparison.Ordinal);
        Assert.Contains("\r\n", text, StringComparison.Ordinal);
        var records = StrictCsv.Parse(text);
        var dirty = data.DirtyLines("reviews/dianping/reviews.csv");
        var rows = records.Skip(1).Where(r => !dirty.Contains(r.Line)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(14, r.Fields.Count));
        Assert.All(rows, r => Assert.Contains(r.Fields[4], new[] { "10", "20", "30", "40", "50" }));
        Assert.Contains(rows, r => r.Fields[11].StartsWith("006", StringComparison.Ordinal));
    }

    [Fact]
    public void WebNdjson_LinesNotListedAsDirty_ParseWithExpectedFields()
    {
        var files = data.FilesUnder("web", "events_*.ndjson").ToList();
        Assert.InRange(files.Count, 24, 26);
        var purchases = 0;
        var logins = 0;
        foreach (var path in files)
        {
            var relative = "web/" + Path.GetFileName(path);
            var dirty = data.DirtyLines(relative);
            var line = 0L;
            foreach (var text in File.ReadLines(path))
            {
                line++;
                if (dirty.Contains(line))
                {
                    continue;
                }

                using var json = JsonDocument.Parse(text);
                var e = json.RootElement;
                Assert.Matches(EventDatePattern(), e.GetProperty("event_date").GetString());
                Assert.True(long.TryParse(e.GetProperty("event_timestamp").GetString(), out _));
                var name = e.GetProperty("event_name").GetString();
                Assert.Equal(JsonValueKind.Array, e.GetProperty("event_params").ValueKind);
                Assert.Equal(JsonValueKind.Null, e.GetProperty("event_previous_timestamp").ValueKind);
                Assert.Matches(PseudoIdPattern(), e.GetProperty("user_pseudo_id").GetString());
                Assert.Contains(e.GetProperty("device").GetProperty("category").GetString(),
                    new[] { "desktop", "mobile", "tablet" });
                Assert.Equal("www.lumenstudios.example",
                    e.GetProperty("device").GetProperty("web_info").GetProperty("hostname").GetString());
                Assert.False(string.IsNullOrEmpty(e.GetProperty("geo").GetProperty("country").GetString()));
                Assert.False(string.IsNullOrEmpty(e.GetProperty("traffic_source").GetProperty("medium").GetString()));
                Assert.Equal(JsonValueKind.Array, e.GetProperty("items").ValueKind);
                Assert.Equal("WEB", e.GetProperty("platform").GetString());
                if (name == "purchase")
                {
                    purchases++;
                    var transaction = e.GetProperty("ecommerce").GetProperty("transaction_id").GetString()!;
                    AssertSalesforceId(transaction, "006");
                    Assert.Equal(1, e.GetProperty("items").GetArrayLength());
                }
                else
                {
                    Assert.Equal(JsonValueKind.Null, e.GetProperty("ecommerce").ValueKind);
                }

                if (name == "login")
                {
                    logins++;
                    AssertSalesforceId(e.GetProperty("user_id").GetString()!, "003");
                }
            }
        }

        Assert.True(purchases > 100);
        Assert.True(logins > 100);
    }

    [Fact]
    public void ConnectNdjson_LinesNotListedAsDirty_ParseWithExpectedFields()
    {
        var files = data.FilesUnder("calls/amazon-connect", "ctr_*.ndjson").ToList();
        Assert.NotEmpty(files);
        var abandoned = 0;
        foreach (var path in files)
        {
            var dirty = data.DirtyLines("calls/amazon-connect/" + Path.GetFileName(path));
            var line = 0L;
            foreach (var text in File.ReadLines(path))
            {
                line++;
                if (dirty.Contains(line))
                {
                    continue;
                }

                using var json = JsonDocument.Parse(text);
                var r = json.RootElement;
                Assert.Equal("2017-03-10", r.GetProperty("AWSContactTraceRecordFormatVersion").GetString());
                Assert.Equal("VOICE", r.GetProperty("Channel").GetString());
                Assert.Matches(UuidPattern(), r.GetProperty("ContactId").GetString());
                Assert.Matches(CtrTimestampPattern(), r.GetProperty("InitiationTimestamp").GetString());
                Assert.Matches(CtrTimestampPattern(), r.GetProperty("LastUpdateTimestamp").GetString());
                Assert.StartsWith("+", r.GetProperty("CustomerEndpoint").GetProperty("Address").GetString(),
                    StringComparison.Ordinal);
                Assert.Contains(r.GetProperty("InitiationMethod").GetString(),
                    new[] { "INBOUND", "OUTBOUND", "TRANSFER", "CALLBACK" });
                Assert.False(string.IsNullOrEmpty(r.GetProperty("Attributes").GetProperty("location").GetString()));
                var queue = r.GetProperty("Queue");
                if (queue.ValueKind == JsonValueKind.Object && r.GetProperty("Agent").ValueKind == JsonValueKind.Null)
                {
                    abandoned++;
                }
            }
        }

        Assert.True(abandoned > 20);
    }

    [Fact]
    public void Connect_SomeContactsAreDeliveredTwice()
    {
        var byId = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in data.FilesUnder("calls/amazon-connect", "ctr_*.ndjson"))
        {
            var dirty = data.DirtyLines("calls/amazon-connect/" + Path.GetFileName(path));
            var line = 0L;
            foreach (var text in File.ReadLines(path))
            {
                line++;
                if (dirty.Contains(line))
                {
                    continue;
                }

                using var json = JsonDocument.Parse(text);
                var id = json.RootElement.GetProperty("ContactId").GetString()!;
                if (!byId.TryGetValue(id, out var list))
                {
                    byId[id] = list = [];
                }

                list.Add(json.RootElement.GetProperty("LastUpdateTimestamp").GetString()!);
            }
        }

        var repeated = byId.Values.Where(v => v.Count > 1).ToList();
        Assert.InRange(repeated.Count, byId.Count / 100, byId.Count / 10);
        Assert.Contains(repeated, v => v.Distinct().Count() > 1);
        Assert.Contains(repeated, v => v.Distinct().Count() == 1);
    }

    [Fact]
    public void Asterisk_HasNoHeaderAndEighteenColumns()
    {
        const string file = "calls/asterisk/Master.csv";
        var raw = File.ReadAllText(data.PathOf(file));
        Assert.DoesNotContain("\r", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("accountcode", raw, StringComparison.Ordinal);
        var records = StrictCsv.Parse(raw);
        var dirty = data.DirtyLines(file);
        var rows = records.Where(r => !dirty.Contains(r.Line)).ToList();
        Assert.True(rows.Count > 100);
        Assert.All(rows, r => Assert.Equal(18, r.Fields.Count));
        Assert.All(rows, r => DateTime.ParseExact(r.Fields[9], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Assert.All(rows, r => Assert.Contains(r.Fields[14], new[] { "ANSWERED", "NO ANSWER", "BUSY", "FAILED" }));
        Assert.All(rows.Where(r => r.Fields[14] == "ANSWERED"), r =>
            Assert.StartsWith("sao.", r.Fields[17], StringComparison.Ordinal));
        Assert.All(rows.Where(r => r.Fields[14] != "ANSWERED"), r => Assert.Equal("", r.Fields[10]));
        Assert.All(rows, r => Assert.Matches(UniqueIdPattern(), r.Fields[16]));

        // Strings quoted, integers bare, as cdr_csv.c writes them.
        var lines = raw.Split('\n');
        Assert.Matches(AsteriskLinePattern(), lines[rows[0].Line - 1]);
    }

    [Fact]
    public void GoogleReviews_AreListResponsesWithTotals()
    {
        var files = data.FilesUnder("reviews/google", "*.json").Select(Path.GetFileName).ToList();
        Assert.Equal(["LDN.json", "MAN.json", "NYC.json", "SAO.json"], files);
        foreach (var file in files)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(data.PathOf("reviews/google/" + file)));
            var reviews = json.RootElement.GetProperty("reviews").EnumerateArray().ToList();
            var ids = reviews.Select(r => r.GetProperty("reviewId").GetString()).Distinct().Count();
            Assert.Equal(ids, json.RootElement.GetProperty("totalReviewCount").GetInt32());
            Assert.InRange(json.RootElement.GetProperty("averageRating").GetDouble(), 1, 5);
            foreach (var review in reviews)
            {
                Assert.StartsWith("accounts/1077/locations/", review.GetProperty("name").GetString(),
                    StringComparison.Ordinal);
                var reviewer = review.GetProperty("reviewer");
                if (reviewer.GetProperty("isAnonymous").GetBoolean())
                {
                    Assert.Equal("A Google User", reviewer.GetProperty("displayName").GetString());
                }
            }

            Assert.Contains(reviews, r => !r.TryGetProperty("comment", out _));
            Assert.Contains(reviews, r => r.TryGetProperty("reviewReply", out _));
        }
    }

    private static void AssertSalesforceId(string id, string prefix)
    {
        Assert.Equal(18, id.Length);
        Assert.StartsWith(prefix, id, StringComparison.Ordinal);
        Assert.True(id.All(char.IsAsciiLetterOrDigit), id);
        Assert.Equal(ChecksumOf(id[..15]), id[15..]);
    }

    /// <summary>Salesforce's case-safe suffix, written independently of the generator's version.</summary>
    private static string ChecksumOf(string id15)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
        var suffix = new StringBuilder();
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 4; i >= 0; i--)
            {
                bits = (bits << 1) | (char.IsAsciiLetterUpper(id15[(chunk * 5) + i]) ? 1 : 0);
            }

            suffix.Append(alphabet[bits]);
        }

        return suffix.ToString();
    }

    [GeneratedRegex(@"^\d+\.\d{2}$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$")]
    private static partial Regex SalesforceDateTimePattern();

    [GeneratedRegex(@"^R_[A-Za-z0-9]{15}$")]
    private static partial Regex ResponseIdPattern();

    [GeneratedRegex(@"^20\d{6}$")]
    private static partial Regex EventDatePattern();

    [GeneratedRegex(@"^[1-9]\d{8,9}\.\d{10}$")]
    private static partial Regex PseudoIdPattern();

    [GeneratedRegex(@"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex UuidPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex CtrTimestampPattern();

    [GeneratedRegex(@"^\d{10}\.\d+$")]
    private static partial Regex UniqueIdPattern();

    // accountcode, src, dst, dcontext, clid ("""Name"" <num>"), 7 quoted strings, duration, billsec, 4 quoted strings.
    [GeneratedRegex("""^("[^"]*",){4}"(""[^"]*"")? ?<?[^"]*>?",("[^"]*",){7}\d+,\d+,("[^"]*",){3}"[^"]*"$""")]
    private static partial Regex AsteriskLinePattern();
}
