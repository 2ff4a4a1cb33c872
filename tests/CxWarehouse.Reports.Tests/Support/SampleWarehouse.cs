namespace CxWarehouse.Reports.Tests.Support;

/// <summary>
/// The standard fixture: 12 weeks of KPIs to 2026-W47, peers by location, channel and agent, voice of
/// customer, customers at risk, two ETL runs (one stream late, one stale), the journey funnel, paths and
/// cohort retention. Strings include formula-injection, XSS, CJK and emoji cases.
/// </summary>
internal static class SampleWarehouse
{
    public static readonly DateOnly Week = new(2026, 11, 16);
    public static readonly DateOnly PriorWeek = Week.AddDays(-7);
    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public const double NpsValue = 41;
    public const double CsatValue = 85.5;
    public const string HyperlinkLocation = "=HYPERLINK(\"http://evil.example/x\",\"click me\")";
    public const string PlusAgent = "+1";
    public const string MinusChannel = "-2";
    public const string AtAgent = "@SUM(A1)";
    public const string ShanghaiLocation = "上海";
    public const double ShanghaiNps = -5;
    public const string ScriptQuote = "<script>alert('x')</script> the app crashed";
    public const string JavascriptQuote = "<a href=\"javascript:alert(1)\">click</a> javascript:alert(2)";
    public const string CjkQuote =
        "服务很好 😀 see https://reviews.example.com/r/42 or mail ana.silva@example.com";

    public static readonly DateOnly JourneyMonth = new(2026, 11, 1);
    public const string BaselineSource = "ACSI 2024 <b>Retail</b> & \"Services\" study";
    public const string JourneyScriptPath = "<script>alert('path')</script> > purchase:web";
    public const string JourneyFormulaPath = "=HYPERLINK(\"http://evil.example/p\",\"win\") > consideration:web";
    public const string JourneyCjkPath = "awareness:微信 😀 > purchase:门店";
    public const string JourneyCjkChannel = "微信 😀";

    /// <param name="path">The DuckDB file to write.</param>
    /// <param name="withBenchmark">
    /// Add a hand-made <c>marts.benchmark</c> that disagrees with its own rules, so tests see the report only formats
    /// it. Otherwise <c>marts.benchmark</c> is built by the real sql/marts/benchmark.sql over the fixture's values
    /// (unless <paramref name="noBenchmark"/>).
    /// </param>
    /// <param name="noBenchmark">Leave <c>marts.benchmark</c> out, as a hand-made warehouse might.</param>
    /// <param name="withJourney">Add the journey funnel, paths and cohort retention marts.</param>
    /// <param name="legacyAudit">Write <c>audit.stream_runs</c> without the freshness columns.</param>
    /// <param name="allFresh">Every stream of the latest run is fresh.</param>
    public static string Create(
        string path, bool withBenchmark = false, bool withJourney = true, bool legacyAudit = false,
        bool allFresh = false, bool noBenchmark = false)
    {
        using var warehouse = new WarehouseFixture(path);
        Registry(warehouse);
        Values(warehouse);
        if (withBenchmark)
        {
            Benchmark(warehouse);
        }
        else if (!noBenchmark)
        {
            MartBenchmark(warehouse);
        }

        Audit(warehouse, legacyAudit, allFresh);
        Customers(warehouse);
        Voice(warehouse);
        if (withJourney)
        {
            Journey(warehouse);
        }

        return path;
    }

    public static string CreateEmpty(string path)
    {
        using var warehouse = new WarehouseFixture(path);
        return path;
    }

    private static void Registry(WarehouseFixture warehouse)
    {
        warehouse.Execute(WarehouseFixture.RegistryDdl);
        Kpi(warehouse, "nps", "NPS", "Net Promoter Score, -100..100.", "score", "higher",
            "100 * (promoters - detractors) / responses", "surveys", 30, 40.0, 5.0, 1);
        Kpi(warehouse, "csat", "CSAT", "Share of 4-5 answers on a 1-5 scale.", "pct", "higher",
            "100 * responses scoring 4 or 5 / responses", "surveys", 30, 85.0, 3.0, 2);
        Kpi(warehouse, "service_level", "Service level (80/20)", "Calls answered within 20 s.", "pct", "higher",
            "100 * answered within 20 s / (offered - short abandons)", "calls", null, 80.0, 5.0, 3);
        Kpi(warehouse, "aht", "Average handle time", "Talk + hold + wrap per handled call.", "seconds", "lower",
            "(talk + hold + acw) / handled", "calls", null, 300.0, 30.0, 4);
        Kpi(warehouse, "review_rating", "Review rating", "Mean star rating.", "score", "higher", "mean(stars)",
            "reviews", 30, 4.5, 0.2, 5);
        Kpi(warehouse, "first_response_time", "First response time", "Median minutes to first agent response.",
            "minutes", "lower", "median(first response - created)", "crm", null, 60.0, 15.0, 6);
        Kpi(warehouse, "conversion_rate", "Conversion rate", "Sessions with a purchase.", "pct", "higher",
            "=100 * sessions with purchase / sessions", "web", null, null, null, 7);
    }

    private static void Kpi(
        WarehouseFixture warehouse, string kpi, string label, string description, string unit, string direction,
        string formula, string source, int? minSample, double? target, double? tolerance, int order) =>
        warehouse.Insert(
            "marts.kpi_registry", kpi, label, description, unit, direction, formula, source, minSample, target,
            tolerance, order);

    private static void Values(WarehouseFixture warehouse)
    {
        warehouse.Execute(WarehouseFixture.ValuesDdl);
        for (var i = 0; i < 12; i++)
        {
            var start = Week.AddDays(-7 * (11 - i));
            All(warehouse, start, "nps", 30 + i, 120);
            All(warehouse, start, "csat", 80 + 0.5 * i, 150);
            All(warehouse, start, "service_level", 85 - i, 900);
            All(warehouse, start, "aht", 280 + 3 * i, 900);
            if (i != 5)
            {
                All(warehouse, start, "review_rating", 4.2 + 0.02 * i, i == 11 ? 18 : 40);
            }

            All(warehouse, start, "first_response_time", 50 + 2 * i, 300);
        }

        Peer(warehouse, Week, "nps", "location", "Lisbon", 52, 60);
        Peer(warehouse, Week, "nps", "location", "Porto", 35, 40);
        Peer(warehouse, Week, "nps", "location", ShanghaiLocation, ShanghaiNps, 20);
        Peer(warehouse, Week, "nps", "location", HyperlinkLocation, 10, 31);
        Peer(warehouse, PriorWeek, "nps", "location", "Lisbon", 49, 58);
        Peer(warehouse, Week, "service_level", "channel", "phone", 72, 700);
        Peer(warehouse, Week, "service_level", "channel", "chat", 81, 150);
        Peer(warehouse, Week, "service_level", "channel", MinusChannel, 77, 50);
        Peer(warehouse, Week, "aht", "agent", AtAgent, 290, 300);
        Peer(warehouse, Week, "aht", "agent", PlusAgent, 330, 280);
        Peer(warehouse, Week, "aht", "agent", "Ana", 305, 12);

        // Low sample as marts.kpi_values flags it: n under the registry's min_sample.
        warehouse.Execute("""
            update marts.kpi_values set is_low_sample = coalesce(kpi_values.n < registry.min_sample, false)
            from marts.kpi_registry as registry where registry.kpi = kpi_values.kpi
            """);
    }

    private static void All(WarehouseFixture warehouse, DateOnly start, string kpi, double value, long n) =>
        warehouse.Insert("marts.kpi_values", "week", start, kpi, "all", "all", value, null, null, n, false);

    private static void Peer(
        WarehouseFixture warehouse, DateOnly start, string kpi, string dimension, string peer, double value, long n) =>
        warehouse.Insert("marts.kpi_values", "week", start, kpi, dimension, peer, value, null, null, n, n < 30);

    private static void Audit(WarehouseFixture warehouse, bool legacy, bool allFresh)
    {
        warehouse.Execute(WarehouseFixture.RunsDdl)
            .Execute(legacy ? WarehouseFixture.LegacyStreamRunsDdl : WarehouseFixture.StreamRunsDdl);
        warehouse
            .Insert("audit.runs", "run-2026-11-16", "2026-11-16 02:00:00+00", "2026-11-16 02:20:00+00", "ok")
            .Insert("audit.runs", "run-2026-11-23", "2026-11-23 02:00:00+00", "2026-11-23 02:30:00+00", "ok");

        // Run start 2026-11-23 02:00: crm 3 h old (fresh), calls 30 h (warn), reviews 74 h (error), web no limit.
        void Stream(
            string run, string source, string stream, string status, long read, long loaded, long quarantined,
            long deduplicated, double seconds, string latest, string message, string? freshness, double age)
        {
            object?[] row = [run, source, stream, status, read, loaded, quarantined, deduplicated, seconds, latest,
                message];
            warehouse.Insert("audit.stream_runs", legacy ? row : [.. row, allFresh ? "fresh" : freshness, age]);
        }

        var callsLatest = allFresh ? "2026-11-22 20:00:00+00" : "2026-11-21 20:00:00+00";
        var reviewsLatest = allFresh ? "2026-11-22 18:00:00+00" : "2026-11-20 00:00:00+00";
        Stream("run-2026-11-16", "crm", "contacts", "ok", 10, 10, 0, 0, 1.0, "2026-11-15 20:00:00+00", "", "fresh",
            6.0);
        Stream("run-2026-11-23", "crm", "contacts", "ok", 1200, 1180, 5, 15, 12.5, "2026-11-22 23:00:00+00", "",
            "fresh", 3.0);
        Stream("run-2026-11-23", "calls", "call_log", "ok", 5000, 4990, 3, 0, 40.2, callsLatest,
            "7 rows unaccounted for", "warn", allFresh ? 6.0 : 30.0);
        Stream("run-2026-11-23", "reviews", "google", "failed", 0, 0, 0, 0, 3.1, reviewsLatest,
            "=cmd|' /C calc'!A0 HTTP 503 from source", "error", allFresh ? 8.0 : 74.0);
        Stream("run-2026-11-23", "web", "ga4_events", "ok", 800, 800, 0, 0, 5.0, "2026-11-22 12:00:00+00", "", null,
            14.0);
        if (legacy)
        {
            return;
        }

        // Orphans as the latest build counted them: one relation above the threshold, one clean, one not checkable.
        warehouse.Execute(WarehouseFixture.OrphansDdl)
            .Insert("audit.orphans", "run-2026-11-16", "order_customer", "crm.orders", "crm.customers", 1000L, 10L, 1.0,
                "ok", "10 of 1000 crm.orders rows: customer_id not found in crm.customers (1%)")
            .Insert("audit.orphans", "run-2026-11-23", "order_customer", "crm.orders", "crm.customers", 1200L, 90L, 7.5,
                "warn", "90 of 1200 crm.orders rows: customer_id not found in crm.customers (7.5%), above the threshold "
                + "of 5% (quality.orphan_warn_percent)")
            .Insert("audit.orphans", "run-2026-11-23", "response_ticket", "surveys.responses", "crm.tickets", 300L, 0L,
                0.0, "ok", "0 of 300 surveys.responses rows: touchpoint_id not found in crm.tickets (0%)")
            .Insert("audit.orphans", "run-2026-11-23", "review_location", "reviews.reviews", "seeds.locations", 0L, 0L,
                null, "not_checked", "not checked: no reviews.reviews rows with a location_id");
    }

    /// <summary>
    /// The 95% margins of the values (spread / sqrt(n), so the NPS change of +1 is within noise and the handle
    /// time's +3 s significant; first response time, a median, has none), then marts.benchmark by its real SQL.
    /// </summary>
    private static void MartBenchmark(WarehouseFixture warehouse)
    {
        warehouse
            .Execute("alter table marts.kpi_values add column no_status_reason varchar")
            .Execute("alter table marts.kpi_values add column interval_method varchar default 'none'")
            .Execute("alter table marts.kpi_values add column margin double")
            .Execute("alter table marts.kpi_values add column ci_low double")
            .Execute("alter table marts.kpi_values add column ci_high double")
            .Execute("""
                update marts.kpi_values set interval_method = 'mean', margin = case kpi when 'nps' then 200
                    when 'csat' then 100 when 'service_level' then 30 when 'aht' then 30 when 'review_rating' then 2
                    end / sqrt(n)
                where kpi in ('nps', 'csat', 'service_level', 'aht', 'review_rating')
                """)
            .Execute("update marts.kpi_values set ci_low = value - margin, ci_high = value + margin")
            .Execute("create schema if not exists seeds")
            .Execute("create table seeds.industry_baselines(kpi varchar, baseline double, source varchar, year integer, url varchar)")
            .Execute("create table marts.benchmark as " + File.ReadAllText(
                Path.Combine(TestPaths.RepositoryRoot, "sql", "marts", "benchmark.sql")));
    }

    /// <summary>A mart that disagrees with what C# would compute, so tests see which one the report shows.</summary>
    private static void Benchmark(WarehouseFixture warehouse)
    {
        warehouse.Execute(WarehouseFixture.BenchmarkDdl);
        void Row(
            DateOnly start, string dimension, string peer, double value, long n, double? baseline, string? source,
            double? prior, int? rank, int? count, double? percentile, string status) =>
            warehouse.Insert(
                "marts.benchmark", "week", start, "nps", dimension, peer, value, n, n < 30, 40.0, 5.0, "higher",
                baseline, source, start.AddDays(-7), prior, prior is { } p ? value - p : null, rank, count,
                percentile, status);

        // 41 meets the target of 40, yet the mart says red; the prior week it said amber.
        Row(Week, "all", "all", NpsValue, 120, 32.0, BaselineSource, 40.0, null, null, null, "red");
        Row(PriorWeek, "all", "all", 40.0, 110, 32.0, BaselineSource, 38.0, null, null, null, "amber");

        // The mart ranks Porto first although Lisbon's value is higher.
        Row(Week, "location", "Porto", 35, 40, null, null, 30.0, 1, 4, 90.0, "amber");
        Row(Week, "location", "Lisbon", 52, 60, null, null, 49.0, 2, 4, 60.0, "green");
        Row(Week, "location", ShanghaiLocation, ShanghaiNps, 20, null, null, null, 3, 4, 30.0, "red");
        Row(Week, "location", HyperlinkLocation, 10, 31, null, null, null, 4, 4, 0.0, "red");
    }

    private static void Journey(WarehouseFixture warehouse)
    {
        warehouse.Execute(WarehouseFixture.JourneyFunnelDdl)
            .Execute(WarehouseFixture.JourneyPathsDdl)
            .Execute(WarehouseFixture.CohortRetentionDdl);
        string[] stages = ["awareness", "consideration", "purchase", "service", "loyalty"];
        void Funnel(string grain, DateOnly start, string segment, string channel, long[] customers, double[] days)
        {
            for (var i = 0; i < stages.Length; i++)
            {
                long? next = i + 1 < customers.Length ? customers[i + 1] : null;
                double? conversion = next is { } n ? 100.0 * n / customers[i] : null;
                warehouse.Insert(
                    "marts.journey_funnel", grain, start, segment, channel, stages[i], i + 1, customers[i], next,
                    conversion, 100 - conversion, next is null ? null : days[i]);
            }
        }

        Funnel("month", JourneyMonth, "all", "all", FunnelCustomers, [3.5, 6.0, 20.0, 30.0]);
        Funnel("month", JourneyMonth.AddMonths(-1), "all", "all", [900, 500, 200, 90, 40], [4.0, 7.0, 21.0, 31.0]);
        Funnel("week", Week, "all", "all", [250, 150, 60, 30, 15], [3.0, 5.0, 19.0, 29.0]);
        Funnel("month", JourneyMonth, "Champions", "all", [100, 90, 80, 70, 60], [1.0, 2.0, 3.0, 4.0]);
        Funnel("month", JourneyMonth, "all", "web", [500, 320, 120, 60, 30], [3.0, 5.0, 18.0, 28.0]);
        Funnel("month", JourneyMonth, "all", "phone", [300, 200, 90, 45, 20], [4.0, 6.0, 21.0, 31.0]);
        Funnel("month", JourneyMonth, "all", JourneyCjkChannel, [200, 80, 30, 15, 10], [5.0, 8.0, 25.0, 35.0]);

        void Path(string kind, string path, int steps, long customers, double share, int rank, string last,
            double? days) =>
            warehouse.Insert("marts.journey_paths", kind, path, steps, customers, share, rank, last, days);
        Path("buyer", "awareness:web > consideration:web > purchase:store", 3, 90, 37.5, 1, "purchase", 12.0);
        Path("buyer", "awareness:phone > purchase:phone", 2, 60, 25.0, 2, "purchase", 5.0);
        Path("buyer", JourneyScriptPath, 2, 40, 16.7, 3, "purchase", 8.0);
        Path("buyer", JourneyCjkPath, 2, 30, 12.5, 4, "purchase", 9.5);
        for (var i = 5; i <= 12; i++)
        {
            Path("buyer", $"awareness:store > purchase:store #{i}", 2, 13 - i, (13 - i) / 2.4, i, "purchase", i);
        }

        Path("non_buyer", "awareness:web", 1, 400, 52.6, 1, "awareness", null);
        Path("non_buyer", JourneyFormulaPath, 2, 250, 32.9, 2, "consideration", 14.0);
        Path("non_buyer", "awareness:phone > consideration:phone", 2, 110, 14.5, 3, "consideration", 7.0);

        // Cohorts June to December 2026; December is after the report's month and must not show.
        for (var c = 0; c < 7; c++)
        {
            var cohort = new DateOnly(2026, 6 + c, 1);
            var customers = 100L + 10 * c;
            for (var m = 0; m <= 6 - c; m++)
            {
                var active = m == 0 ? customers : (long)Math.Round(customers * Retention(c, m) / 100);
                warehouse.Insert(
                    "marts.cohort_retention", cohort, m, customers, active, 100.0 * active / customers);
            }
        }
    }

    public static readonly long[] FunnelCustomers = [1000, 600, 240, 120, 60];

    /// <summary>Retention of cohort <paramref name="cohort"/> (0 = June) after <paramref name="months"/>.</summary>
    public static double Retention(int cohort, int months) => months == 0 ? 100 : 60 - 8 * months + cohort;

    private static void Customers(WarehouseFixture warehouse)
    {
        warehouse.Execute(WarehouseFixture.CustomersDdl);
        warehouse
            .Insert("marts.customers_at_risk", "c-001", "Maria Silva", "maria.silva@example.com",
                "+351 912 345 678", "Loyal", "Lisbon", 1234.5, "2026-08-01 10:00:00+00", 0.82)
            .Insert("marts.customers_at_risk", "c-002", "王小明", "wang@example.cn", "138 0013 8000", "At risk",
                ShanghaiLocation, 560.0, "2026-06-15 09:30:00+00", 0.64)
            .Insert("marts.customers_at_risk", "c-003", "=1+1", "@attacker.example", "-", "Others", "Porto",
                -5.0, null, 0.31);
    }

    private static void Voice(WarehouseFixture warehouse)
    {
        warehouse.Execute(WarehouseFixture.VoiceDdl);
        warehouse
            .Insert("marts.voice_of_customer", "week", Week, "Lisbon", "App stability", 42L, 0.71, ScriptQuote)
            .Insert("marts.voice_of_customer", "week", Week, "Porto", "Checkout", 17L, 0.35, JavascriptQuote)
            .Insert("marts.voice_of_customer", "week", Week, ShanghaiLocation, "服务", 9L, 0.1, CjkQuote)
            .Insert("marts.voice_of_customer", "week", PriorWeek, "Lisbon", "Old topic", 3L, 0.2, "last week");
    }
}
