using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator;

/// <summary>
/// A business's life as the deliveries its systems make: from a generated history (the folder
/// <see cref="CxDataGenerator"/> wrote), the files a drop folder holds at the end of a given day, as real exports
/// deliver them. Writing successive days into one drop folder replays the weekly deliveries of a warehouse's life.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>GA4: one file per day (<c>events_YYYYMMDD.ndjson</c>, as the BigQuery daily export); about 3% of events
/// arrive one to three days late, so a past day's file is delivered again with them added.</item>
/// <item>Amazon Connect: one file per day of contact trace records (<c>ctr_YYYYMMDD.ndjson</c>).</item>
/// <item>Salesforce: each object's export as it stood: records created by then; a record changed later is
/// exported in its earlier state (a case still open, an opportunity not yet closed, a contact before its last
/// change) and re-exported with a later LastModifiedDate when it changes.</item>
/// <item>Qualtrics, Asterisk, Dianping: the growing export (responses, calls, reviews recorded by then).</item>
/// <item>Google reviews: reviews posted by then; a reply written later is absent until it is, and an edit later
/// than the cut shows the review as first posted.</item>
/// <item>Competitors' reviews (<c>reviews/competitors/&lt;name&gt;/</c>): as the studio's Google and Dianping ones.</item>
/// </list>
/// The cut is the end of the day in each file's own clock. Prefix-stable: for one generated history, the files
/// of an earlier day never depend on anything later (only the files it is the prefix of grow).
/// Files are rewritten only when their content changes, so a delivery that brings nothing leaves them as they are.
/// </remarks>
public static class Deliveries
{
    private static readonly Encoding s_bytes = Encoding.Latin1;

    /// <summary>Writes into <paramref name="drop"/> the files delivered by the end of <paramref name="asOf"/>.</summary>
    /// <returns>The files written or rewritten (paths relative to the drop folder).</returns>
    public static IReadOnlyList<string> WriteAsOf(string history, string drop, DateOnly asOf)
    {
        var cut = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var written = new List<string>();
        void Put(string relative, byte[] content)
        {
            var path = Path.Combine(drop, relative);
            if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
            {
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".part";
            File.WriteAllBytes(temp, content);
            File.Move(temp, path, overwrite: true);
            written.Add(relative.Replace('\\', '/'));
        }
        void Move(string relative, string prepared)
        {
            var path = Path.Combine(drop, relative);
            if (File.Exists(path) && SameBytes(path, prepared))
            {
                File.Delete(prepared);
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(prepared, path, overwrite: true);
            written.Add(relative.Replace('\\', '/'));
        }

        Daily(history, drop, "web", "events_*.ndjson", "events_", cut, WebEvent, Move);
        Daily(history, drop, Path.Combine("calls", "amazon-connect"), "ctr_*.ndjson", "ctr_", cut, ConnectRecord, Move);
        Crm(history, cut, Put);
        Growing(history, Path.Combine("surveys", "qualtrics_cx_survey.csv"), 3, "RecordedDate", "yyyy-MM-dd HH:mm:ss", cut, Put);
        Growing(history, Path.Combine("calls", "asterisk", "Master.csv"), 0, "9", "yyyy-MM-dd HH:mm:ss", cut, Put);
        Growing(history, Path.Combine("reviews", "dianping", "reviews.csv"), 1, "reviewTime", "yyyy-MM-dd HH:mm", cut, Put);
        // The studio's Google reviews, then each competitor's (reviews/competitors/<name>/): the same exports.
        var competitors = Path.Combine(history, "reviews", "competitors");
        var googleFolders = new List<string> { Path.Combine(history, "reviews", "google") };
        if (Directory.Exists(competitors))
        {
            foreach (var competitor in Directory.EnumerateDirectories(competitors).Order(StringComparer.Ordinal))
            {
                Growing(history, Path.GetRelativePath(history, Path.Combine(competitor, "dianping", "reviews.csv")), 1,
                    "reviewTime", "yyyy-MM-dd HH:mm", cut, Put);
                googleFolders.Add(Path.Combine(competitor, "google"));
            }
        }
        foreach (var google in googleFolders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(google, "*.json").Order(StringComparer.Ordinal))
            {
                Put(Path.GetRelativePath(history, file), GoogleReviews(file, cut));
            }
        }
        return written;
    }

    /// <summary>Whether <paramref name="history"/> holds a history generated with these options (seed, scale,
    /// dates and dirty share, from its truth/summary.json).</summary>
    public static bool HistoryMatches(string history, GeneratorOptions options)
    {
        var summary = Path.Combine(history, "truth", "summary.json");
        if (!File.Exists(summary))
        {
            return false;
        }
        using var json = JsonDocument.Parse(File.ReadAllText(summary));
        var root = json.RootElement;
        return root.GetProperty("seed").GetInt32() == options.Seed
            && root.GetProperty("scale").GetDouble() == options.Scale
            && root.GetProperty("start").GetString() == options.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            && root.GetProperty("end").GetString() == options.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            && root.GetProperty("dirty_share").GetDouble() == options.DirtyShare;
    }

    private static bool SameBytes(string a, string b)
    {
        using var left = File.OpenRead(a);
        using var right = File.OpenRead(b);
        if (left.Length != right.Length)
        {
            return false;
        }
        var x = new byte[1 << 16];
        var y = new byte[1 << 16];
        while (true)
        {
            var n = left.ReadAtLeast(x, x.Length, throwOnEndOfStream: false);
            var m = right.ReadAtLeast(y, y.Length, throwOnEndOfStream: false);
            if (n != m || !x.AsSpan(0, n).SequenceEqual(y.AsSpan(0, m)))
            {
                return false;
            }
            if (n == 0)
            {
                return true;
            }
        }
    }

    /// <summary>A GA4 event's day and when it reached the export (late for ~3%, by up to three days).</summary>
    private static (DateOnly Day, DateTime Arrived)? WebEvent(string line)
    {
        if (Field(line, "\"event_date\":\"") is not { Length: 8 } date
            || !DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }
        var hash = StableHash.Of(line);
        var late = hash % 100 < 3 ? (int)(hash / 100 % 3) + 1 : 0;
        return (day, day.AddDays(1 + late).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddTicks(-1));
    }

    private static (DateOnly Day, DateTime Arrived)? ConnectRecord(string line)
    {
        if (Field(line, "\"InitiationTimestamp\":\"") is not { } stamp
            || !DateTime.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return null;
        }
        return (DateOnly.FromDateTime(at), at);
    }

    private static string? Field(string line, string prefix)
    {
        var at = line.IndexOf(prefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        at += prefix.Length;
        var end = line.IndexOf('"', at);
        return end < 0 ? null : line[at..end];
    }

    /// <summary>Monthly NDJSON files regrouped into one file per day, each holding what had arrived by the cut.
    /// A line whose day cannot be read (a planted fault) goes with the line before it. Lines stream through one
    /// open writer per day into a scratch folder, so memory stays flat whatever the size.</summary>
    private static void Daily(string history, string drop, string folder, string pattern, string prefix, DateTime cut,
        Func<string, (DateOnly Day, DateTime Arrived)?> classify, Action<string, string> put)
    {
        var source = Path.Combine(history, folder);
        if (!Directory.Exists(source))
        {
            return;
        }
        var scratch = Path.Combine(drop, ".delivering", folder);
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
        Directory.CreateDirectory(scratch);
        var writers = new SortedDictionary<DateOnly, StreamWriter>();
        try
        {
            foreach (var file in Directory.EnumerateFiles(source, pattern).Order(StringComparer.Ordinal))
            {
                (DateOnly Day, DateTime Arrived)? last = null;
                // Bytes as Latin-1 characters, one for one (no byte-order-mark detection), so every byte is written back.
                using var reader = new StreamReader(file, s_bytes, detectEncodingFromByteOrderMarks: false);
                while (reader.ReadLine() is { } line)
                {
                    var at = classify(line) ?? last;
                    last = at;
                    if (at is not { } known || known.Arrived >= cut)
                    {
                        continue;
                    }
                    if (!writers.TryGetValue(known.Day, out var writer))
                    {
                        var name = prefix + known.Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".ndjson";
                        writers[known.Day] = writer = new StreamWriter(Path.Combine(scratch, name), false, s_bytes) { NewLine = "\n" };
                    }
                    writer.WriteLine(line);
                }
            }
        }
        finally
        {
            foreach (var writer in writers.Values)
            {
                writer.Dispose();
            }
        }
        foreach (var file in Directory.EnumerateFiles(scratch).Order(StringComparer.Ordinal))
        {
            put(Path.Combine(folder, Path.GetFileName(file)), file);
        }
        Directory.Delete(Path.Combine(drop, ".delivering"), recursive: true);
    }

    /// <summary>A growing CSV export: its header rows, then the records whose date column is before the cut.
    /// <paramref name="column"/> is a header name or, for a headerless file, a field index.</summary>
    private static void Growing(string history, string relative, int headerRows, string column, string format,
        DateTime cut, Action<string, byte[]> put)
    {
        var path = Path.Combine(history, relative);
        if (!File.Exists(path))
        {
            return;
        }
        var records = CsvRecords(s_bytes.GetString(File.ReadAllBytes(path))).ToList();
        var index = headerRows == 0
            ? int.Parse(column, CultureInfo.InvariantCulture)
            : Array.IndexOf(Fields(records[0].TrimStart('\u00EF', '\u00BB', '\u00BF')), column);
        var text = new StringBuilder();
        foreach (var record in records.Take(headerRows))
        {
            text.Append(record);
        }
        var keep = true;
        foreach (var record in records.Skip(headerRows))
        {
            var fields = Fields(record);
            if (index >= 0 && index < fields.Length && DateTime.TryParseExact(fields[index], format,
                    CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                keep = at < cut;
            }
            if (keep)
            {
                text.Append(record);
            }
        }
        put(relative, s_bytes.GetBytes(text.ToString()));
    }

    private static void Crm(string history, DateTime cut, Action<string, byte[]> put)
    {
        var folder = Path.Combine(history, "crm");
        if (!Directory.Exists(folder))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var records = CsvRecords(s_bytes.GetString(File.ReadAllBytes(file))).ToList();
            var header = Fields(records[0]);
            int At(string column) => Array.IndexOf(header, column);
            var created = At("CreatedDate");
            var text = new StringBuilder(records[0]);
            foreach (var record in records.Skip(1))
            {
                var fields = Fields(record);
                if (created < 0 || fields.Length != header.Length)
                {
                    text.Append(record);
                    continue;
                }
                if (Stamp(fields[created]) is { } createdAt && createdAt >= cut)
                {
                    continue;
                }
                if (AsItStood(name, fields, At, cut))
                {
                    var ending = record.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
                    text.Append(string.Join(',', fields.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))).Append(ending);
                }
                else
                {
                    text.Append(record);
                }
            }
            put(Path.Combine("crm", Path.GetFileName(file)), s_bytes.GetBytes(text.ToString()));
        }
    }

    /// <summary>Turns a record changed after the cut back into its state at the cut; false when it is unchanged.</summary>
    private static bool AsItStood(string table, string[] fields, Func<string, int> at, DateTime cut)
    {
        var modified = at("LastModifiedDate");
        if (modified < 0 || Stamp(fields[modified]) is not { } modifiedAt || modifiedAt < cut)
        {
            return false;
        }
        var stamps = new List<DateTime>();
        void Known(string column)
        {
            var i = at(column);
            if (i >= 0 && Stamp(fields[i]) is { } when && when < cut)
            {
                stamps.Add(when);
            }
        }
        void Blank(string column)
        {
            var i = at(column);
            if (i >= 0)
            {
                fields[i] = "";
            }
        }
        void Set(string column, string value)
        {
            var i = at(column);
            if (i >= 0)
            {
                fields[i] = value;
            }
        }
        bool After(string column) => at(column) is var i and >= 0 && Stamp(fields[i]) is { } when && when >= cut;
        Known("CreatedDate");
        switch (table)
        {
            case "Case":
                Known("First_Response__c");
                if (After("First_Response__c"))
                {
                    Blank("First_Response__c");
                }
                if (After("ClosedDate"))
                {
                    Blank("ClosedDate");
                    Set("Status", "Working");
                    Set("IsClosed", "false");
                }
                else
                {
                    Known("ClosedDate");
                }
                break;
            case "Opportunity":
                if (After("CloseDate"))
                {
                    Set("StageName", "Proposal/Price Quote");
                    Set("IsClosed", "false");
                    Set("IsWon", "false");
                    Blank("Shoot_Date__c");
                    Blank("Delivered_Date__c");
                }
                else
                {
                    Known("CloseDate");
                    if (After("Delivered_Date__c"))
                    {
                        Blank("Delivered_Date__c");
                    }
                    else
                    {
                        Known("Delivered_Date__c");
                    }
                }
                break;
            default:
                break;
        }
        var last = stamps.Count > 0 ? stamps.Max() : cut.AddSeconds(-1);
        fields[modified] = last.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return true;
    }

    private static DateTime? Stamp(string value) =>
        value.Length >= 10 && DateTime.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    private static byte[] GoogleReviews(string file, DateTime cut)
    {
        var document = JsonNode.Parse(File.ReadAllText(file, Encoding.UTF8))!.AsObject();
        var kept = new JsonArray();
        foreach (var review in document["reviews"]?.AsArray().ToList() ?? [])
        {
            var created = review?["createTime"]?.GetValue<string>() is { } c ? Stamp(c) : null;
            if (review is null || created is null || created >= cut)
            {
                continue;
            }
            var copy = review.DeepClone().AsObject();
            if (copy["reviewReply"]?["updateTime"]?.GetValue<string>() is { } replied && Stamp(replied) >= cut)
            {
                copy.Remove("reviewReply");
            }
            if (copy["updateTime"]?.GetValue<string>() is { } updated && Stamp(updated) >= cut)
            {
                copy["updateTime"] = copy["createTime"]!.GetValue<string>();
            }
            kept.Add(copy);
        }
        var ratings = kept.Select(r => r?["starRating"]?.GetValue<string>() switch
        {
            "ONE" => 1,
            "TWO" => 2,
            "THREE" => 3,
            "FOUR" => 4,
            "FIVE" => 5,
            _ => 0,
        }).Where(r => r > 0).ToList();
        document["reviews"] = kept;
        if (document.ContainsKey("averageRating"))
        {
            document["averageRating"] = ratings.Count > 0 ? Math.Round(ratings.Average(), 1) : 0;
        }
        if (document.ContainsKey("totalReviewCount"))
        {
            document["totalReviewCount"] = kept.Count;
        }
        var json = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Replace("\r\n", "\n", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(json + "\n");
    }

    /// <summary>RFC 4180 records with their line endings, quotes kept (a quoted field may span lines).</summary>
    private static IEnumerable<string> CsvRecords(string text)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\n' && !quoted)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }
        if (start < text.Length)
        {
            yield return text[start..] + "\n";
        }
    }

    /// <summary>The unquoted fields of one record.</summary>
    private static string[] Fields(string record)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = record.TrimEnd('\n').TrimEnd('\r');
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
