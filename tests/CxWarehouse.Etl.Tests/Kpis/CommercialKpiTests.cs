using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Kpis;

/// <summary>
/// Customer and commercial KPIs computed by hand and compared with marts.kpi_values: AOV with currency
/// conversion, repeat purchase, churn and retention with a 30-day churn window, historical CLTV, CAC with spend
/// spread over campaign days, and the web session KPIs.
/// </summary>
public sealed class CommercialKpiTests : IDisposable
{
    private readonly ModelFixture _warehouse = new("benchmark:\n  churn_window_days: 30\n");

    public void Dispose() => _warehouse.Dispose();

    private void Customer(string id) => Customer(_warehouse, id);

    private void Order(string id, string customer, string day, double amount = 100, string currency = "GBP",
        bool won = true) => Order(_warehouse, id, customer, day, amount, currency, won);

    private static void Customer(ModelFixture warehouse, string id) => warehouse.Insert("crm__customers", $"""
        SELECT '{id}' AS customer_id, 'c{id}@example.com' AS email, 'LDN' AS location_id, 'Retail' AS segment,
            TIMESTAMPTZ '2025-12-01 00:00:00+00' AS created_at, TIMESTAMPTZ '2025-12-01 00:00:00+00' AS updated_at
        """);

    private static void Order(ModelFixture warehouse, string id, string customer, string day, double amount = 100,
        string currency = "GBP", bool won = true) => warehouse.Insert("crm__orders", $"""
        SELECT '{id}' AS order_id, '{customer}' AS customer_id, TIMESTAMPTZ '{day} 12:00:00+00' AS ordered_at,
            {won} AS is_won, {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} AS amount,
            '{currency}' AS currency, 'LDN' AS location_id, 'web' AS channel
        """);

    private void Campaign(string id, string from, string to, double spend, string currency = "GBP") =>
        _warehouse.Insert("crm__campaigns", $"""
            SELECT '{id}' AS campaign_id, DATE '{from}' AS started_on, DATE '{to}' AS ended_on,
                {spend.ToString(System.Globalization.CultureInfo.InvariantCulture)} AS spend, '{currency}' AS currency
            """);

    /// <summary>
    /// A: 01-10, 02-20, 04-25; B: 01-20; C: 02-05, 02-25; D: 04-28 (the data's last day); E: 02-10, 03-15.
    /// </summary>
    private void FiveCustomers() => FiveCustomers(_warehouse);

    private static void FiveCustomers(ModelFixture warehouse)
    {
        foreach (var id in new[] { "A", "B", "C", "D", "E" })
        {
            Customer(warehouse, id);
        }
        Order(warehouse, "a1", "A", "2026-01-10");
        Order(warehouse, "a2", "A", "2026-02-20");
        Order(warehouse, "a3", "A", "2026-04-25");
        Order(warehouse, "b1", "B", "2026-01-20");
        Order(warehouse, "b2", "B", "2026-03-20", won: false); // a lost opportunity is not an order
        Order(warehouse, "c1", "C", "2026-02-05");
        Order(warehouse, "c2", "C", "2026-02-25");
        Order(warehouse, "d1", "D", "2026-04-28");
        Order(warehouse, "e1", "E", "2026-02-10");
        Order(warehouse, "e2", "E", "2026-03-15");
    }

    [Fact]
    public void RepeatPurchaseAndCltv_LifetimeToEachPeriodsEnd()
    {
        FiveCustomers();

        _warehouse.Build();

        Assert.Equal(0.0, _warehouse.Kpi("repeat_purchase_rate", "month", "2026-01-01")!.Value); // A, B: one order each
        Assert.Equal(50.0, _warehouse.Kpi("repeat_purchase_rate", "month", "2026-02-01")!.Value); // A, C of A B C E
        Assert.Equal(75.0, _warehouse.Kpi("repeat_purchase_rate", "month", "2026-03-01")!.Value); // A, C, E of 4
        Assert.Equal(60.0, _warehouse.Kpi("repeat_purchase_rate", "month", "2026-04-01")!.Value); // A, C, E of 5
        Assert.Equal(175.0, _warehouse.Kpi("cltv", "month", "2026-03-01")!.Value);  // (200 + 100 + 200 + 200) / 4
        Assert.Equal(180.0, _warehouse.Kpi("cltv", "month", "2026-04-01")!.Value);  // (300 + 100 + 200 + 100 + 200) / 5
        Assert.Equal(5, _warehouse.Kpi("cltv", "month", "2026-04-01")!.N);
    }

    [Fact]
    public void ChurnAndRetention_NeedAFullWindowBeforeAndAfter()
    {
        FiveCustomers();

        _warehouse.Build();

        // March: active at start (an order in 01-30..02-28) A, C, E; in the 30 days from 03-01 only E orders.
        var churn = _warehouse.Kpi("churn_rate", "month", "2026-03-01")!;
        Assert.Equal((2.0, 3.0), (churn.Numerator!.Value, churn.Denominator!.Value));
        // Retention March: active at end (03-02..03-31) E; none new: (1 - 0) / 3.
        Assert.Equal(100.0 / 3, _warehouse.Kpi("retention_rate", "month", "2026-03-01")!.Value!.Value, 9);
        // Three in four customers have bought again by March: retention means loyalty here and has a status.
        Assert.Null(_warehouse.Scalar<string>("""
            SELECT no_status_reason FROM marts.kpi_values WHERE kpi = 'retention_rate' AND period_grain = 'month'
                AND period_start = DATE '2026-03-01' AND dimension = 'all'
            """));
        // April: active at start E; at end A and D; D is new: (2 - 1) / 1.
        Assert.Equal(100.0, _warehouse.Kpi("retention_rate", "month", "2026-04-01")!.Value);
        // April's 30 days after its start run past the data's last day: churn not yet known.
        Assert.Null(_warehouse.Kpi("churn_rate", "month", "2026-04-01"));
        // February starts less than 30 days after the first order: no full history, no churn or retention.
        Assert.Null(_warehouse.Kpi("churn_rate", "month", "2026-02-01"));
        Assert.Null(_warehouse.Kpi("retention_rate", "month", "2026-02-01"));
    }

    [Fact]
    public void CltvPredicted_AovTimesOrdersPerYearTimesMarginOverAnnualChurn()
    {
        using var warehouse = new ModelFixture("benchmark:\n  churn_window_days: 30\n  gross_margin: 0.5\n");
        FiveCustomers(warehouse);

        warehouse.Build();

        // March: AOV 700 / 7 = 100; 7 orders over 4 customers in the 80.5 days from the first order (01-10 12:00) to
        // the month's end; churn 2 of 3 over 30 days, 1 - (1/3)^(365/30) a year.
        var ordersPerYear = 7.0 / 4 / (80.5 / 365.25);
        var annualChurn = 1 - Math.Pow(1.0 / 3, 365.0 / 30);
        var march = warehouse.Kpi("cltv_predicted", "month", "2026-03-01")!;
        Assert.Equal(100 * ordersPerYear * 0.5 / annualChurn, march.Value!.Value, 6);
        Assert.Equal(4, march.N);
        Assert.Null(warehouse.Kpi("cltv_predicted", "month", "2026-04-01")); // churn not yet observed
        FiveCustomers(); // the same data without a gross margin: unavailable
        _warehouse.Build();
        Assert.Null(_warehouse.Kpi("cltv_predicted", "month", "2026-03-01"));
    }

    [Fact]
    public void Cac_SpendSpreadOverCampaignDays_OverNewCustomers()
    {
        FiveCustomers();
        Campaign("k1", "2026-04-01", "2026-04-03", 300);
        Campaign("k2", "2026-03-30", "2026-04-02", 400);      // 100 a day: 200 in March, 200 in April
        Campaign("k3", "2026-02-01", "2026-02-01", 84, "EUR"); // 84 EUR = 70.56 GBP at 0.84

        _warehouse.Build();

        Assert.Equal(500.0, _warehouse.Kpi("cac", "month", "2026-04-01")!.Value);  // (300 + 200) / D
        Assert.Equal(70.56 / 2, _warehouse.Kpi("cac", "month", "2026-02-01")!.Value!.Value, 6); // C and E are new
        Assert.Null(_warehouse.Kpi("cac", "month", "2026-03-01")); // spend but no new customer
        Assert.Null(_warehouse.Kpi("cac", "month", "2026-01-01")); // new customers but no spend recorded
    }

    [Fact]
    public void LoyaltyTier_ProgrammeFirst_ElseTrailingTwelveMonthSpendBands()
    {
        using var warehouse = new ModelFixture("loyalty:\n  tiers: {Bronze: 0, Silver: 150, Gold: 250}\n");
        foreach (var id in new[] { "A", "B", "C", "D" })
        {
            warehouse.Insert("crm__customers", $"""
                SELECT '{id}' AS customer_id, 'c{id}@example.com' AS email,
                    TIMESTAMPTZ '2024-01-01 00:00:00+00' AS created_at, TIMESTAMPTZ '2024-01-01 00:00:00+00' AS updated_at
                """);
        }
        void Won(string id, string customer, string day, double amount) => warehouse.Insert("crm__orders", $"""
            SELECT '{id}' AS order_id, '{customer}' AS customer_id, TIMESTAMPTZ '{day} 12:00:00+00' AS ordered_at,
                true AS is_won, {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} AS amount, 'GBP' AS currency
            """);
        Won("a1", "A", "2026-03-01", 200);
        Won("a2", "A", "2026-10-01", 100);   // A: 300 in the 12 months to 2026-11-01: Gold
        Won("b1", "B", "2025-06-01", 900);   // B: 900 more than 12 months ago, 150 within: Silver
        Won("b2", "B", "2026-11-01", 150);
        Won("c1", "C", "2026-09-01", 10);    // C: Bronze by spend, but the programme says Gold
        warehouse.Insert("crm__loyalty", """
            SELECT 'm1' AS member_id, 'C' AS customer_id, 'Gold' AS tier, TIMESTAMPTZ '2026-01-01 00:00:00+00' AS updated_at
            """);

        warehouse.Build();

        var tiers = warehouse.Rows("""
            SELECT c.source_person_id, c.loyalty_tier, c.loyalty_tier_source FROM marts.customer_360 AS c ORDER BY 1
            """).Select(r => $"{r[0]}:{r[1]}:{r[2]}").ToList();
        Assert.Equal(["A:Gold:spend band", "B:Silver:spend band", "C:Gold:loyalty programme", "D::"], tiers);
    }

    [Fact]
    public void Aov_WonOrdersInTheReportingCurrency()
    {
        Customer("A");
        Order("o1", "A", "2026-11-02", 100);
        Order("o2", "A", "2026-11-03", 100, "EUR");           // 84 GBP
        Order("o3", "A", "2026-11-04", 1000, won: false);

        _warehouse.Build();

        Assert.Equal(92.0, _warehouse.Kpi("aov", "week", "2026-11-02")!.Value!.Value, 9);
        Assert.Equal(2, _warehouse.Kpi("aov", "week", "2026-11-02")!.N);
    }

    [Fact]
    public void WebKpis_SessionsSplitAfterThirtyMinutes()
    {
        void Event(string user, string at, string name, string medium = "organic") => _warehouse.Insert("web__events", $"""
            SELECT '{user}|{at}|{name}' AS event_key, TIMESTAMPTZ '{at}' AS event_at, '{name}' AS event_name,
                '{user}' AS user_pseudo_id, '{medium}' AS traffic_medium, 'mobile' AS device_category
            """);
        // u1: one page view (bounce), then 40 minutes later a new session with a cart and a purchase.
        Event("u1", "2026-11-02 09:00:00+00", "page_view");
        Event("u1", "2026-11-02 09:40:00+00", "page_view");
        Event("u1", "2026-11-02 09:41:00+00", "add_to_cart");
        Event("u1", "2026-11-02 09:45:00+00", "purchase");
        // u2: two page views and a cart, no purchase.
        Event("u2", "2026-11-03 10:00:00+00", "page_view", "cpc");
        Event("u2", "2026-11-03 10:05:00+00", "page_view", "cpc");
        Event("u2", "2026-11-03 10:06:00+00", "add_to_cart", "cpc");
        // u3: one page view and a scroll: engaged, not a bounce.
        Event("u3", "2026-11-04 10:00:00+00", "page_view");
        Event("u3", "2026-11-04 10:01:00+00", "scroll");

        _warehouse.Build();

        Assert.Equal(25.0, _warehouse.Kpi("conversion_rate", "week", "2026-11-02")!.Value);      // 1 of 4 sessions
        Assert.Equal(25.0, _warehouse.Kpi("bounce_rate", "week", "2026-11-02")!.Value);          // u1's first
        Assert.Equal(50.0, _warehouse.Kpi("cart_abandonment_rate", "week", "2026-11-02")!.Value); // u2's of 2 carts
        Assert.Equal(100.0, _warehouse.Kpi("cart_abandonment_rate", "week", "2026-11-02", "channel", "cpc")!.Value);
        Assert.Equal(4, _warehouse.Kpi("conversion_rate", "week", "2026-11-02", "device", "mobile")!.N);
    }
}
