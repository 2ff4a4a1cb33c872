namespace CxWarehouse.Reports.Tests.Support;

/// <summary>
/// The standard fixture: 12 weeks of KPIs to 2026-W47, peers by location, channel and agent, voice of
/// customer, customers at risk and two ETL runs. Strings include formula-injection, XSS, CJK and emoji cases.
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

    public static string Create(string path, bool withBenchmark = false)
    {
        using var warehouse = new WarehouseFixture(path);
        Registry(warehouse);
        Values(warehouse);
        if (withBenchmark)
        {
            warehouse.Execute(WarehouseFixture.BenchmarkDdl);
            warehouse.Insert(
                "marts.benchmark", "week", Week, "nps", "all", "all", NpsValue, 40.0, 32.0, 40.0, 1.0, null, "red",
                120L, false);
        }

        Audit(warehouse);
        Customers(warehouse);
        Voice(warehouse);
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
    }

    private static void All(WarehouseFixture warehouse, DateOnly start, string kpi, double value, long n) =>
        warehouse.Insert("marts.kpi_values", "week", start, kpi, "all", "all", value, null, null, n, false);

    private static void Peer(
        WarehouseFixture warehouse, DateOnly start, string kpi, string dimension, string peer, double value, long n) =>
        warehouse.Insert("marts.kpi_values", "week", start, kpi, dimension, peer, value, null, null, n, n < 30);

    private static void Audit(WarehouseFixture warehouse)
    {
        warehouse.Execute(WarehouseFixture.RunsDdl).Execute(WarehouseFixture.StreamRunsDdl);
        warehouse
            .Insert("audit.runs", "run-2026-11-16", "2026-11-16 02:00:00+00", "2026-11-16 02:20:00+00", "ok")
            .Insert("audit.runs", "run-2026-11-23", "2026-11-23 02:00:00+00", "2026-11-23 02:30:00+00", "ok");
        warehouse
            .Insert("audit.stream_runs", "run-2026-11-16", "crm", "contacts", "ok", 10L, 10L, 0L, 0L, 1.0,
                "2026-11-15 20:00:00+00", "")
            .Insert("audit.stream_runs", "run-2026-11-23", "crm", "contacts", "ok", 1200L, 1180L, 5L, 15L, 12.5,
                "2026-11-22 23:00:00+00", "")
            .Insert("audit.stream_runs", "run-2026-11-23", "calls", "call_log", "ok", 5000L, 4990L, 3L, 0L, 40.2,
                "2026-11-21 20:00:00+00", "7 rows unaccounted for")
            .Insert("audit.stream_runs", "run-2026-11-23", "reviews", "google", "failed", 0L, 0L, 0L, 0L, 3.1,
                "2026-11-20 00:00:00+00", "=cmd|' /C calc'!A0 HTTP 503 from source");
    }

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
