using System.Globalization;
using System.Text.Json;
using CxWarehouse.Cli.Tests.Support;
using DuckDB.NET.Data;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// Real exports nobody here wrote (shared/realdata), ingested through the shipped configurations exactly as the
/// README tells a user to, with nothing converted by hand.
/// </summary>
public sealed partial class RealDataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cxw-real-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string RealData(string name)
    {
        var path = Path.Combine(RepoPaths.RealData, name);
        Assert.True(Directory.Exists(path), $"the real exports are expected at {path} (shared/ beside the repository or its clone origin, or CXW_SHARED)");
        return path;
    }

    private string[] Globals => ["--lake", Path.Combine(_folder, "lake"), "--warehouse", Path.Combine(_folder, "cx.duckdb"),
        "--output", Path.Combine(_folder, "out")];

    private List<object?[]> Query(string sql)
    {
        using var db = new DuckDBConnection($"Data Source={Path.Combine(_folder, "cx.duckdb")};ACCESS_MODE=READ_ONLY");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }
        return rows;
    }

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private JsonElement Stream(string name)
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out", "run_results.json")));
        return json.RootElement.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == name);
    }

    [Fact]
    public void Olist_EveryReviewLoadedOrQuarantined_AndCsatAddsUp()
    {
        var result = Cxw.Run(Cxw.RepoRoot, ["run", "--config", "data-sample/configs/olist.yml", "--input", RealData("olist"), .. Globals]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var reviews = Stream("surveys.responses");
        Assert.Equal(8225, reviews.GetProperty("rows_read").GetInt64());
        Assert.Equal(8225, reviews.GetProperty("rows_loaded").GetInt64() + reviews.GetProperty("rows_quarantined").GetInt64()
            + reviews.GetProperty("rows_deduplicated").GetInt64());
        var loaded = Long(Query("SELECT count(*) FROM core.fct_survey_responses WHERE csat_score IS NOT NULL").Single()[0]);
        var months = Query("SELECT sum(numerator), sum(denominator), count(*) FROM marts.kpi_values WHERE kpi = 'csat' AND dimension = 'all' AND period_grain = 'month'").Single();
        Assert.Equal(loaded, Long(months[1]));
        var topTwo = Long(Query("SELECT count(*) FROM core.fct_survey_responses WHERE csat_score >= 4").Single()[0]);
        Assert.Equal(topTwo, Long(months[0]));
        Assert.True(Long(months[2]) >= 20);
        Assert.Contains(Query("SELECT DISTINCT kpi FROM marts.kpi_values"), r => (string)r[0]! == "csat_mean");
        // customer_360 holds one row per person (customer_unique_id) who placed an order.
        var persons = Long(Query($"""
            SELECT count(DISTINCT c.customer_unique_id)
            FROM read_csv('{Path.Combine(RealData("olist"), "olist_customers_dataset.csv")}') AS c
            JOIN read_csv('{Path.Combine(RealData("olist"), "olist_orders_dataset.csv")}') AS o USING (customer_id)
            """).Single()[0]);
        Assert.Equal(persons, Long(Query("SELECT count(*) FROM marts.customer_360").Single()[0]));
        Assert.Equal(persons, Long(Query("SELECT count(DISTINCT source_person_id) FROM marts.customer_360").Single()[0]));
        // Orders carry the sum of their payments, in BRL; customers keep Olist's person id.
        Assert.Equal(8135L, Long(Query("SELECT count(amount) FROM core.fct_orders").Single()[0]));
        Assert.Equal(Long(Query("SELECT count(DISTINCT source_person_id) FROM staging.stg_crm__customers").Single()[0]),
            Long(Query("SELECT count(DISTINCT source_person_id) FROM staging.stg_crm__customers WHERE source_person_id <> customer_id").Single()[0]));

        // The report says what each KPI lacks, by data: orders and CSAT surveys only, about 0.8% repeat buyers.
        var report = Cxw.Run(Cxw.RepoRoot, ["report", "--config", "data-sample/configs/olist.yml", "--input", RealData("olist"),
            "--period", "2018-06", .. Globals]);
        Assert.True(report.ExitCode == 0, report.Stderr);
        var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(_folder, "out", "reports", "cx-benchmark-2018-06.html")));
        Assert.Contains("not available: no tickets in the crm data (complaints are counted from tickets)", html, StringComparison.Ordinal);
        Assert.Contains("not available: no NPS answers in the surveys data", html, StringComparison.Ordinal);
        Assert.Contains("not available: needs the churn window after the period's start to have passed: 365 days; the data ends 2018-09-03",
            html, StringComparison.Ordinal);
        Assert.Contains("no status: most customers bought once", html, StringComparison.Ordinal);
        Assert.DoesNotContain("no crm data configured", html, StringComparison.Ordinal);
        Assert.DoesNotContain("no surveys data configured", html, StringComparison.Ordinal);
        Assert.Equal(0L, Long(Query("SELECT count(*) FROM marts.kpi_values WHERE kpi = 'complaint_rate'").Single()[0]));

        // 2018-08, the last full month: the headline holds the KPIs the business measures (orders and CSAT), each
        // with its margin, and one line for the rest saying what would enable them; changes carry the mart's verdict.
        report = Cxw.Run(Cxw.RepoRoot, ["report", "--config", "data-sample/configs/olist.yml", "--input", RealData("olist"),
            "--period", "2018-08", .. Globals]);
        Assert.True(report.ExitCode == 0, report.Stderr);
        html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(_folder, "out", "reports", "cx-benchmark-2018-08.html")));
        var headline = html[html.IndexOf("id=\"headline\"", StringComparison.Ordinal)..html.IndexOf("id=\"changes\"", StringComparison.Ordinal)];
        var measured = Query("""
            SELECT r.label FROM marts.benchmark AS b JOIN marts.kpi_registry AS r USING (kpi)
            WHERE b.period_grain = 'month' AND b.period_start = DATE '2018-08-01' AND b.dimension = 'all'
            ORDER BY r.display_order
            """).Select(r => (string)r[0]!).ToList();
        Assert.Equal(["CSAT", "CSAT mean", "Average order value", "Repeat purchase rate", "Retention rate", "Customer lifetime value"], measured);
        var tiles = TileLabel().Matches(headline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(measured, tiles);
        var line = Unmeasured().Match(headline);
        Assert.True(line.Success, headline);
        Assert.StartsWith("Not measured (27 KPIs): NPS (no NPS answers in the surveys data);", line.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("Conversion rate, Bounce rate (no web sessions in the web data)", line.Groups[1].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("not available", headline, StringComparison.Ordinal);
        // Money in the reporting currency, and the margins: CSAT 55.6% of 718 answers is ± 3.6 points (Wilson).
        Assert.Contains("147.99 BRL", headline, StringComparison.Ordinal);
        Assert.Contains("55.6% <span style=\"font-size:13px;font-weight:400;color:#4b5563;\" title=\"95% interval\">± 3.6 pts</span>",
            headline, StringComparison.Ordinal);
        Assert.Contains("▼ −13.4 pts vs 2018-07 <span style=\"color:#4b5563;\">(significant)</span>", headline, StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex("<div style=\"font-size:13px;line-height:18px;font-weight:600;color:#374151;\">([^<]+)</div>")]
    private static partial System.Text.RegularExpressions.Regex TileLabel();

    [System.Text.RegularExpressions.GeneratedRegex("<p id=\"unmeasured\"[^>]*>([^<]+)</p>")]
    private static partial System.Text.RegularExpressions.Regex Unmeasured();

    [Fact]
    public void PwcCallCentre_EveryCallLoaded_ServiceKpisPerMonthAndAgent()
    {
        var result = Cxw.Run(Cxw.RepoRoot,
            ["run", "--config", "data-sample/configs/pwc-callcenter.yml", "--input", RealData("pwc-callcenter"), .. Globals]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var calls = Stream("calls.calls");
        Assert.Equal(5000, calls.GetProperty("rows_read").GetInt64());
        Assert.Equal(5000, calls.GetProperty("rows_loaded").GetInt64() + calls.GetProperty("rows_quarantined").GetInt64());
        var monthly = Query("""
            SELECT kpi, count(*) FROM marts.kpi_values
            WHERE dimension = 'all' AND period_grain = 'month' GROUP BY 1
            """).ToDictionary(r => (string)r[0]!, r => Long(r[1]));
        var perAgent = Query("""
            SELECT kpi, count(*), count(DISTINCT dimension_value) FROM marts.kpi_values
            WHERE dimension = 'agent' AND period_grain = 'month' GROUP BY 1
            """).ToDictionary(r => (string)r[0]!, r => (Long(r[1]), Long(r[2])));
        foreach (var kpi in new[] { "asa_s", "abandonment_rate", "fcr" })
        {
            Assert.Equal(3, monthly[kpi]);               // January to March 2021
            Assert.Equal((24L, 8L), perAgent[kpi]);      // each of the 8 agents in each month
        }
        // Unknown is not zero: the log records talk time but no hold or after-call work, so handle time is unknown
        // and AHT not available, rather than talk time published as handle time.
        Assert.False(monthly.ContainsKey("aht_s"));
        Assert.Equal(0L, Long(Query("SELECT count(handle_s) FROM core.fct_calls").Single()[0]));
        // FCR: the log records resolution per call and has no customer id, so no repeat can be seen: resolved
        // answered calls over answered calls, 3,646 of 4,054 in the file (Answered = Y: 3,646 Resolved = Y, 408 N).
        var fcr = Query("SELECT sum(numerator), sum(denominator) FROM marts.kpi_values WHERE kpi = 'fcr' AND dimension = 'all' AND period_grain = 'month'").Single();
        Assert.Equal((3646L, 4054L), (Long(fcr[0]), Long(fcr[1])));
        // Unanswered calls have no recorded wait: they count as abandoned, never as short abandons.
        var abandoned = Query("SELECT count(*) FILTER (WHERE is_abandoned), count(*) FILTER (WHERE NOT is_answered), count(*) FILTER (WHERE is_short_abandon) FROM core.fct_calls").Single();
        Assert.Equal(Long(abandoned[1]), Long(abandoned[0]));
        Assert.Equal(0L, Long(abandoned[2]));
        // No other source: their streams are empty, their KPIs absent, nothing crashed.
        Assert.Equal(0L, Long(Query("SELECT count(*) FROM core.fct_orders").Single()[0]));
        var report = Cxw.Run(Cxw.RepoRoot, ["report", "--config", "data-sample/configs/pwc-callcenter.yml", "--period", "2021-03", .. Globals]);
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "reports", "cx-benchmark-2021-03.html")));
    }
}
