using System.Globalization;
using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Kpis;

/// <summary>
/// A KPI is available for a period when its inputs have rows then, and otherwise says exactly what is missing
/// (marts.kpi_availability); it is never 0 because its input is absent. Churn and retention carry no status where
/// most customers buy once. Cases from the Olist report: a complaint rate of 0.00 "on target" with no ticket source,
/// NPS "not configured" beside CSAT surveys, retention 93.8% "on target" beside a 0.7% repeat purchase rate.
/// </summary>
public sealed class KpiAvailabilityTests : IDisposable
{
    private readonly ModelFixture _warehouse = new("benchmark:\n  churn_window_days: 365\n");

    public void Dispose() => _warehouse.Dispose();

    private void Order(string id, string customer, DateOnly day) => _warehouse.Insert("crm__orders", $"""
        SELECT '{id}' AS order_id, '{customer}' AS customer_id,
            TIMESTAMPTZ '{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 12:00:00+00' AS ordered_at,
            true AS is_won, 100.0 AS amount, 'GBP' AS currency, 'LDN' AS location_id
        """);

    private void Customer(string id) => _warehouse.Insert("crm__customers", $"""
        SELECT '{id}' AS customer_id, 'LDN' AS location_id, 'Retail' AS segment,
            TIMESTAMPTZ '2025-01-01 00:00:00+00' AS created_at, TIMESTAMPTZ '2025-01-01 00:00:00+00' AS updated_at
        """);

    /// <summary>One order a day from 2026-01-01 to 2026-07-10, each by a customer who never buys again.</summary>
    private void OneTimeBuyers()
    {
        var day = new DateOnly(2026, 1, 1);
        for (var i = 0; day <= new DateOnly(2026, 7, 10); i++, day = day.AddDays(1))
        {
            Customer($"c{i}");
            Order($"o{i}", $"c{i}", day);
        }
    }

    private string? Missing(string kpi, string grain, string start) => _warehouse.Scalar<string>("""
        SELECT missing FROM marts.kpi_availability WHERE kpi = $1 AND period_grain = $2 AND period_start = CAST($3 AS DATE)
        """, kpi, grain, start);

    [Fact]
    public void ComplaintRate_WithoutTickets_IsUnavailableNamingTheTickets_NotZero()
    {
        OneTimeBuyers();

        _warehouse.Build();

        Assert.Null(_warehouse.Kpi("complaint_rate", "month", "2026-06-01"));
        Assert.Equal("no tickets in the crm data (complaints are counted from tickets)", Missing("complaint_rate", "month", "2026-06-01"));
        Assert.NotNull(_warehouse.Kpi("aov", "month", "2026-06-01"));
        Assert.Null(Missing("aov", "month", "2026-06-01"));
    }

    [Fact]
    public void ComplaintRate_WithTicketsButNoComplaints_IsATrueZero()
    {
        OneTimeBuyers();
        _warehouse.Insert("crm__tickets", """
            SELECT 't1' AS ticket_id, 'c1' AS customer_id, TIMESTAMPTZ '2026-06-10 10:00:00+00' AS created_at,
                false AS is_complaint, 'email' AS channel, 'LDN' AS location_id
            """);

        _warehouse.Build();

        Assert.Equal(0.0, _warehouse.Kpi("complaint_rate", "month", "2026-06-01")!.Value);
        // May has orders but no ticket: the rate is unknown there.
        Assert.Null(_warehouse.Kpi("complaint_rate", "month", "2026-05-01"));
    }

    [Fact]
    public void Nps_SurveysCarryingCsatOnly_SaysNoNpsAnswers()
    {
        OneTimeBuyers();
        for (var i = 0; i < 40; i++)
        {
            _warehouse.Insert("surveys__responses", $"""
                SELECT 'r{i}' AS response_id, TIMESTAMPTZ '2026-06-{1 + i % 28:00} 10:00:00+00' AS responded_at, {1 + i % 5} AS csat_score
                """);
        }

        _warehouse.Build();

        Assert.NotNull(_warehouse.Kpi("csat", "month", "2026-06-01"));
        Assert.Null(_warehouse.Kpi("nps", "month", "2026-06-01"));
        Assert.Equal("no NPS answers in the surveys data", Missing("nps", "month", "2026-06-01"));
        Assert.Equal("no CES answers in the surveys data", Missing("ces", "month", "2026-06-01"));
    }

    [Fact]
    public void Churn_WithLessHistoryThanTheWindow_SaysHowMuchItNeedsAndHowMuchThereIs()
    {
        OneTimeBuyers();

        _warehouse.Build();

        Assert.Null(_warehouse.Kpi("churn_rate", "month", "2026-07-01"));
        Assert.Equal("needs a full churn window of order history before the period: 365 days; the data has 181",
            Missing("churn_rate", "month", "2026-07-01"));
        Assert.Equal("needs a full churn window of order history before the period: 365 days; the data has 181",
            Missing("retention_rate", "month", "2026-07-01"));
    }

    [Fact]
    public void Retention_WhereMostCustomersBuyOnce_HasAValueButNoStatus()
    {
        using var warehouse = new ModelFixture("benchmark:\n  churn_window_days: 30\n");
        var day = new DateOnly(2026, 1, 1);
        for (var i = 0; day <= new DateOnly(2026, 7, 10); i++, day = day.AddDays(1))
        {
            warehouse.Insert("crm__customers", $"SELECT 'c{i}' AS customer_id, 'LDN' AS location_id");
            warehouse.Insert("crm__orders", $"""
                SELECT 'o{i}' AS order_id, 'c{i}' AS customer_id,
                    TIMESTAMPTZ '{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 12:00:00+00' AS ordered_at,
                    true AS is_won, 100.0 AS amount, 'GBP' AS currency, 'LDN' AS location_id
                """);
        }

        warehouse.Build();

        var retention = warehouse.Rows("""
            SELECT value, no_status_reason FROM marts.kpi_values
            WHERE kpi = 'retention_rate' AND period_grain = 'month' AND period_start = DATE '2026-06-01' AND dimension = 'all'
            """).Single();
        Assert.NotNull(retention[0]);
        Assert.StartsWith("no status: most customers bought once", (string)retention[1]!, StringComparison.Ordinal);
        Assert.Null(warehouse.Scalar<string>("""
            SELECT status FROM marts.benchmark
            WHERE kpi = 'retention_rate' AND period_grain = 'month' AND period_start = DATE '2026-06-01' AND dimension = 'all'
            """));
        Assert.Equal(0.0, warehouse.Kpi("repeat_purchase_rate", "month", "2026-06-01")!.Value);
    }
}
