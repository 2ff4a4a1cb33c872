using System.Globalization;

namespace CxWarehouse.Generator.Tests;

/// <summary>A generated history written as the deliveries a drop folder receives, week by week.</summary>
public sealed class DeliveriesTests
{
    private static readonly DateOnly s_start = new(2026, 1, 5);

    [Fact]
    public void WriteAsOf_WeekByWeek_DeliversDailyFilesLateEventsAndRecordsAsTheyStood()
    {
        using var history = new TempFolder();
        using var drop = new TempFolder();
        new CxDataGenerator(new GeneratorOptions(0.5, 5, history.Path) { Start = s_start, End = new DateOnly(2026, 3, 1), DirtyShare = 0 })
            .Generate();
        var first = new DateOnly(2026, 2, 1);
        var second = first.AddDays(7);

        var written = Deliveries.WriteAsOf(history.Path, drop.Path, first);
        var before = Snapshot(drop.Path);
        // GA4 and Connect in one file per day, nothing after the cut.
        Assert.Contains("web/events_20260201.ndjson", written);
        Assert.DoesNotContain(before.Keys, k => string.CompareOrdinal(k, "web/events_20260202.ndjson") >= 0 && k.StartsWith("web/", StringComparison.Ordinal));
        Assert.Contains(before.Keys, k => k.StartsWith("calls/amazon-connect/ctr_2026", StringComparison.Ordinal));
        Assert.All(File.ReadLines(Path.Combine(drop.Path, "web", "events_20260201.ndjson")),
            line => Assert.Contains("\"event_date\":\"20260201\"", line, StringComparison.Ordinal));

        // Delivering the same day again changes nothing.
        Assert.Empty(Deliveries.WriteAsOf(history.Path, drop.Path, first));

        var next = Deliveries.WriteAsOf(history.Path, drop.Path, second);
        var after = Snapshot(drop.Path);
        // Prefix-stable: a day's file older than the late-arrival window is never delivered again...
        foreach (var (file, content) in before.Where(b => b.Key.StartsWith("web/events_", StringComparison.Ordinal)))
        {
            var day = DateOnly.ParseExact(file[11..19], "yyyyMMdd", CultureInfo.InvariantCulture);
            if (day <= first.AddDays(-4))
            {
                Assert.True(content == after[file], $"{file} changed after its late-arrival window");
            }
        }
        // ...while late events make some of the last days' files grow, keeping every line they had.
        var grown = before.Where(b => b.Key.StartsWith("web/events_", StringComparison.Ordinal) && b.Value != after[b.Key]).ToList();
        Assert.NotEmpty(grown);
        Assert.All(grown, g => Assert.Empty(g.Value.Split('\n').Except(after[g.Key].Split('\n'), StringComparer.Ordinal)));
        Assert.Contains("crm/Case.csv", next);

        // Salesforce: a case open at the first cut and closed by the second is exported first open, then closed,
        // with a later LastModifiedDate.
        var casesBefore = Cases(before["crm/Case.csv"]);
        var casesAfter = Cases(after["crm/Case.csv"]);
        var closedLater = casesBefore.Where(c => c.Value.Closed == "" && casesAfter[c.Key].Closed != "").ToList();
        Assert.NotEmpty(closedLater);
        Assert.All(closedLater, c =>
        {
            Assert.Equal("false", c.Value.IsClosed);
            Assert.True(string.CompareOrdinal(c.Value.Modified, casesAfter[c.Key].Modified) < 0);
            Assert.True(string.CompareOrdinal(c.Value.Modified, first.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) < 0);
        });
        // Every record delivered stays in later exports.
        Assert.All(casesBefore.Keys, id => Assert.Contains(id, casesAfter.Keys));
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    /// <summary>Case id to ClosedDate, IsClosed and LastModifiedDate (fields without embedded newlines or commas
    /// before them are enough here: the id is first and the rest are read from the end of the record).</summary>
    private static Dictionary<string, (string Closed, string IsClosed, string Modified)> Cases(string csv)
    {
        var result = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        foreach (var line in csv.Split('\n').Select(l => l.TrimEnd('\r')).Skip(1).Where(l => l.StartsWith("\"500", StringComparison.Ordinal)
            && (l.EndsWith("\"false\"", StringComparison.Ordinal) || l.EndsWith("\"true\"", StringComparison.Ordinal))))
        {
            // ...,"IsClosed","IsEscalated","First_Response__c","ClosedDate","Location__c","OwnerId","CreatedDate","LastModifiedDate","IsDeleted"
            var tail = line.Split("\",\"");
            var n = tail.Length;
            result[tail[0].Trim('"')] = (tail[n - 6], tail[n - 9], tail[n - 2]);
        }
        return result;
    }
}
