using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Kpis;

/// <summary>NPS, CSAT and CES computed by hand on a few responses and compared with marts.kpi_values.</summary>
public sealed class SurveyKpiTests : IDisposable
{
    private readonly ModelFixture _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private void Responses(params (string Id, string At, int? Nps, int? Csat, int? Ces, string? Location)[] rows)
    {
        foreach (var (id, at, nps, csat, ces, location) in rows)
        {
            _warehouse.Insert("surveys__responses", $"""
                SELECT '{id}' AS response_id, TIMESTAMPTZ '{at}' AS responded_at, 'IP Address' AS status, true AS is_finished,
                    {Sql(nps)}::INTEGER AS nps_score, {Sql(csat)}::INTEGER AS csat_score, {Sql(ces)}::INTEGER AS ces_score,
                    {(location is null ? "NULL" : $"'{location}'")} AS location_id
                """);
        }
    }

    private static string Sql(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL";

    [Fact]
    public void Nps_PromotersMinusDetractorsOverResponses_PerWeekMonthAndLocation()
    {
        // ISO week 2026-W45 starts Monday 2026-11-02. Promoters 10, 9; passive 8; detractors 6, 0.
        Responses(
            ("r1", "2026-11-02 09:00:00+00", 10, 5, 7, "LDN"),
            ("r2", "2026-11-03 09:00:00+00", 9, 4, 6, "LDN"),
            ("r3", "2026-11-04 09:00:00+00", 8, 3, 5, "LDN"),
            ("r4", "2026-11-05 09:00:00+00", 6, 2, 2, "NYC"),
            ("r5", "2026-11-08 23:59:59+00", 0, 1, 1, "NYC"),
            ("r6", "2026-11-09 00:00:00+00", null, 5, null, "NYC")); // next week; no NPS answer

        _warehouse.Build();

        var week = _warehouse.Kpi("nps", "week", "2026-11-02")!;
        Assert.Equal(0.0, week.Value); // 100 * (2 - 2) / 5
        Assert.Equal((0.0, 5.0, 5L), (week.Numerator!.Value, week.Denominator!.Value, week.N));
        Assert.True(week.IsLowSample);
        Assert.Equal(100.0 * 2 / 3, _warehouse.Kpi("nps", "week", "2026-11-02", "location", "LDN")!.Value!.Value, 9); // 2 promoters, 1 passive
        Assert.Equal(-100.0, _warehouse.Kpi("nps", "week", "2026-11-02", "location", "NYC")!.Value); // all detractors
        Assert.Null(_warehouse.Kpi("nps", "week", "2026-11-09")); // no NPS answers: no row, not a zero
        Assert.Equal(40.0, _warehouse.Kpi("csat", "week", "2026-11-02")!.Value); // 5 and 4 of 5, 4, 3, 2, 1
        Assert.Equal(3.0, _warehouse.Kpi("csat_mean", "week", "2026-11-02")!.Value);
        Assert.Equal(4.2, _warehouse.Kpi("ces", "week", "2026-11-02")!.Value!.Value, 9); // (7+6+5+2+1)/5
        Assert.Equal(60.0, _warehouse.Kpi("ces_easy_pct", "week", "2026-11-02")!.Value); // 7, 6, 5 of five
        var month = _warehouse.Kpi("csat", "month", "2026-11-01")!;
        Assert.Equal((3.0, 6.0), (month.Numerator!.Value, month.Denominator!.Value)); // r6's 5 joins in the month
    }
}
