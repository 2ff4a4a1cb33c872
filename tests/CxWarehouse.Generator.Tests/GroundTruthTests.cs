using System.Globalization;
using System.Text;
using System.Text.Json;
using CxWarehouse.Generator.Tests.Support;

namespace CxWarehouse.Generator.Tests;

[Collection(GeneratedDataCollection.Name)]
public sealed class GroundTruthTests(GeneratedDataFixture data)
{
    private static readonly string[] s_nonNumbers = ["abc", "1.234,50", "N/A", "12O", "--", "四十"];
    private static readonly string[] s_nullWords = ["NULL", "\\N", "NA"];

    [Fact]
    public void Identity_ListsEveryContactId_IncludingDuplicatePersons()
    {
        var identity = TruthFiles.ReadIdentity(data.Root);
        var contactIds =
            StrictCsv.ParseFile(data.PathOf("crm/Contact.csv")).Skip(1).Select(r => r.Fields[0])
                .ToHashSet(StringComparer.Ordinal);
        var listed = identity.Where(i => i.Source == "crm" && i.RecordType == "Contact").ToList();

        Assert.Equal(contactIds.Order(StringComparer.Ordinal),
            listed.Select(i => i.RecordId).Order(StringComparer.Ordinal));
        var duplicated = listed.GroupBy(i => i.PersonId).Count(g => g.Count() == 2);
        Assert.InRange(duplicated, contactIds.Count / 50, contactIds.Count / 12);
    }

    [Fact]
    public void Identity_WebUserIdsAreTheSamePersonsContactIds()
    {
        var identity = TruthFiles.ReadIdentity(data.Root);
        var contactsByPerson =
            identity.Where(i => i.RecordType == "Contact").ToLookup(i => i.PersonId, i => i.RecordId);
        var userIds = identity.Where(i => i.RecordType == "user_id").ToList();

        Assert.NotEmpty(userIds);
        Assert.All(userIds, u => Assert.Contains(u.RecordId, contactsByPerson[u.PersonId]));
        foreach (var type in new[] { "user_pseudo_id", "ContactId", "uniqueid", "ResponseId", "reviewId" })
        {
            Assert.Contains(identity, i => i.RecordType == type);
        }

        // Every record id belongs to exactly one person.
        var owners =
            identity.GroupBy(i => (i.Source, i.RecordId)).Where(g => g.Select(i => i.PersonId).Distinct().Count() > 1);
        Assert.Empty(owners);
    }

    [Fact]
    public void Dirty_EveryFileWithAtLeast200Records_HasACorruption()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(data.PathOf("truth/summary.json")));
        var files = summary.RootElement.GetProperty("files");
        var checkedFiles = 0;
        foreach (var file in data.Summary.Files.Where(f => f.Records >= 200
            && !f.RelativePath.StartsWith("truth/", StringComparison.Ordinal) && f.RelativePath != "crm-db/crm.sqlite"))
        {
            checkedFiles++;
            Assert.Contains(data.Dirty, d => d.File == file.RelativePath);
            var listed = data.Dirty.Count(d => d.File == file.RelativePath);
            Assert.Equal(listed, files.GetProperty(file.RelativePath).GetProperty("dirty").GetInt32());
            Assert.Equal(file.Records, files.GetProperty(file.RelativePath).GetProperty("records").GetInt64());
        }

        Assert.True(checkedFiles > 25);
        Assert.DoesNotContain(data.Dirty, d => d.File == "crm-db/crm.sqlite");
    }

    [Fact]
    public void Dirty_ExpectedOutcomeFollowsTheKind()
    {
        foreach (var d in data.Dirty)
        {
            var expected = d.Kind switch
            {
                "impossible_date" or "non_numeric" or "ragged_row" or "truncated_json" or "two_json_objects" =>
                    "quarantine",
                "duplicate_key" => "dedupe",
                "null_spelling" or "formula_injection" or "script_tag" or "javascript_link" or "emoji_cjk" => "accept",
                _ => throw new InvalidOperationException("unknown kind " + d.Kind),
            };
            Assert.Equal(expected, d.Expected);
        }

        Assert.True(data.Dirty.Select(d => d.Kind).Distinct().Count() >= 10);
    }

    [Fact]
    public void Dirty_CsvLines_PointAtTheCorruptedRecord() => CheckCsvLines(data.Root, data.Dirty);

    [Fact]
    public void Dirty_NdjsonLines_PointAtTheCorruptedRecord() => CheckNdjsonLines(data.Root, data.Dirty);

    [Fact]
    public void Dirty_GoogleReviewLines_PointAtTheReviewObject() => CheckGoogleLines(data.Root, data.Dirty);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Dirty_HighDirtyShare_EveryListedLinePointsAtItsCorruption(int seed)
    {
        using var folder = new TempFolder();
        new CxDataGenerator(new GeneratorOptions(0.15, seed, folder.Path) { DirtyShare = 0.15 }).Generate();
        var dirty = TruthFiles.ReadDirty(folder.Path);

        Assert.True(dirty.Count > 1000);
        Assert.Equal(11, dirty.Select(d => d.Kind).Distinct().Count());
        CheckCsvLines(folder.Path, dirty);
        CheckNdjsonLines(folder.Path, dirty);
        CheckGoogleLines(folder.Path, dirty);
    }

    private static void CheckCsvLines(string root, IReadOnlyList<DirtyEntry> dirtyEntries)
    {
        foreach (var group in dirtyEntries.Where(d => d.File.EndsWith(".csv", StringComparison.Ordinal))
            .GroupBy(d => d.File))
        {
            var file = group.Key;
            var encoding = file.Contains("dianping", StringComparison.Ordinal)
                ? CodePagesEncodingProvider.Instance.GetEncoding(54936)!
                : new UTF8Encoding(false, true);
            var records = StrictCsv.Parse(File.ReadAllText(Path.Combine(root, file), encoding));
            var byLine = records.ToDictionary(r => r.Line);
            var headerRows = file.Contains("qualtrics", StringComparison.Ordinal)
                ? 3 : file.EndsWith("Master.csv", StringComparison.Ordinal) ? 0 : 1;
            var width = headerRows == 0 ? 18 : records[0].Fields.Count;
            foreach (var d in group)
            {
                Assert.True(byLine.TryGetValue(d.Line, out var record), $"{file}:{d.Line} does not start a record");
                Assert.True(d.Line > headerRows, $"{file}:{d.Line} is a header row");
                var fields = record.Fields;
                var context = $"{file}:{d.Line} ({d.Kind})";
                if (d.Kind == "ragged_row")
                {
                    Assert.True(fields.Count != width, context + " has the right field count");
                    continue;
                }

                Assert.True(width == fields.Count, context + " is ragged");
                Assert.True(fields.Contains(d.RecordKey), context + " does not hold its key " + d.RecordKey);
                AssertPayload(d.Kind, fields, context);
                if (d.Kind == "duplicate_key")
                {
                    Assert.Contains(records, r => r.Line < d.Line && r.Fields.Contains(d.RecordKey));
                }
            }
        }
    }

    private static void CheckNdjsonLines(string root, IReadOnlyList<DirtyEntry> dirtyEntries)
    {
        foreach (var group in dirtyEntries.Where(d => d.File.EndsWith(".ndjson", StringComparison.Ordinal))
            .GroupBy(d => d.File))
        {
            var lines = File.ReadAllLines(Path.Combine(root, group.Key));
            foreach (var d in group)
            {
                var context = $"{group.Key}:{d.Line} ({d.Kind})";
                var line = lines[d.Line - 1];
                Assert.StartsWith("{\"", line, StringComparison.Ordinal);
                if (d.Kind is "truncated_json" or "two_json_objects")
                {
                    Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(line));
                    continue;
                }

                var keyPart = d.RecordKey.Split('|')[0];
                Assert.True(line.Contains(keyPart, StringComparison.Ordinal), context + " does not hold its key");

                using var json = JsonDocument.Parse(line);
                var values = new List<string>();
                Collect(json.RootElement, values);
                AssertPayload(d.Kind, values, context);
            }
        }
    }

    private static void CheckGoogleLines(string root, IReadOnlyList<DirtyEntry> dirtyEntries)
    {
        foreach (var group in dirtyEntries.Where(d =>
            d.File.StartsWith("reviews/google/", StringComparison.Ordinal)).GroupBy(d => d.File))
        {
            var lines = File.ReadAllLines(Path.Combine(root, group.Key));
            foreach (var d in group)
            {
                var context = $"{group.Key}:{d.Line} ({d.Kind})";
                Assert.True(lines[d.Line - 1] == "    {", context + " is not the start of a review: "
                    + lines[d.Line - 1]);
                var end = Array.IndexOf(lines, "    }", (int)d.Line - 1);
                var endComma = Array.IndexOf(lines, "    },", (int)d.Line - 1);
                var last = endComma >= 0 && (end < 0 || endComma < end) ? endComma : end;
                var text = string.Join("\n", lines[((int)d.Line - 1)..(last + 1)]).TrimEnd(',');
                using var json = JsonDocument.Parse(text);
                Assert.Equal(d.RecordKey, json.RootElement.GetProperty("reviewId").GetString());
                var values = new List<string>();
                Collect(json.RootElement, values);
                AssertPayload(d.Kind, values, context);
            }
        }
    }

    private static void AssertPayload(string kind, IReadOnlyList<string> values, string context)
    {
        bool Any(Func<string, bool> test) => values.Any(test);
        var ok = kind switch
        {
            "impossible_date" => Any(IsImpossibleDate),
            "non_numeric" => Any(v => s_nonNumbers.Contains(v)),
            "null_spelling" => Any(v => s_nullWords.Contains(v)),
            // In Asterisk the payload is the caller-ID name inside clid ("=HYPERLINK(...)" <number>).
            "formula_injection" => Any(v => v.StartsWith("=HYPERLINK(", StringComparison.Ordinal)
                || v.StartsWith("\"=HYPERLINK(", StringComparison.Ordinal)),
            "script_tag" => Any(v => v.Contains("<script>", StringComparison.Ordinal)),
            "javascript_link" => Any(v => v.Contains("javascript:", StringComparison.Ordinal)),
            "emoji_cjk" => Any(v => v.Contains("😀", StringComparison.Ordinal)),
            "duplicate_key" => true,
            _ => false,
        };
        Assert.True(ok, context + " does not carry its corruption");
    }

    private static bool IsImpossibleDate(string value)
    {
        var digits = value.Replace("-", "", StringComparison.Ordinal);
        if (digits.Length < 8 || !digits[..8].All(char.IsAsciiDigit)
            || (value.Length > 4 && value[4] != '-' && value.Length != 8))
        {
            return false;
        }

        return !DateOnly.TryParseExact(digits[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None,
            out _);
    }

    private static void Collect(JsonElement element, List<string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, values);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, values);
                }

                break;
            case JsonValueKind.String:
                values.Add(element.GetString()!);
                break;
            default:
                break;
        }
    }
}
