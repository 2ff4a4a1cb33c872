using System.Globalization;
using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Kpis;

/// <summary>
/// The 95% intervals of marts.kpi_values and the verdicts of marts.benchmark, each against a calculation written out
/// by hand here: NPS from the variance of the promoter and detractor shares, a share by Wilson, a mean by Student's
/// t, and a change or gap by the MOVER interval of the difference.
/// </summary>
public sealed class KpiIntervalTests : IDisposable
{
    private const double Z = 1.959963984540054;

    private readonly ModelFixture _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private void Responses(string day, string location, params (int Nps, int Csat, int Ces)[] answers)
    {
        var i = _warehouse.Scalar<long>("SELECT count(*) FROM fixture.surveys__responses");
        foreach (var (nps, csat, ces) in answers)
        {
            i++;
            _warehouse.Insert("surveys__responses", string.Create(CultureInfo.InvariantCulture, $"""
                SELECT 'r{i}' AS response_id, TIMESTAMPTZ '{day} 09:00:00+00' AS responded_at, 'IP Address' AS status,
                    true AS is_finished, {nps}::INTEGER AS nps_score, {csat}::INTEGER AS csat_score,
                    {ces}::INTEGER AS ces_score, '{location}' AS location_id
                """));
        }
    }

    private (double Low, double High, double Margin) Interval(string kpi, string week, string dimension = "all",
        string value = "all")
    {
        var row = _warehouse.Rows("""
            SELECT ci_low, ci_high, margin FROM marts.kpi_values
            WHERE kpi = $1 AND period_grain = 'week' AND period_start = CAST($2 AS DATE) AND dimension = $3
                AND dimension_value = $4
            """, kpi, week, dimension, value).Single();
        return ((double)row[0]!, (double)row[1]!, (double)row[2]!);
    }

    private (double Delta, double Low, double High, bool? Significant) Change(string kpi, string week)
    {
        var row = _warehouse.Rows("""
            SELECT delta, delta_low, delta_high, is_change_significant FROM marts.benchmark
            WHERE kpi = $1 AND period_grain = 'week' AND period_start = CAST($2 AS DATE) AND dimension = 'all'
            """, kpi, week).Single();
        return ((double)row[0]!, (double)row[1]!, (double)row[2]!, row[3] as bool?);
    }

    /// <summary>The Wilson score interval of k successes in n, by its formula.</summary>
    private static (double Low, double High) Wilson(int k, int n)
    {
        double p = (double)k / n, z2 = Z * Z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return (centre - half, centre + half);
    }

    [Fact]
    public void Intervals_OneWeekOfFiveAnswers_EqualTheHandCalculation()
    {
        // 2026-W45 (Monday 2026-11-02): NPS 10, 9, 8, 6, 0; CSAT 5, 4, 3, 2, 1; CES 7, 6, 5, 2, 1.
        Responses("2026-11-02", "LDN", (10, 5, 7), (9, 4, 6), (8, 3, 5), (6, 2, 2), (0, 1, 1));

        _warehouse.Build();

        // NPS: promoters p = 2/5, detractors d = 2/5. Var(NPS) = (p + d - (p - d)^2) / n = (0.8 - 0) / 5 = 0.16,
        // so the standard error is 100 * 0.4 = 40 points and the margin 1.96 * 40 = 78.4.
        var nps = Interval("nps", "2026-11-02");
        Assert.Equal(78.398559, nps.Margin, 5);
        Assert.Equal((-78.398559, 78.398559), (Math.Round(nps.Low, 6), Math.Round(nps.High, 6)));

        // CSAT: 2 of 5 top-2-box. Wilson: centre (0.4 + 3.8415/10) / (1 + 3.8415/5) = 0.44345, half-width
        // 1.96 * sqrt(0.4 * 0.6 / 5 + 3.8415 / 100) / 1.76829 = 0.32583: 11.76% to 76.93% (not centred on 40%).
        var csat = Interval("csat", "2026-11-02");
        Assert.Equal(11.7621, csat.Low, 3);
        Assert.Equal(76.9276, csat.High, 3);
        var (wilsonLow, wilsonHigh) = Wilson(2, 5);
        Assert.Equal(100 * wilsonLow, csat.Low, 9);
        Assert.Equal(100 * wilsonHigh, csat.High, 9);
        Assert.Equal((csat.High - csat.Low) / 2, csat.Margin, 9);

        // CES mean 4.2: squared deviations 7.84 + 3.24 + 0.64 + 4.84 + 10.24 = 26.8, s^2 = 26.8 / 4 = 6.7, standard
        // error sqrt(6.7 / 5) = 1.157584; t(0.975, 4 df) = 2.776445, so the margin is 3.213967.
        var ces = Interval("ces", "2026-11-02");
        Assert.Equal(3.213967, ces.Margin, 5);
        Assert.Equal(4.2 - 3.213967, ces.Low, 5);
        Assert.Equal(4.2 + 3.213967, ces.High, 5);

        // A location with one answer has a share (Wilson) interval but no mean interval (no variance from one).
        Responses("2026-11-03", "NYC", (9, 5, 6));
        _warehouse.Build();
        var single = _warehouse.Rows("""
            SELECT kpi, ci_low, ci_high FROM marts.kpi_values WHERE period_start = DATE '2026-11-02'
                AND period_grain = 'week' AND dimension = 'location' AND dimension_value = 'NYC' ORDER BY kpi
            """).ToDictionary(r => (string)r[0]!, r => (r[1] as double?, r[2] as double?));
        Assert.Null(single["ces"].Item1);
        Assert.Null(single["ces"].Item2);
        Assert.Equal(100 * Wilson(1, 1).Low, single["csat"].Item1!.Value, 9);
    }

    [Fact]
    public void Verdicts_ARealChangeAndANoisyOne_SignificantAndWithinNoise()
    {
        // Week 1 (2026-11-02): 40 answers, 30 promoters and 10 detractors (NPS +50); 12 of 20 CSAT top-2 on the
        // first twenty. Week 2 (2026-11-09): 10 promoters and 30 detractors (NPS -50); 14 of 20 CSAT top-2.
        var week1 = Enumerable.Range(0, 40).Select(i => (i < 30 ? 10 : 0, i < 12 ? 5 : i < 20 ? 2 : 4, 5)).ToArray();
        var week2 = Enumerable.Range(0, 40).Select(i => (i < 10 ? 9 : 3, i < 14 ? 4 : i < 20 ? 1 : 5, 5)).ToArray();
        Responses("2026-11-02", "LDN", week1);
        Responses("2026-11-09", "LDN", week2);

        _warehouse.Build();

        // NPS: each week p + d = 1 and (p - d)^2 = 0.25, so Var = 0.75 / 40 and the margin 1.96 * 100 * 0.136931
        // = 26.8379 a week; the change -100 has the margin sqrt(2) * 26.8379 = 37.9545: -137.95 to -62.05, real.
        var nps = Change("nps", "2026-11-09");
        var weekMargin = Z * 100 * Math.Sqrt(0.75 / 40);
        Assert.Equal(26.837912, weekMargin, 5);
        Assert.Equal(-100, nps.Delta, 9);
        Assert.Equal(-100 - Math.Sqrt(2) * weekMargin, nps.Low, 6);
        Assert.Equal(-100 + Math.Sqrt(2) * weekMargin, nps.High, 6);
        Assert.True(nps.Significant);

        // CSAT over 40 answers a week: 12 + 20 = 32 of 40 (80%), then 14 + 20 = 34 of 40 (85%). Newcombe: with
        // Wilson intervals (l1, u1) of week 2 and (l0, u0) of week 1, the change +5 points runs from
        // 5 - sqrt((85 - l1)^2 + (u0 - 80)^2) to 5 + sqrt((u1 - 85)^2 + (80 - l0)^2): about -12.0 to +21.8, noise.
        var (l0, u0) = Wilson(32, 40);
        var (l1, u1) = Wilson(34, 40);
        var csat = Change("csat", "2026-11-09");
        Assert.Equal(5, csat.Delta, 9);
        Assert.Equal(5 - Math.Sqrt(Math.Pow(85 - 100 * l1, 2) + Math.Pow(100 * u0 - 80, 2)), csat.Low, 9);
        Assert.Equal(5 + Math.Sqrt(Math.Pow(100 * u1 - 85, 2) + Math.Pow(80 - 100 * l0, 2)), csat.High, 9);
        Assert.InRange(csat.Low, -12.5, -11.5);
        Assert.InRange(csat.High, 21.5, 22.0);
        Assert.False(csat.Significant);

        // The first week has no prior: no change and no verdict, never a "within noise".
        var first = _warehouse.Rows("""
            SELECT delta, is_change_significant FROM marts.benchmark
            WHERE kpi = 'nps' AND period_grain = 'week' AND period_start = DATE '2026-11-02' AND dimension = 'all'
            """).Single();
        Assert.Null(first[0]);
        Assert.Null(first[1]);
    }

    [Fact]
    public void PeerGap_AUnitAgainstTheWholeBusiness_JudgedByTheIntervalOfTheDifference()
    {
        // One week: LDN 20 answers all promoters (NPS 100), NYC 20 answers half promoters, half passives (NPS 50).
        Responses("2026-11-02", "LDN", [.. Enumerable.Repeat((10, 5, 7), 20)]);
        Responses("2026-11-02", "NYC", [.. Enumerable.Range(0, 20).Select(i => (i < 10 ? 9 : 7, 5, 7))]);

        _warehouse.Build();

        var rows = _warehouse.Rows("""
            SELECT dimension_value, peer_gap, peer_gap_low, peer_gap_high, is_peer_gap_significant, peer_rank
            FROM marts.benchmark WHERE kpi = 'nps' AND period_grain = 'week' AND period_start = DATE '2026-11-02'
                AND dimension = 'location' ORDER BY dimension_value
            """);
        // The whole business: 30 promoters of 40, NPS 75, Var = (0.75 - 0.5625) / 40; LDN has no spread (margin 0),
        // so its gap +25 has the business's margin alone: 1.96 * 100 * sqrt(0.1875 / 40) = 13.42, significant.
        var overallMargin = Z * 100 * Math.Sqrt((0.75 - 0.75 * 0.75) / 40);
        Assert.Equal("LDN", rows[0][0]);
        Assert.Equal(25, (double)rows[0][1]!, 9);
        Assert.Equal(25 - overallMargin, (double)rows[0][2]!, 9);
        Assert.Equal(true, rows[0][4]);
        Assert.Equal(1, rows[0][5]);
        // NYC: NPS 50, Var = (0.5 - 0.25) / 20, margin 1.96 * 100 * sqrt(0.0125) = 21.91; gap -25 with the margin
        // sqrt(21.91^2 + 13.42^2) = 25.70: -50.70 to +0.70, within noise.
        var nycMargin = Z * 100 * Math.Sqrt(0.25 / 20);
        var gapMargin = Math.Sqrt(nycMargin * nycMargin + overallMargin * overallMargin);
        Assert.Equal(-25, (double)rows[1][1]!, 9);
        Assert.Equal(-25 - gapMargin, (double)rows[1][2]!, 9);
        Assert.Equal(-25 + gapMargin, (double)rows[1][3]!, 9);
        Assert.Equal(false, rows[1][4]);
    }
}
