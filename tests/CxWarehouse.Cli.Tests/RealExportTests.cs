using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CxWarehouse.Cli.Tests.Support;
using DuckDB.NET.Data;
using nietras.SeparatedValues;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// Every file under shared/realdata/exports, written by the real products, read by its built-in profile with no
/// mapping: the configuration names only the profile, the folder, and facts of the delivery (encoding, time zone).
/// Counts and values are checked against the files themselves (see the exports' README).
/// </summary>
public sealed class RealExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cxw-exports-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Exports
    {
        get
        {
            var path = Path.Combine(RepoPaths.RealData, "exports");
            Assert.True(Directory.Exists(path), $"the real exports are expected at {path} (shared/ beside the repository or its clone origin, or CXW_SHARED)");
            return path;
        }
    }

    /// <summary>Runs cxw extract over <paramref name="sources"/> (YAML list items) read from <paramref name="input"/>.</summary>
    private CxwResult Extract(string sources, string? input = null, string lake = "lake")
    {
        var config = Path.Combine(_folder, "cx.yml");
        File.WriteAllText(config, "project: real exports\nreporting: {time_zone: UTC, currency: USD}\nsources:\n" + sources);
        return Cxw.Run(Cxw.RepoRoot, "extract", "--config", config, "--input", input ?? Exports,
            "--lake", Path.Combine(_folder, lake), "--warehouse", Path.Combine(_folder, "cx.duckdb"),
            "--output", Path.Combine(_folder, "out"));
    }

    private JsonElement Stream(string source, string stream)
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out", "run_results.json")));
        return json.RootElement.GetProperty("streams").EnumerateArray()
            .Single(s => s.GetProperty("input").GetString() == source && s.GetProperty("stream").GetString() == stream);
    }

    private static long Count(JsonElement stream, string what) => stream.GetProperty(what).GetInt64();

    /// <summary>The stream's committed rows in the lake.</summary>
    private List<object?[]> Lake(string source, string entity, string select, string lake = "lake")
    {
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var command = db.CreateCommand();
        var files = Path.Combine(_folder, lake, "raw", source, entity, "*.parquet");
        command.CommandText = select.Replace("{t}", $"read_parquet('{files}')", StringComparison.Ordinal);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }
        return rows;
    }

    private long Scalar(string source, string entity, string select) =>
        Convert.ToInt64(Lake(source, entity, select).Single()[0], CultureInfo.InvariantCulture);

    private static void Reconciles(JsonElement s) => Assert.Equal(Count(s, "rows_read"),
        Count(s, "rows_loaded") + Count(s, "rows_quarantined") + Count(s, "rows_deduplicated") + Count(s, "rows_deleted"));

    [Fact]
    public void HubSpot_ThreeDealExports_AllPropertiesView_100Deals_11Won()
    {
        var result = Extract("  - {name: hubspot, profile: hubspot, path: hubspot/markstringer-deals}\n");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var deals = Stream("hubspot", "crm.orders");
        Assert.Equal("ok", deals.GetProperty("status").GetString());
        // 87 + 84 + 87 rows of one pipeline over six weeks: 100 deals, the latest version of each kept.
        Assert.Equal(258, Count(deals, "rows_read"));
        Assert.Equal(100, Count(deals, "rows_loaded"));
        Assert.Equal(0, Count(deals, "rows_quarantined"));
        Reconciles(deals);
        Assert.Equal(100, Scalar("hubspot", "orders", "SELECT count(DISTINCT order_id) FROM {t}"));
        // Won is the stage that means won, spelled 'Closed: won' in this portal; lost and abandoned are not won.
        Assert.Equal(11, Scalar("hubspot", "orders", "SELECT count(*) FROM {t} WHERE is_won"));
        Assert.Equal(11, Scalar("hubspot", "orders", "SELECT count(*) FROM {t} WHERE status = 'Closed: won'"));
        Assert.Equal(0, Scalar("hubspot", "orders", "SELECT count(*) FROM {t} WHERE is_won AND status <> 'Closed: won'"));
        // The export has no currency column: none invented.
        Assert.Equal(0, Scalar("hubspot", "orders", "SELECT count(currency) FROM {t}"));
        // The all-properties export (2023-05-16) is the latest: a deal's version is its Last Modified Date's.
        Assert.Equal(100, Scalar("hubspot", "orders", "SELECT count(updated_at) FROM {t}"));
    }

    [Fact]
    public void HubSpot_ThreeDealExports_DeliveredWeekByWeek_TypeOnlyTheDealsThatChanged_AndEqualOneRunOverAll()
    {
        // The real exports as a portal delivers them, one a run: a deal that a later export holds as it was loaded
        // is left out before typing (deduplicated); the lake ends as one run over the three files leaves it.
        var weekly = Path.Combine(_folder, "in", "weekly");
        Directory.CreateDirectory(weekly);
        var runs = new List<(long Read, long Loaded, long Deduplicated)>();
        foreach (var export in new[] { "2023-04-03", "2023-05-09", "2023-05-16" })
        {
            File.Copy(Path.Combine(Exports, $"hubspot/markstringer-deals/hubspot-crm-exports-all-deals-{export}.csv"),
                Path.Combine(weekly, $"hubspot-crm-exports-all-deals-{export}.csv"));
            var result = Extract("  - {name: hubspot, profile: hubspot, path: weekly}\n", Path.Combine(_folder, "in"));
            Assert.True(result.ExitCode == 0, result.Stderr);
            var deals = Stream("hubspot", "crm.orders");
            Reconciles(deals);
            runs.Add((Count(deals, "rows_read"), Count(deals, "rows_loaded"), Count(deals, "rows_deduplicated")));
        }
        // The second export (a view with the same columns) holds 50 of its 84 deals as the first loaded them; the
        // third is the all-properties view, whose other columns make every row another record text: all typed.
        Assert.Equal([(87L, 87L, 0L), (84L, 34L, 50L), (87L, 87L, 0L)], runs);

        var once = Extract("  - {name: hubspot, profile: hubspot, path: weekly}\n", Path.Combine(_folder, "in"), "lake2");

        Assert.True(once.ExitCode == 0, once.Stderr);
        const string Deals = "SELECT * EXCLUDE (_row_hash) FROM {t} ORDER BY order_id";
        var weekByWeek = Lake("hubspot", "orders", Deals);
        Assert.Equal(100, weekByWeek.Count);
        Assert.Equal(Lake("hubspot", "orders", Deals, "lake2"), weekByWeek);
    }

    [Fact]
    public void HubSpot_CustomViewWithoutTheDates_FailsNamingWhatIsMissingAndWhatTheFileHas()
    {
        // The real default view with its two date columns taken out, as a user's custom view would be.
        var source = File.ReadAllLines(Path.Combine(Exports, "hubspot/markstringer-deals/hubspot-crm-exports-all-deals-2023-04-03.csv"));
        var keep = new[] { 0, 1, 2, 4, 5, 6, 7 };   // Record ID, Deal Name, Deal Stage, Deal owner, Amount, Closed Lost Reason, Last Modified Date
        var lines = source.Take(1).Select(l => string.Join(',', keep.Select(i => l.Split(',')[i])));
        Directory.CreateDirectory(Path.Combine(_folder, "in", "hs"));
        File.WriteAllLines(Path.Combine(_folder, "in", "hs", "hubspot-crm-exports-my-view-2023-04-03.csv"),
            lines.Concat(["6877153472,Southampton University,Closed: abandoned,Mark Stringer,375000,,2023-03-21 12:10"]),
            new UTF8Encoding(true));

        var result = Extract("  - {name: hubspot, profile: hubspot, path: hs}\n", Path.Combine(_folder, "in"));

        Assert.Equal(1, result.ExitCode);
        var deals = Stream("hubspot", "crm.orders");
        Assert.Equal("failed", deals.GetProperty("status").GetString());
        var message = deals.GetProperty("message").GetString()!;
        Assert.Contains("hubspot-crm-exports-my-view-2023-04-03.csv: line 1", message, StringComparison.Ordinal);
        Assert.Contains("required column 'Close Date' or 'Create Date' is missing (for ordered_at)", message, StringComparison.Ordinal);
        Assert.Contains("The file has 7 column(s): 'Record ID', 'Deal Name', 'Deal Stage'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void HubSpot_ContactsExportNamedAfterItsView_IsRecognisedByItsColumns()
    {
        // HubSpot names an export after the view: "All customers" gives hubspot-crm-exports-all-customers-<date>.csv.
        Directory.CreateDirectory(Path.Combine(_folder, "in", "hs"));
        File.WriteAllText(Path.Combine(_folder, "in", "hs", "hubspot-crm-exports-all-customers-2023-05-16.csv"),
            "\uFEFF\"Record ID\",\"First Name\",\"Last Name\",\"Email\",\"Phone Number\",\"Contact owner\",\"Primary Associated Company ID\",\"Last Activity Date\",\"Lead Status\",\"Marketing contact status\",\"Create Date\"\n"
            + "\"51\",\"Ana\",\"Souza\",\"ana@example.com\",\"\",\"Mark Stringer\",\"\",\"2023-05-02 10:11\",\"\",\"Non-marketing contact\",\"2023-01-04 09:00\"\n"
            + "\"52\",\"Li\",\"Wei\",\"li@example.com\",\"+44 20 7946 0000\",\"Mark Stringer\",\"\",\"\",\"\",\"Non-marketing contact\",\"2023-02-14 16:30\"\n");
        File.Copy(Path.Combine(Exports, "hubspot/markstringer-deals/hubspot-crm-exports-all-deals-2023-04-03.csv"),
            Path.Combine(_folder, "in", "hs", "hubspot-crm-exports-all-deals-2023-04-03.csv"));

        var result = Extract("  - {name: hubspot, profile: hubspot, path: hs}\n", Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(2, Count(Stream("hubspot", "crm.customers"), "rows_loaded"));
        Assert.Equal(87, Count(Stream("hubspot", "crm.orders"), "rows_loaded"));
        Assert.Equal(["51", "52"], Lake("hubspot", "customers", "SELECT customer_id FROM {t} ORDER BY 1").Select(r => (string)r[0]!));
    }

    /// <summary>
    /// The real default deals view (2023-04-03) as a spreadsheet saves it again in its locale: each value of a column
    /// rewritten by <paramref name="rewrite"/> (column, row, value), the fields separated by <paramref name="delimiter"/>.
    /// </summary>
    private void ResavedDeals(string folder, Func<string, int, string, string> rewrite, char delimiter = ',', Func<int, bool>? keep = null)
    {
        var rows = ReadCsv(Path.Combine(Exports, "hubspot/markstringer-deals/hubspot-crm-exports-all-deals-2023-04-03.csv"));
        var header = rows[0].Select(h => h.TrimStart('\uFEFF')).ToArray();
        var lines = rows.Skip(1).Select((r, i) => (Row: r, At: i)).Where(r => keep?.Invoke(r.At) ?? true)
            .Select(r => string.Join(delimiter, r.Row.Select((v, c) => Quote(rewrite(header[c], r.At, v)))));
        Directory.CreateDirectory(Path.Combine(_folder, "in", folder));
        File.WriteAllLines(Path.Combine(_folder, "in", folder, "hubspot-crm-exports-all-deals-2023-04-03.csv"),
            lines.Prepend(string.Join(delimiter, header.Select(Quote))), new UTF8Encoding(true));
    }

    /// <summary>An ISO date and time of the deals export (2023-03-21 12:10) as a locale writes it: dd.mm.yyyy, dd/mm/yyyy or mm/dd/yyyy.</summary>
    private static string LocalDate(string value, string shape) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToString(shape, CultureInfo.InvariantCulture)
            : value;

    [Theory]
    // A US locale's amounts: 375,000.00 and 1,100,000.00, quoted.
    [InlineData("us amounts")]
    // A German spreadsheet's dates, saved with ';' between fields: 04.04.2023 11:48.
    [InlineData("dotted dates")]
    // A US locale's dates, month first: 03/21/2023 12:10 (some days over 12 prove the order).
    [InlineData("month-first dates")]
    // A British locale's dates, day first: 21/03/2023 12:10.
    [InlineData("day-first dates")]
    // A US locale's short dates on a 12-hour clock: 3/21/23 12:10 PM, 4/4/23 11:48 AM.
    [InlineData("us short dates, 12-hour clock")]
    // The same with seconds and no space before the marker: 3/21/2023 12:10:00PM.
    [InlineData("us dates, 12-hour clock with seconds")]
    // A British locale's short dates: 21/03/23 12:10.
    [InlineData("day-first short dates")]
    // A German locale's short dates: 04.04.23 11:48.
    [InlineData("dotted short dates")]
    public void HubSpot_DealsSavedAgainByASpreadsheetInItsLocale_AreReadLikeTheOriginal(string variant)
    {
        Func<string, int, string, string> rewrite = variant switch
        {
            "us amounts" => (column, _, v) => column == "Amount" && v.Length > 0
                ? decimal.Parse(v, CultureInfo.InvariantCulture).ToString("#,##0.00", CultureInfo.InvariantCulture) : v,
            "dotted dates" => (_, _, v) => LocalDate(v, "dd.MM.yyyy HH:mm"),
            "month-first dates" => (_, _, v) => LocalDate(v, "MM/dd/yyyy HH:mm"),
            "us short dates, 12-hour clock" => (_, _, v) => LocalDate(v, "M/d/yy h:mm tt"),
            "us dates, 12-hour clock with seconds" => (_, _, v) => LocalDate(v, "M/d/yyyy h:mm:sstt"),
            "day-first short dates" => (_, _, v) => LocalDate(v, "dd/MM/yy HH:mm"),
            "dotted short dates" => (_, _, v) => LocalDate(v, "dd.MM.yy HH:mm"),
            _ => (_, _, v) => LocalDate(v, "dd/MM/yyyy HH:mm"),
        };
        ResavedDeals("resaved", rewrite, variant.StartsWith("dotted", StringComparison.Ordinal) ? ';' : ',');
        File.Copy(Path.Combine(Exports, "hubspot/markstringer-deals/hubspot-crm-exports-all-deals-2023-04-03.csv"),
            Path.Combine(Directory.CreateDirectory(Path.Combine(_folder, "in", "original")).FullName, "deals.csv"));

        var result = Extract("""
              - {name: original, profile: hubspot, path: original}
              - {name: resaved, profile: hubspot, path: resaved}

            """, Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var deals = Stream("resaved", "crm.orders");
        Assert.Equal(87, Count(deals, "rows_loaded"));
        Assert.Equal(0, Count(deals, "rows_quarantined"));
        const string Deals = "SELECT order_id, status, amount, ordered_at, updated_at FROM {t} ORDER BY 1";
        Assert.Equal(Lake("original", "orders", Deals), Lake("resaved", "orders", Deals));
        Assert.Equal(375000m, Lake("resaved", "orders", "SELECT amount FROM {t} WHERE order_id = '6877153472'").Single()[0]);
    }

    [Fact]
    public void HubSpot_DealsWithSlashDates_ThatDoNotShowTheirOrder_FailNamingTheColumnAndTheSetting_ThenReadAsSet()
    {
        // The six real deals whose every date has a day of 12 or less, written 03/04/2023 12:10: day or month first?
        static bool Ambiguous(string[] row) => row.All(v =>
            !DateTime.TryParseExact(v, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || at.Day <= 12);
        var rows = ReadCsv(Path.Combine(Exports, "hubspot/markstringer-deals/hubspot-crm-exports-all-deals-2023-04-03.csv")).Skip(1).ToList();
        ResavedDeals("slashes", (_, _, v) => LocalDate(v, "MM/dd/yyyy HH:mm"), keep: i => Ambiguous(rows[i]));

        var unset = Extract("  - {name: hubspot, profile: hubspot, path: slashes}\n", Path.Combine(_folder, "in"));

        Assert.Equal(1, unset.ExitCode);
        var message = Stream("hubspot", "crm.orders").GetProperty("message").GetString()!;
        Assert.Contains("hubspot/hubspot-crm-exports-all-deals-2023-04-03.csv: line 2: column ordered_at (expression): "
            + "dates are written with slashes ('", message, StringComparison.Ordinal);
        Assert.Contains("shaped dd/mm/yyyy or mm/dd/yyyy", message, StringComparison.Ordinal);
        Assert.Contains("set date_order: day-first (21/03/2023) or date_order: month-first (03/21/2023) on the source", message, StringComparison.Ordinal);

        var set = Extract("  - {name: hubspot, profile: hubspot, path: slashes, date_order: month-first}\n", Path.Combine(_folder, "in"), "lake2");

        Assert.True(set.ExitCode == 0, set.Stderr);
        Assert.Equal(6, Count(Stream("hubspot", "crm.orders"), "rows_loaded"));
        Assert.Equal(0, Count(Stream("hubspot", "crm.orders"), "rows_quarantined"));
    }

    [Fact]
    public void HubSpot_DealsWithSlashDatesInBothOrders_FailNamingBothValues()
    {
        // Day first, but the last deal month first (its Create Date 02/28/2023 12:50 cannot be day first).
        ResavedDeals("mixed", (_, row, v) => LocalDate(v, row == 86 ? "MM/dd/yyyy HH:mm" : "dd/MM/yyyy HH:mm"));

        var result = Extract("  - {name: hubspot, profile: hubspot, path: mixed}\n", Path.Combine(_folder, "in"));

        Assert.Equal(1, result.ExitCode);
        var message = Stream("hubspot", "crm.orders").GetProperty("message").GetString()!;
        Assert.Contains("puts the day first, but '", message, StringComparison.Ordinal);
        Assert.Contains("(line 88, column ", message, StringComparison.Ordinal);
        Assert.Contains("the file's dates are written in two orders; set date_order: day-first (21/03/2023) or "
            + "date_order: month-first (03/21/2023) on the source", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Salesforce_DataExport_NotUtf8_EveryFileSuggestsTheWesternCodePage_NotChinese()
    {
        var result = Extract("  - {name: sf, profile: salesforce, path: salesforce/winkeldev}\n");

        Assert.Equal(1, result.ExitCode);
        // Contact.csv, Opportunity.csv and User.csv hold Spanish names in windows-1252 ("Cañas" is F1 61, which
        // gb18030 also decodes): each file's message says so.
        foreach (var stream in new[] { "crm.customers", "crm.orders", "crm.agents" })
        {
            var message = Stream("sf", stream).GetProperty("message").GetString()!;
            Assert.Matches(@"\.csv: byte \d+ is not valid utf-8 text \(line \d+\); .*most likely windows-1252: set encoding: windows-1252 on the source", message);
            Assert.DoesNotContain("gb18030", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Salesforce_DataExport_NullIdsAreNull_UsersFromUserCsv_Latin1Names()
    {
        var result = Extract("  - {name: sf, profile: salesforce, path: salesforce/winkeldev, encoding: latin-1}\n");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(512, Count(Stream("sf", "crm.orders"), "rows_loaded"));
        Assert.Equal(96, Count(Stream("sf", "crm.customers"), "rows_loaded"));
        Assert.Equal(3, Count(Stream("sf", "crm.campaigns"), "rows_loaded"));
        // Case.csv has a header and no rows: an empty stream, not a failure.
        Assert.Equal(0, Count(Stream("sf", "crm.tickets"), "rows_read"));
        // User.csv, not users.csv: recognised by its columns.
        Assert.Equal(45, Count(Stream("sf", "crm.agents"), "rows_loaded"));
        Assert.Equal(45, Scalar("sf", "agents", "SELECT count(name) FROM {t}"));
        // 510 of 512 opportunities name the null id as their contact: no customer, not a customer 000000000000000AAA.
        Assert.Equal(0, Scalar("sf", "orders", "SELECT count(*) FROM {t} WHERE customer_id LIKE '000000000000000%' OR campaign_id LIKE '000000000000000%'"));
        Assert.Equal(2, Scalar("sf", "orders", "SELECT count(customer_id) FROM {t}"));
        Assert.Equal(4, Scalar("sf", "orders", "SELECT count(DISTINCT currency) FROM {t}"));
        // Every field quoted, booleans as 0/1.
        Assert.True(Scalar("sf", "orders", "SELECT count(*) FROM {t} WHERE is_won") > 0);
        // Latin-1 bytes decoded, none replaced.
        Assert.Equal(0, Scalar("sf", "customers", "SELECT count(*) FROM {t} WHERE contains(coalesce(first_name, '') || coalesce(last_name, '') || coalesce(city, ''), '\uFFFD')"));
        Assert.True(Scalar("sf", "customers", "SELECT count(*) FROM {t} WHERE regexp_matches(coalesce(first_name, '') || coalesce(last_name, ''), '[À-ÿ]')") > 0);
    }

    [Fact]
    public void Asterisk_LegsOfACallAreOneCall_StartingWithTheFirstLeg()
    {
        var result = Extract("""
              - {name: sim, profile: asterisk, path: asterisk/simularent}
              - {name: bugadm, profile: asterisk, path: asterisk/bugadm}

            """);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var sim = Stream("sim", "calls.calls");
        Assert.Equal(269, Count(sim, "rows_read"));
        Assert.Equal(266, Count(sim, "rows_loaded"));
        Reconciles(sim);
        Assert.Equal(105, Count(Stream("bugadm", "calls.calls"), "rows_loaded"));
        // Call 1474040546.32: a BUSY leg from 15:42:35, then an ANSWERED one from 15:42:42 that talked 4 s.
        var call = Lake("sim", "calls", """
            SELECT strftime(initiated_at AT TIME ZONE 'UTC', '%H:%M:%S'), strftime(answered_at AT TIME ZONE 'UTC', '%H:%M:%S'),
                is_answered, talk_s, direction
            FROM {t} WHERE call_id = '1474040546.32'
            """).Single();
        Assert.Equal(["15:42:35", "15:42:42", true, 4.0, "outbound"], call);
        // Asterisk records no hold or after-call work: unknown, not 0.
        Assert.Equal(0, Scalar("sim", "calls", "SELECT count(hold_s) + count(acw_s) FROM {t}"));
        // Directions from the dialplan contexts and the numbers, not always inbound.
        var directions = Lake("sim", "calls", "SELECT direction, count(*) FROM {t} GROUP BY 1")
            .ToDictionary(r => (string?)r[0] ?? "", r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
        Assert.True(directions["inbound"] > 0 && directions["outbound"] > 0 && directions["internal"] > 0,
            string.Join(", ", directions.Select(d => $"{d.Key}={d.Value}")));
        Assert.Equal(0, Scalar("bugadm", "calls", "SELECT count(*) FROM {t} WHERE direction IS NULL"));
    }

    [Fact]
    public void Asterisk_ACallAcrossTheHourTheClocksRepeat_IsReadInOrder()
    {
        // A PBX in New York: on 5 November 2023 the clocks went back from 02:00 EDT to 01:00 EST. The real file's
        // first call rewritten to start at 01:50 (EDT, 05:50 UTC) and end 25 minutes later at 01:05 (EST, 06:05
        // UTC): its end reads before its start. The second happens wholly within the repeated hour and stays the
        // later (standard-time) pass, as a lone local time there is read.
        var lines = File.ReadAllLines(Path.Combine(Exports, "asterisk/bugadm/Master.csv"));
        lines[0] = lines[0].Replace("\"2015-03-24 15:44:40\",\"2015-03-24 15:44:40\",\"2015-03-24 15:44:43\",3,3",
            "\"2023-11-05 01:50:00\",\"2023-11-05 01:50:10\",\"2023-11-05 01:05:10\",1510,1500", StringComparison.Ordinal);
        lines[1] = lines[1].Replace("\"2015-03-24 15:44:48\",\"2015-03-24 15:44:48\",\"2015-03-24 15:44:51\",3,3",
            "\"2023-11-05 01:20:00\",\"2023-11-05 01:20:05\",\"2023-11-05 01:40:00\",1200,1195", StringComparison.Ordinal);
        // The third starts 01:30 and is answered 01:50, both in the first pass, and ends 01:35 in the second: the
        // answer moves back, and then the start, judged against the moved answer.
        Assert.Contains("\"2015-03-24 15:52:24\"", lines[2], StringComparison.Ordinal);
        lines[2] = System.Text.RegularExpressions.Regex.Replace(lines[2],
            "\"2015-03-24 [0-9:]{8}\",\"2015-03-24 [0-9:]{8}\",\"2015-03-24 [0-9:]{8}\",[0-9]+,[0-9]+",
            "\"2023-11-05 01:30:00\",\"2023-11-05 01:50:00\",\"2023-11-05 01:35:00\",3900,2700");
        Directory.CreateDirectory(Path.Combine(_folder, "in", "pbx"));
        File.WriteAllLines(Path.Combine(_folder, "in", "pbx", "Master.csv"), lines);

        var result = Extract("  - {name: pbx, profile: asterisk, path: pbx, time_zone: America/New_York}\n", Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var calls = Stream("pbx", "calls.calls");
        Assert.Equal(105, Count(calls, "rows_loaded"));
        Assert.Equal(0, Count(calls, "rows_quarantined"));
        const string Times = """
            SELECT strftime(initiated_at AT TIME ZONE 'UTC', '%H:%M:%S'), strftime(answered_at AT TIME ZONE 'UTC', '%H:%M:%S'),
                strftime(ended_at AT TIME ZONE 'UTC', '%H:%M:%S'), talk_s
            FROM {t} WHERE call_id = '{id}'
            """;
        Assert.Equal(["05:50:00", "05:50:10", "06:05:10", 1500.0],
            Lake("pbx", "calls", Times.Replace("{id}", "1427211880.0", StringComparison.Ordinal)).Single());
        Assert.Equal(["06:20:00", "06:20:05", "06:40:00", 1195.0],
            Lake("pbx", "calls", Times.Replace("{id}", "1427211888.1", StringComparison.Ordinal)).Single());
        var third = lines[2].Split(',')[^2].Trim('"');
        Assert.Equal(["05:30:00", "05:50:00", "06:35:00", 2700.0],
            Lake("pbx", "calls", Times.Replace("{id}", third, StringComparison.Ordinal)).Single());
    }

    [Fact]
    public void ATimeWrittenWithItsOffset_IsAnInstant_NeverMovedAcrossTheRepeatedHour()
    {
        // A Zendesk CSV export read in New York: ticket 201 was created 06:50Z (01:50 EST, the second pass) and
        // solved 06:05Z, before it was created. Its times carry their offset, so they are what they say: the ticket
        // is not made consistent by moving its creation an hour back (to 05:50Z, 01:50 EDT); ticket 202, in local
        // time, is (created 01:50 in the first pass, solved 01:05 in the second).
        ZendeskCsvExport("export-2023-11-06.csv",
            "1,201,Ana,9001,ana@example.com,Order late,,Solved,High,Mail,Problem,2023-11-05T06:50:00Z,"
                + "2023-11-05T06:05:00Z,Bo,2023-11-05T06:05:00Z,,",
            "1,202,Li,9002,li@example.com,Question,,Solved,Normal,Mail,Question,2023-11-05 01:50:00,"
                + "2023-11-05 01:05:00,Bo,2023-11-05 01:05:00,,");

        var result = Extract("  - {name: zd, profile: zendesk, path: zd, time_zone: America/New_York}\n", Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        const string Times = """
            SELECT ticket_id, strftime(created_at AT TIME ZONE 'UTC', '%H:%M:%S'), strftime(resolved_at AT TIME ZONE 'UTC', '%H:%M:%S')
            FROM {t} ORDER BY ticket_id
            """;
        var rows = Lake("zd", "tickets", Times);
        Assert.DoesNotContain(rows, r => Equals(r[0], "201") && Equals(r[1], "05:50:00"));
        Assert.DoesNotContain(rows, r => Equals(r[0], "201") && r[2] is not null);
        Assert.Contains(rows, r => Equals(r[0], "202") && Equals(r[1], "05:50:00") && Equals(r[2], "06:05:00"));
    }

    [Fact]
    public void Asterisk_NewCdrColumns_21Columns_NotUtf8_StopsNamingByteLineAndEncoding_ThenReadsWhenDeclared()
    {
        var undeclared = Extract("  - {name: pbx, profile: asterisk, path: asterisk/mineev}\n");

        Assert.Equal(1, undeclared.ExitCode);
        var message = Stream("pbx", "calls.calls").GetProperty("message").GetString()!;
        Assert.Matches(@"pbx/Master\.csv: byte \d+ is not valid utf-8 text \(line \d+\); .*set encoding: \S+ on the source", message);

        var declared = Extract("  - {name: pbx, profile: asterisk, path: asterisk/mineev, encoding: windows-1251}\n");

        Assert.True(declared.ExitCode == 0, declared.Stderr);
        var calls = Stream("pbx", "calls.calls");
        Assert.Equal(84, Count(calls, "rows_read"));
        Assert.Equal(0, Count(calls, "rows_quarantined"));
        Reconciles(calls);
        // Legs of one call share a linkedid with newcdrcolumns: each call once.
        Assert.Equal(Count(calls, "rows_loaded"), Scalar("pbx", "calls", "SELECT count(DISTINCT call_id) FROM {t}"));
        Assert.Equal(Scalar("pbx", "calls", "SELECT count(*) FROM {t}"), Count(calls, "rows_loaded"));
        Assert.True(Count(calls, "rows_loaded") < 84);
        Assert.Equal(0, Scalar("pbx", "calls", "SELECT count(*) FROM {t} WHERE initiated_at IS NULL"));
    }

    [Fact]
    public void Asterisk_CdrCustomLayout_19Columns_IsReadByItsShape()
    {
        // cdr_custom's default mapping (clid first, accountcode after amaflags, sequence last) over the real legs.
        var lines = ReadCsv(Path.Combine(Exports, "asterisk/simularent/Master.csv")).Select((f, i) => string.Join(',', new[] { f[4], f[1], f[2], f[3], f[5], f[6], f[7], f[8],
                f[9], f[10], f[11], f[12], f[13], f[14], f[15], f[0], f[16], f[17] }.Select(Quote)) + "," + i.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(_folder, "in", "custom"));
        File.WriteAllLines(Path.Combine(_folder, "in", "custom", "Master.csv"), lines);

        var result = Extract("  - {name: pbx, profile: asterisk, path: custom}\n", Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(266, Count(Stream("pbx", "calls.calls"), "rows_loaded"));
        Assert.Equal(0, Count(Stream("pbx", "calls.calls"), "rows_quarantined"));
        Assert.Equal("15:42:35", Lake("pbx", "calls",
            "SELECT strftime(initiated_at AT TIME ZONE 'UTC', '%H:%M:%S') FROM {t} WHERE call_id = '1474040546.32'").Single()[0]);
    }

    [Fact]
    public void Qualtrics_CurrentAndLegacyExports_QuestionsFoundByWhatTheyAre()
    {
        var result = Extract("""
              - {name: api, profile: qualtrics, path: qualtrics/ropensci}
              - {name: legacy, profile: qualtrics, path: qualtrics/qualtricstools-legacy}

            """);

        Assert.True(result.ExitCode == 0, result.Stderr);
        // One response; Q1 is multiple choice and Q2 free text: no NPS, CSAT or CES is read from them.
        Assert.Equal(1, Count(Stream("api", "surveys.responses"), "rows_loaded"));
        Assert.Equal([null, null, null], Lake("api", "responses", "SELECT nps_score, csat_score, ces_score FROM {t}").Single());
        Assert.Equal("R_2YPOQ602ER1jkf1", Lake("api", "responses", "SELECT response_id FROM {t}").Single()[0]);
        // The legacy export (ResponseID, ImportId row added): ten responses, dated by EndDate.
        var legacy = Stream("legacy", "surveys.responses");
        Assert.Equal(10, Count(legacy, "rows_loaded"));
        Assert.Equal(10, Scalar("legacy", "responses", "SELECT count(*) FROM {t} WHERE response_id LIKE 'R\\_%' ESCAPE '\\' AND responded_at IS NOT NULL"));

        // The current export downloaded as TSV in UTF-16 with a byte-order mark, as Qualtrics offers it.
        var rows = ReadCsv(Path.Combine(Exports, "qualtrics/ropensci/sample.csv"));
        Directory.CreateDirectory(Path.Combine(_folder, "in", "tsv"));
        File.WriteAllText(Path.Combine(_folder, "in", "tsv", "sample.tsv"),
            string.Join("\r\n", rows.Select(r => string.Join('\t', r.Select(Quote)))) + "\r\n", new UnicodeEncoding(false, true));

        var tsv = Extract("  - {name: api, profile: qualtrics, path: tsv}\n", Path.Combine(_folder, "in"), "lake2");

        Assert.True(tsv.ExitCode == 0, tsv.Stderr);
        Assert.Equal(Lake("api", "responses", "SELECT * FROM {t}"), Lake("api", "responses", "SELECT * FROM {t}", "lake2"));

        // The same TSV without its byte-order mark: unrecognisable until the encoding is declared, and the run says so.
        Directory.CreateDirectory(Path.Combine(_folder, "in", "tsv-no-mark"));
        File.WriteAllText(Path.Combine(_folder, "in", "tsv-no-mark", "sample.tsv"),
            string.Join("\r\n", rows.Select(r => string.Join('\t', r.Select(Quote)))) + "\r\n", new UnicodeEncoding(false, false));

        var unmarked = Extract("  - {name: api, profile: qualtrics, path: tsv-no-mark}\n", Path.Combine(_folder, "in"), "lake3");

        Assert.Equal(1, unmarked.ExitCode);
        Assert.Contains("sample.tsv looks like utf-16le text without a byte-order mark: set encoding: utf-16le on the source",
            Stream("api", "surveys.responses").GetProperty("message").GetString(), StringComparison.Ordinal);

        var declared = Extract("  - {name: api, profile: qualtrics, path: tsv-no-mark, encoding: utf-16le}\n",
            Path.Combine(_folder, "in"), "lake4");

        Assert.True(declared.ExitCode == 0, declared.Stderr);
        Assert.Equal(Lake("api", "responses", "SELECT * FROM {t}"), Lake("api", "responses", "SELECT * FROM {t}", "lake4"));
    }

    [Fact]
    public void Qualtrics_TheZoneTheExportStatesInHeaderRow3_IsTheZoneItsDatesAreReadIn()
    {
        // The real export states no zone (read as UTC); a current export states it on each date's ImportId.
        var original = File.ReadAllText(Path.Combine(Exports, "qualtrics/ropensci/sample.csv"));
        var stated = original;
        foreach (var id in new[] { "startDate", "endDate", "recordedDate" })
        {
            stated = stated.Replace($"\"\"ImportId\"\":\"\"{id}\"\"}}", $"\"\"ImportId\"\":\"\"{id}\"\",\"\"timeZone\"\":\"\"America/Denver\"\"}}",
                StringComparison.Ordinal);
        }
        Assert.NotEqual(original, stated);
        Directory.CreateDirectory(Path.Combine(_folder, "in", "stated"));
        File.WriteAllText(Path.Combine(_folder, "in", "stated", "sample.csv"), stated);

        var utc = Extract("  - {name: api, profile: qualtrics, path: qualtrics/ropensci}\n");
        var denver = Extract("  - {name: api, profile: qualtrics, path: stated}\n", Path.Combine(_folder, "in"), "lake2");

        Assert.True(utc.ExitCode == 0 && denver.ExitCode == 0, utc.Stderr + denver.Stderr);
        var read = (DateTime)Lake("api", "responses", "SELECT responded_at::TIMESTAMP FROM {t}").Single()[0]!;
        var expected = TimeZoneInfo.ConvertTimeToUtc(read, TimeZoneInfo.FindSystemTimeZoneById("America/Denver"));
        Assert.Equal(expected, (DateTime)Lake("api", "responses", "SELECT responded_at::TIMESTAMP FROM {t}", "lake2").Single()[0]!);
        Assert.Empty(Stream("api", "surveys.responses").GetProperty("warnings").EnumerateArray());

        // A source whose time_zone says otherwise: the file's own zone is used, and the run says so.
        var london = Extract("  - {name: api, profile: qualtrics, path: stated, time_zone: Europe/London}\n",
            Path.Combine(_folder, "in"), "lake3");

        Assert.True(london.ExitCode == 0, london.Stderr);
        Assert.Equal(expected, (DateTime)Lake("api", "responses", "SELECT responded_at::TIMESTAMP FROM {t}", "lake3").Single()[0]!);
        var warning = Stream("api", "surveys.responses").GetProperty("warnings").EnumerateArray().Single().GetString()!;
        Assert.Contains("states its dates are in America/Denver", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Qualtrics_NpsQuestionFoundByItsText_InAnyPosition_OrNamedByTheSource()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "in", "q"));
        // A current export whose first question is multiple choice and whose NPS question (Portuguese) is QID7.
        File.WriteAllText(Path.Combine(_folder, "in", "q", "survey.csv"), string.Join('\n',
            "StartDate,EndDate,Status,Progress,Finished,RecordedDate,ResponseId,Q1,Q7,Q8,Q9_TEXT",
            "Start Date,End Date,Response Type,Progress,Finished,Recorded Date,Response ID,Qual loja você visitou?,"
                + "Qual a probabilidade de você recomendar a nossa loja a um amigo?,Quão satisfeito você ficou com o atendimento?,"
                + "Por que você deu essa nota?",
            "{\"ImportId\":\"startDate\"},{\"ImportId\":\"endDate\"},{\"ImportId\":\"status\"},{\"ImportId\":\"progress\"},"
                + "{\"ImportId\":\"finished\"},{\"ImportId\":\"recordedDate\"},{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1\"},"
                + "{\"ImportId\":\"QID7\"},{\"ImportId\":\"QID8\"},{\"ImportId\":\"QID9_TEXT\"}",
            "2026-05-01 10:00:00,2026-05-01 10:02:00,0,100,1,2026-05-01 10:02:00,R_a,2,9,4,Atendimento rápido",
            "2026-05-01 11:00:00,2026-05-01 11:02:00,0,100,1,2026-05-01 11:02:00,R_b,3,3,2,Demorou demais") + "\n");

        var found = Extract("  - {name: q, profile: qualtrics, path: q}\n", Path.Combine(_folder, "in"));

        Assert.True(found.ExitCode == 0, found.Stderr);
        Assert.Equal([[9.0, 4.0, "Atendimento rápido"], [3.0, 2.0, "Demorou demais"]],
            Lake("q", "responses", "SELECT nps_score::DOUBLE, csat_score::DOUBLE, comment FROM {t} ORDER BY response_id"));

        // Named by the source: Q1 read as the NPS question, whatever its text says (a lake of its own: the same
        // file in the same lake is not read twice).
        var named = Extract("  - {name: q, profile: qualtrics, path: q, questions: {nps: QID1}}\n", Path.Combine(_folder, "in"), "lake2");

        Assert.True(named.ExitCode == 0, named.Stderr);
        Assert.Equal([2.0, 3.0], Lake("q", "responses", "SELECT nps_score::DOUBLE FROM {t} ORDER BY response_id", "lake2").Select(r => r[0]));
    }

    [Fact]
    public void Zendesk_ApiPageWithoutFinalLineEnd_AndNdjson_DeletedTicketsCountedAsDeleted()
    {
        var result = Extract("""
              - {name: page, profile: zendesk, path: zendesk/api-page}
              - {name: lines, profile: zendesk, path: zendesk/ndjson}

            """);

        Assert.True(result.ExitCode == 0, result.Stderr);
        AssertTheRealTicketsPage("page");
        var lines = Stream("lines", "crm.tickets");
        Assert.Equal(1, Count(lines, "rows_loaded"));
        Assert.Equal(2, Count(lines, "rows_deleted"));
        Assert.Equal(0, Scalar("lines", "tickets", "SELECT count(*) FROM {t} WHERE status = 'deleted'"));
    }

    [Theory]
    // The real API page re-indented, as jq or an API client saves it: the page object spans many lines.
    [InlineData("api-page", "pretty")]
    // The real NDJSON export with its first line ended CRLF and a CRLF blank line added at the end.
    [InlineData("ndjson", "mixed line ends")]
    public void Zendesk_ExportsAsToolsRewriteThem_AreReadLikeTheOriginal(string export, string rewrite)
    {
        var folder = Path.Combine(_folder, "in", "rewritten");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(Exports, "zendesk", export)))
        {
            var text = File.ReadAllText(file);
            if (rewrite == "pretty")
            {
                using var page = JsonDocument.Parse(text);
                text = JsonSerializer.Serialize(page.RootElement, new JsonSerializerOptions { WriteIndented = true });
            }
            else
            {
                var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                text = lines[0] + "\r\n" + string.Join("\n", lines.Skip(1)) + "\n\r\n";
            }
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), text);
        }

        var result = Extract("  - {name: zd, profile: zendesk, path: rewritten}\n", Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        AssertTheRealTicketsPage("zd");
    }

    [Theory]
    [InlineData(false)]
    // As an API client saves it, indented over many lines.
    [InlineData(true)]
    public void Zendesk_EachTicketAsTheShowTicketEndpointWritesIt_IsReadAsOneTicket(bool indented)
    {
        // GET /api/v2/tickets/{id}.json answers {"ticket": {...}}: the real page's three tickets, one file each.
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "in", "shown")).FullName;
        using var page = JsonDocument.Parse(File.ReadAllText(Path.Combine(Exports, "zendesk/api-page/tickets.json")));
        foreach (var ticket in page.RootElement.GetProperty("tickets").EnumerateArray())
        {
            var shown = JsonSerializer.Serialize(new Dictionary<string, JsonElement> { ["ticket"] = ticket },
                new JsonSerializerOptions { WriteIndented = indented });
            File.WriteAllText(Path.Combine(folder, $"tickets-{ticket.GetProperty("id").GetRawText()}.json"), shown + "\n");
        }

        var result = Extract("  - {name: zd, profile: zendesk, path: shown}\n", Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        AssertTheRealTicketsPage("zd");
    }

    /// <summary>The real Zendesk tickets: three read, two of them deleted, ticket 8680787 loaded.</summary>
    private void AssertTheRealTicketsPage(string source)
    {
        var tickets = Stream(source, "crm.tickets");
        Assert.Equal(3, Count(tickets, "rows_read"));
        Assert.Equal(1, Count(tickets, "rows_loaded"));
        Assert.Equal(2, Count(tickets, "rows_deleted"));
        Reconciles(tickets);
        Assert.Equal("8680787", Lake(source, "tickets", "SELECT ticket_id FROM {t}").Single()[0]);
    }

    [Fact]
    public void AmazonConnect_JsonArray_AndFirehoseObjectsWithoutExtension_OneCallFromSixRecords()
    {
        var array = Extract("  - {name: connect, profile: amazon-connect, path: amazon-connect/call-center-analytics}\n");

        Assert.True(array.ExitCode == 0, array.Stderr);
        var calls = Stream("connect", "calls.calls");
        Assert.Equal(6, Count(calls, "rows_read"));
        Assert.Equal(1, Count(calls, "rows_loaded"));
        Reconciles(calls);
        var call = Lake("connect", "calls", "SELECT call_id, strftime(updated_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S') FROM {t}").Single();
        var records = JsonDocument.Parse(File.ReadAllText(Path.Combine(Exports, "amazon-connect/call-center-analytics/duplicated_samples.json")))
            .RootElement.EnumerateArray().ToList();
        Assert.Equal(records[0].GetProperty("ContactId").GetString(), call[0]);
        // The latest version by LastUpdateTimestamp.
        Assert.Equal(records.Select(r => r.GetProperty("LastUpdateTimestamp").GetString()![..19]).Max(StringComparer.Ordinal), call[1]);

        // The same records as Kinesis Firehose writes them to S3: objects back to back, no extension, gzip too.
        var firehose = Path.Combine(_folder, "in", "ctr", "2022", "01", "05");
        Directory.CreateDirectory(firehose);
        File.WriteAllText(Path.Combine(firehose, "cxw-ctr-stream-1-2022-01-05-17-30-01-0a1b2c3d"),
            string.Concat(records.Take(3).Select(r => r.GetRawText())));
        using (var gz = new GZipStream(File.Create(Path.Combine(firehose, "cxw-ctr-stream-1-2022-01-05-17-45-01-4e5f6a7b.gz")), CompressionLevel.Optimal))
        {
            gz.Write(Encoding.UTF8.GetBytes(string.Concat(records.Skip(3).Select(r => r.GetRawText()))));
        }

        var objects = Extract("  - {name: connect, profile: amazon-connect, path: ctr/2022/01/05}\n", Path.Combine(_folder, "in"));

        Assert.True(objects.ExitCode == 0, objects.Stderr);
        Assert.Equal(6, Count(Stream("connect", "calls.calls"), "rows_read"));
        Assert.Equal(1, Count(Stream("connect", "calls.calls"), "rows_loaded"));

        // Beside them, JSON lines whose first line holds two records (catalogue item 15): still JSON lines, that
        // line quarantined, the files of both shapes read in one run.
        File.WriteAllText(Path.Combine(firehose, "ctr_20220105.ndjson"),
            records[3].GetRawText().ReplaceLineEndings("") + records[4].GetRawText().ReplaceLineEndings("") + "\n"
            + records[5].GetRawText().ReplaceLineEndings("") + "\n");

        var mixed = Extract("  - {name: connect, profile: amazon-connect, path: ctr/2022/01/05}\n", Path.Combine(_folder, "in"), "lake3");

        Assert.True(mixed.ExitCode == 0, mixed.Stderr);
        var calls3 = Stream("connect", "calls.calls");
        Assert.Equal(8, Count(calls3, "rows_read"));
        Assert.Equal(1, Count(calls3, "rows_quarantined"));
        Assert.Equal(1, Count(calls3, "rows_loaded"));
        Reconciles(calls3);
    }

    [Fact]
    public void Ga4_RowsRepeatedAcrossFiles_AreOneEvent()
    {
        var result = Extract("  - {name: ga4, profile: ga4, path: ga4/dataform-ga4-sessions}\n");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var events = Stream("ga4", "web.events");
        Assert.Equal(16, Count(events, "rows_read"));
        Assert.Equal(10, Count(events, "rows_loaded"));
        Assert.Equal(6, Count(events, "rows_deduplicated"));
        Assert.Equal(10, Scalar("ga4", "events", "SELECT count(DISTINCT event_key) FROM {t}"));

        // The same rows as one JSON array (a BigQuery export to JSON, or an API client's dump), named by nobody.
        var rows = Directory.GetFiles(Path.Combine(Exports, "ga4/dataform-ga4-sessions"), "*.ndjson").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines).Where(l => l.Trim().Length > 0);
        Directory.CreateDirectory(Path.Combine(_folder, "in", "ga4"));
        File.WriteAllText(Path.Combine(_folder, "in", "ga4", "bq-results-20240101.json"), "[\n" + string.Join(",\n", rows) + "\n]");

        var array = Extract("  - {name: ga4, profile: ga4, path: ga4}\n", Path.Combine(_folder, "in"), "lake2");

        Assert.True(array.ExitCode == 0, array.Stderr);
        Assert.Equal(16, Count(Stream("ga4", "web.events"), "rows_read"));
        Assert.Equal(10, Count(Stream("ga4", "web.events"), "rows_loaded"));
        Assert.Equal(Lake("ga4", "events", "SELECT * FROM {t} ORDER BY event_key"),
            Lake("ga4", "events", "SELECT * FROM {t} ORDER BY event_key", "lake2"));
    }

    [Fact]
    public void Salesforce_DataLoaderExtract_UpperCaseHeaderNamedExtractCsv_IsReadAsTheObjectItHolds()
    {
        // Data Loader writes extract.csv with upper-case API names: the real Contact export in that form.
        var lines = File.ReadAllLines(Path.Combine(Exports, "salesforce/winkeldev/Contact.csv"), Encoding.Latin1);
        Directory.CreateDirectory(Path.Combine(_folder, "in", "dl"));
        File.WriteAllLines(Path.Combine(_folder, "in", "dl", "extract.csv"),
            lines.Take(1).Select(l => l.ToUpperInvariant()).Concat(lines.Skip(1)), Encoding.Latin1);

        var result = Extract("  - {name: sf, profile: salesforce, path: dl, encoding: latin-1}\n", Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(96, Count(Stream("sf", "crm.customers"), "rows_loaded"));
        Assert.Equal(96, Scalar("sf", "customers", "SELECT count(last_name) FROM {t}"));
        Assert.Equal(96, Scalar("sf", "customers", "SELECT count(updated_at) FROM {t}"));
    }

    [Fact]
    public void Qualtrics_ChoiceTextExport_ScoresReadFromTheirLabels()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "in", "q"));
        // An export of choice text rather than numeric values.
        File.WriteAllText(Path.Combine(_folder, "in", "q", "survey.csv"), string.Join('\n',
            "StartDate,EndDate,Status,Finished,RecordedDate,ResponseId,Q1,Q1_NPS_GROUP,Q2,Q3",
            "Start Date,End Date,Response Type,Finished,Recorded Date,Response ID,How likely are you to recommend us?,"
                + "How likely are you to recommend us? - Group,How satisfied were you?,The company made it easy to handle my issue.",
            "{\"ImportId\":\"startDate\"},{\"ImportId\":\"endDate\"},{\"ImportId\":\"status\"},{\"ImportId\":\"finished\"},"
                + "{\"ImportId\":\"recordedDate\"},{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1\"},{\"ImportId\":\"QID1_NPS_GROUP\"},"
                + "{\"ImportId\":\"QID2\"},{\"ImportId\":\"QID3\"}",
            "2026-05-01 10:00:00,2026-05-01 10:02:00,IP Address,True,2026-05-01 10:02:00,R_a,10 - Extremely likely,Promoter,Very satisfied,Strongly agree",
            "2026-05-01 11:00:00,2026-05-01 11:02:00,IP Address,True,2026-05-01 11:02:00,R_b,0 - Not at all likely,Detractor,Somewhat dissatisfied,Somewhat disagree",
            "2026-05-01 12:00:00,2026-05-01 12:02:00,IP Address,True,2026-05-01 12:02:00,R_c,7,Passive,Pleased,Agree") + "\n");

        var result = Extract("  - {name: q, profile: qualtrics, path: q}\n", Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal([[10.0, 5.0, 7.0], [0.0, 2.0, 3.0]],
            Lake("q", "responses", "SELECT nps_score::DOUBLE, csat_score::DOUBLE, ces_score::DOUBLE FROM {t} ORDER BY response_id"));
        // A label that is on no scale the profile knows is not guessed: the row is quarantined for it.
        var responses = Stream("q", "surveys.responses");
        Assert.Equal(1, Count(responses, "rows_quarantined"));
        Reconciles(responses);
    }

    /// <summary>A Zendesk CSV export (Reporting > Export) of these rows, as in/zd/<paramref name="name"/>.</summary>
    private void ZendeskCsvExport(string name, params string[] rows)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "in", "zd"));
        File.WriteAllText(Path.Combine(_folder, "in", "zd", name), string.Join('\n', [
            "Summation column,Id,Requester,Requester id,Requester email,Subject,Tags,Status,Priority,Via,Ticket type,Created at,"
                + "Updated at,Assignee,Solved at,First reply time in minutes,Full resolution time in minutes",
            .. rows]) + "\n");
    }

    [Fact]
    public void Zendesk_CsvExport_ReadWithItsReplyAndResolutionTimes()
    {
        ZendeskCsvExport("export-2026-05-04.csv",
            "1,101,Ana,9001,ana@example.com,Order late,complaint shipping,Solved,High,Mail,Problem,2026-05-01 09:00:00,"
                + "2026-05-02 10:00:00,Bo,2026-05-02 10:00:00,90,1500",
            "1,102,Li,9002,li@example.com,Question,,Open,Normal,Web Widget,Question,2026-05-03 12:30:00,2026-05-03 13:00:00,,,,",
            "1,103,Spam,9003,,Spam,,Deleted,Low,Mail,,2026-05-03 13:00:00,2026-05-03 13:05:00,,,,");

        var result = Extract("  - {name: zd, profile: zendesk, path: zd}\n", Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var tickets = Stream("zd", "crm.tickets");
        Assert.Equal(2, Count(tickets, "rows_loaded"));
        Assert.Equal(1, Count(tickets, "rows_deleted"));
        Assert.Equal(["101", "email", true, "2026-05-01 10:30:00", "2026-05-02 10:00:00"], Lake("zd", "tickets", """
            SELECT ticket_id, channel, is_complaint, strftime(first_response_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S'),
                strftime(resolved_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S')
            FROM {t} WHERE ticket_id = '101'
            """).Single());
        Assert.Equal(["web", false], Lake("zd", "tickets", "SELECT channel, is_complaint FROM {t} WHERE ticket_id = '102'").Single());
    }

    [Fact]
    public void AFolderWithNoExportOfTheProfile_FailsUnlessOptional_AndAnUnrecognisedFileIsNamed()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "in", "nothing"));
        File.WriteAllText(Path.Combine(_folder, "in", "nothing", "notes.txt"), "not an export\n");

        var failed = Extract("  - {name: crm, profile: salesforce, path: nothing}\n", Path.Combine(_folder, "in"));

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("crm: no readable salesforce export in", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("notes.txt", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("optional: true", failed.Stderr, StringComparison.Ordinal);

        var optional = Extract("  - {name: crm, profile: salesforce, path: nothing, optional: true}\n", Path.Combine(_folder, "in"));

        Assert.True(optional.ExitCode == 0, optional.Stderr);

        // Beside real files, a stranger is named in a warning and not read.
        File.Copy(Path.Combine(Exports, "salesforce/winkeldev/Campaign.csv"), Path.Combine(_folder, "in", "nothing", "Campaign.csv"));
        var mixed = Extract("  - {name: crm, profile: salesforce, path: nothing, encoding: latin-1}\n", Path.Combine(_folder, "in"));

        Assert.True(mixed.ExitCode == 0, mixed.Stderr);
        Assert.Contains("warn", mixed.Stderr + mixed.Stdout, StringComparison.Ordinal);
        Assert.Contains("not a salesforce export this profile recognises and were not read: notes.txt", mixed.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, Count(Stream("crm", "crm.campaigns"), "rows_loaded"));
    }

    [Theory]
    // Classic's Export Details: the rows, then a blank line and the report's footer.
    [InlineData(true)]
    // Lightning's Details Only: the rows alone, headed by the fields' labels.
    [InlineData(false)]
    public void Salesforce_ReportExport_IsNamedAsSuch_WithWhatToExportInstead(bool footer)
    {
        // The real opportunities as a report exports them: labels for API names, amounts and dates as the user reads them.
        var rows = ReadCsv(Path.Combine(Exports, "salesforce/winkeldev/Opportunity.csv"));
        int At(string name) => Array.IndexOf(rows[0], name);
        var lines = rows.Skip(1).Take(20).Select(r => string.Join(',', new[]
        {
            r[At("Name")], r[At("StageName")], r[At("Amount")], r[At("CloseDate")], r[At("Id")][..15],
        }.Select(Quote))).Prepend(footer
            // Labels a report of another object could have too: the footer tells.
            ? "\"Name\",\"Stage\",\"Amount\",\"Close Date\",\"Record ID\""
            : "\"Opportunity Name\",\"Stage\",\"Amount\",\"Close Date\",\"Opportunity ID\"");
        if (footer)
        {
            lines = lines.Concat(["", "", "\"Confidential Information - Do Not Distribute\"",
                "\"Copyright (c) 2000-2023 salesforce.com, inc. All rights reserved.\"", "", "\"Generated By:  Mark Smith  5/24/2023 10:15 AM\""]);
        }
        Directory.CreateDirectory(Path.Combine(_folder, "in", "report"));
        File.WriteAllLines(Path.Combine(_folder, "in", "report", "report1684943293.csv"), lines);

        var result = Extract("  - {name: crm, profile: salesforce, path: report}\n", Path.Combine(_folder, "in"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("crm: no readable salesforce export in", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("report1684943293.csv is a Salesforce report export", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("which the salesforce profile does not read: export the objects instead with Data Export "
            + "(Setup > Data Export) or Data Loader, whose CSV files name each column by its API field name", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("xls")]
    public void HubSpot_DealsSavedAsAnExcelWorkbook_ReadAsTheCsvExportIs(string format)
    {
        // HubSpot's export dialog offers XLSX and XLS beside CSV. The real CSV export opened in LibreOffice (UTF-8,
        // English US: the dates become date cells, the amounts and record ids numbers, the rest shared strings) and
        // saved as an .xlsx workbook, or as an Excel 97-2003 .xls: read from its first sheet, it loads what the CSV
        // loads, value for value.
        var csv = Path.Combine(Exports, "hubspot/markstringer-deals/hubspot-crm-exports-all-deals-2023-04-03.csv");
        Directory.CreateDirectory(Path.Combine(_folder, "in", "csv"));
        File.Copy(csv, Path.Combine(_folder, "in", "csv", Path.GetFileName(csv)));
        var workbook = SavedAsWorkbook(csv, format, Path.Combine(_folder, "in", format));
        if (format == "xlsx")
        {
            // The first deal's Close Date, 2023-04-04 11:48, as Excel stores a date: a serial day number.
            using var zip = ZipFile.OpenRead(workbook);
            using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            Assert.Contains("<v>45020.4916666667</v>", sheet.ReadToEnd(), StringComparison.Ordinal);
        }
        else
        {
            // A compound file, not a zip: the Excel 97-2003 binary format.
            Assert.Equal([0xD0, 0xCF, 0x11, 0xE0], File.ReadAllBytes(workbook)[..4]);
        }

        var result = Extract($"  - {{name: csv, profile: hubspot, path: csv}}\n  - {{name: book, profile: hubspot, path: {format}}}\n",
            Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (var source in new[] { "csv", "book" })
        {
            var deals = Stream(source, "crm.orders");
            Assert.Equal(87, Count(deals, "rows_read"));
            Assert.Equal(87, Count(deals, "rows_loaded"));
            Reconciles(deals);
        }
        // Every loaded value; each row's _row_hash is of its source text, which the workbook holds otherwise (date
        // cells, numbers), so it is the one column that differs.
        const string Deals = "SELECT * EXCLUDE (_row_hash) FROM {t} ORDER BY order_id";
        Assert.Equal(Lake("csv", "orders", Deals), Lake("book", "orders", Deals));
        Assert.Equal([6877153472L.ToString(CultureInfo.InvariantCulture), new DateTime(2023, 4, 4, 11, 48, 0), 375000m],
            Lake("book", "orders", "SELECT order_id, ordered_at::timestamp, amount::decimal(18,2) FROM {t} WHERE order_id = '6877153472'").Single());

        // Delivered again unchanged, the workbook is known by its own bytes: nothing is read twice.
        var again = Extract($"  - {{name: book, profile: hubspot, path: {format}}}\n", Path.Combine(_folder, "in"));
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal("unchanged", Stream("book", "crm.orders").GetProperty("status").GetString());
    }

    /// <summary>
    /// The CSV opened in LibreOffice as a spreadsheet opens it (UTF-8, English US: dates become date cells, numbers
    /// numbers) and saved as a workbook of <paramref name="format"/> (xlsx or xls) in <paramref name="folder"/>.
    /// </summary>
    private static string SavedAsWorkbook(string csv, string format, string folder)
    {
        Directory.CreateDirectory(folder);
        var profile = Directory.CreateTempSubdirectory("cxw-soffice-").FullName;
        try
        {
            var convert = RenderTests.Tool("soffice", ["--headless", "--norestore", $"-env:UserInstallation=file://{profile}/profile",
                "--infilter=CSV:44,34,76,1,,1033", "--convert-to", format, "--outdir", folder, csv], home: profile);
            Assert.True(convert.ExitCode == 0, convert.Stdout + convert.Stderr);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
        var workbook = Path.Combine(folder, Path.ChangeExtension(Path.GetFileName(csv), "." + format));
        Assert.True(File.Exists(workbook), workbook);
        return workbook;
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("xls")]
    public void Qualtrics_ExportsSavedAsExcelWorkbooks_ReadAsTheirCsvExportsAre(string format)
    {
        // Qualtrics offers Excel beside CSV and TSV: the current export (three header rows, the third the ImportId
        // JSON) and the legacy one, each opened in LibreOffice and saved as a workbook, load what their CSV loads.
        foreach (var (name, csv) in new[] { ("api", "qualtrics/ropensci/sample.csv"), ("legacy", "qualtrics/qualtricstools-legacy/Better_Sample_Survey.csv") })
        {
            Directory.CreateDirectory(Path.Combine(_folder, "in", name));
            File.Copy(Path.Combine(Exports, csv), Path.Combine(_folder, "in", name, Path.GetFileName(csv)));
            SavedAsWorkbook(Path.Combine(Exports, csv), format, Path.Combine(_folder, "in", name + "_book"));
        }

        var result = Extract("""
              - {name: api, profile: qualtrics, path: api}
              - {name: legacy, profile: qualtrics, path: legacy}
              - {name: api_book, profile: qualtrics, path: api_book}
              - {name: legacy_book, profile: qualtrics, path: legacy_book}

            """, Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        const string Responses = "SELECT * FROM {t} ORDER BY response_id";
        Assert.Equal(1, Count(Stream("api_book", "surveys.responses"), "rows_loaded"));
        Assert.Equal(10, Count(Stream("legacy_book", "surveys.responses"), "rows_loaded"));
        Assert.Equal(Lake("api", "responses", Responses), Lake("api_book", "responses", Responses));
        Assert.Equal(Lake("legacy", "responses", Responses), Lake("legacy_book", "responses", Responses));
    }

    [Fact]
    public void ZippedDeliveries_SalesforceDataExport_AndAHubSpotExport_AreReadLikeTheirFiles()
    {
        // Salesforce's Data Export delivers its CSV files zipped (WE_<org id>_1.zip), as Qualtrics' export API and
        // HubSpot's multi-file exports do: the real Data Loader files in such an archive, beside themselves unzipped;
        // and the real HubSpot deals export zipped with a Mac's __MACOSX entry and a Close Date that does not exist.
        var salesforce = Path.Combine(Exports, "salesforce/winkeldev");
        Directory.CreateDirectory(Path.Combine(_folder, "in", "zipped"));
        using (var zip = ZipFile.Open(Path.Combine(_folder, "in", "zipped", "WE_00D8a000000XXXXEAM_1.zip"), ZipArchiveMode.Create))
        {
            foreach (var file in Directory.GetFiles(salesforce, "*.csv"))
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }
        var deals = File.ReadAllLines(Path.Combine(Exports, "hubspot/markstringer-deals/hubspot-crm-exports-all-deals-2023-04-03.csv"));
        Assert.Contains("2023-02-28 14:48", deals[3], StringComparison.Ordinal);
        deals[3] = deals[3].Replace("2023-02-28 14:48", "2023-02-30 14:48", StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(_folder, "in", "hubspot"));
        using (var zip = ZipFile.Open(Path.Combine(_folder, "in", "hubspot", "hubspot-crm-exports-2023-04-03.zip"), ZipArchiveMode.Create))
        {
            using (var entry = new StreamWriter(zip.CreateEntry("hubspot-crm-exports-all-deals-2023-04-03.csv").Open(), new UTF8Encoding(true)))
            {
                entry.Write(string.Join("\n", deals) + "\n");
            }
            using var mac = new StreamWriter(zip.CreateEntry("__MACOSX/._hubspot-crm-exports-all-deals-2023-04-03.csv").Open());
            mac.Write("\0\u0005\u0016\u0007");
        }
        const string Sources = """
              - {name: files, profile: salesforce, path: salesforce/winkeldev, encoding: latin-1}
              - {name: zipped, profile: salesforce, path: zipped, encoding: latin-1}
              - {name: hubspot, profile: hubspot, path: hubspot}

            """;
        var copy = Path.Combine(_folder, "in", "salesforce", "winkeldev");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(salesforce))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var result = Extract(Sources, Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (var (stream, rows) in new[] { ("crm.customers", 96L), ("crm.orders", 512L), ("crm.campaigns", 3L), ("crm.agents", 45L) })
        {
            Assert.Equal(rows, Count(Stream("files", stream), "rows_loaded"));
            Assert.Equal(rows, Count(Stream("zipped", stream), "rows_loaded"));
        }
        const string Orders = "SELECT * FROM {t} ORDER BY order_id";
        Assert.Equal(Lake("files", "orders", Orders), Lake("zipped", "orders", Orders));
        Assert.Equal("WE_00D8a000000XXXXEAM_1.zip/Opportunity.csv",
            Stream("zipped", "crm.orders").GetProperty("files")[0].GetProperty("path").GetString());
        var hubspot = Stream("hubspot", "crm.orders");
        Assert.Equal((87L, 86L, 1L), (Count(hubspot, "rows_read"), Count(hubspot, "rows_loaded"), Count(hubspot, "rows_quarantined")));
        var quarantined = Cxw.Run(Cxw.RepoRoot, "sql", "--warehouse", Path.Combine(_folder, "cx.duckdb"), "--format", "csv",
            "select file || ' line ' || line || ': ' || reason from audit.quarantine");
        Assert.Contains("hubspot-crm-exports-2023-04-03.zip/hubspot-crm-exports-all-deals-2023-04-03.csv line 4: ordered_at",
            quarantined.Stdout, StringComparison.Ordinal);

        // The archives delivered again unchanged: known by their members' bytes, nothing read twice.
        var again = Extract(Sources, Path.Combine(_folder, "in"));
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal("unchanged", Stream("zipped", "crm.orders").GetProperty("status").GetString());
        Assert.Equal("unchanged", Stream("hubspot", "crm.orders").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("xls")]
    [InlineData("xlsx")]
    public void ABrokenExcelWorkbook_IsNamed_WithWhatToDo(string format)
    {
        // The real export's CSV text where a workbook's parts should be, as a download cut short or a file renamed by
        // hand leaves it: behind a compound file's signature (.xls, known by it, not by its name), or in a zip that
        // says it is a workbook (xl/workbook.xml).
        var deals = File.ReadAllText(Path.Combine(Exports, "hubspot/markstringer-deals/hubspot-crm-exports-all-deals-2023-04-03.csv"));
        Directory.CreateDirectory(Path.Combine(_folder, "in", "hubspot"));
        var workbook = Path.Combine(_folder, "in", "hubspot", "hubspot-crm-exports-all-deals-2023-04-03." + format);
        if (format == "xls")
        {
            File.WriteAllBytes(workbook, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. Encoding.UTF8.GetBytes(deals)]);
        }
        else
        {
            using var zip = ZipFile.Open(workbook, ZipArchiveMode.Create);
            using var sheet = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open());
            sheet.Write(deals);
        }

        var result = Extract("  - {name: hubspot, profile: hubspot, path: hubspot}\n", Path.Combine(_folder, "in"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("hubspot: no readable hubspot export in", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"hubspot-crm-exports-all-deals-2023-04-03.{format}: the Excel workbook cannot be read (", result.Stderr,
            StringComparison.Ordinal);
        Assert.Contains("open it in Excel or LibreOffice and save it again, or export the data as CSV", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AByteOrderMark_DecidesTheEncoding_Utf16IsReadLikeUtf8()
    {
        var original = File.ReadAllText(Path.Combine(Exports, "hubspot/markstringer-deals/hubspot-crm-exports-all-deals-2023-04-03.csv"));
        Directory.CreateDirectory(Path.Combine(_folder, "in", "le"));
        Directory.CreateDirectory(Path.Combine(_folder, "in", "be"));
        File.WriteAllText(Path.Combine(_folder, "in", "le", "deals.csv"), original.TrimStart('\uFEFF'), new UnicodeEncoding(false, true));
        File.WriteAllText(Path.Combine(_folder, "in", "be", "deals.csv"), original.TrimStart('\uFEFF'), new UnicodeEncoding(true, true));

        var result = Extract("""
              - {name: le, profile: hubspot, path: le}
              - {name: be, profile: hubspot, path: be}

            """, Path.Combine(_folder, "in"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(87, Count(Stream("le", "crm.orders"), "rows_loaded"));
        Assert.Equal(87, Count(Stream("be", "crm.orders"), "rows_loaded"));
        Assert.Equal(Lake("le", "orders", "SELECT order_id, status, amount FROM {t} ORDER BY 1"),
            Lake("be", "orders", "SELECT order_id, status, amount FROM {t} ORDER BY 1"));
    }

    private static List<string[]> ReadCsv(string path)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true }).FromFile(path);
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            var fields = new string[row.ColCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = row[i].ToString();
            }
            rows.Add(fields);
        }
        return rows;
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
