using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Kpis;

/// <summary>marts.benchmark computed by hand: target and tolerance, industry baseline, prior period, peers.</summary>
public sealed class BenchmarkTests : IDisposable
{
    // CSAT target 80 (the config overrides the registry's 85), tolerance 3; lower-is-better AHT target 360, tolerance 60.
    private readonly ModelFixture _warehouse = new("targets:\n  csat: 80\n");

    public void Dispose() => _warehouse.Dispose();

    private void Csat(string location, string day, params int[] scores)
    {
        var i = 0;
        foreach (var score in scores)
        {
            _warehouse.Insert("surveys__responses", $"""
                SELECT '{location}-{day}-{i++}' AS response_id, TIMESTAMPTZ '{day} 10:00:00+00' AS responded_at,
                    {score} AS csat_score, '{location}' AS location_id
                """);
        }
    }

    private object?[] Row(string kpi, string periodStart, string dimension, string value) => Assert.Single(_warehouse.Rows("""
        SELECT value, target, baseline, prior_value, delta, peer_rank, peer_count, peer_percentile, status, baseline_source
        FROM marts.benchmark
        WHERE kpi = $1 AND period_grain = 'week' AND period_start = CAST($2 AS DATE) AND dimension = $3 AND dimension_value = $4
        """, kpi, periodStart, dimension, value));

    [Fact]
    public void Benchmark_StatusPriorPeersAndBaseline()
    {
        Csat("LDN", "2026-10-27", 5, 5, 5, 1);      // week 44: 75
        Csat("LDN", "2026-11-03", 5, 5, 5, 5, 1);   // week 45: 80 (meets the target exactly)
        Csat("NYC", "2026-11-03", 5, 4, 4, 4, 1, 1); // 66.7: more than 3 points short
        Csat("SHA", "2026-11-04", 5, 5, 5, 5, 4, 4, 4, 4, 4, 1, 1, 1); // 75: short by 5
        Csat("SAO", "2026-11-04", 5, 5, 5, 5, 4, 4, 4, 1, 2); // 7 of 9: 77.8

        _warehouse.Build();

        var ldn = Row("csat", "2026-11-02", "location", "LDN");
        Assert.Equal((80.0, 80.0, 82.0), ((double)ldn[0]!, (double)ldn[1]!, (double)ldn[2]!));
        Assert.Equal((75.0, 5.0), ((double)ldn[3]!, (double)ldn[4]!));
        Assert.Equal("green", ldn[8]);
        Assert.StartsWith("Zendesk Benchmark Q3 2013", (string)ldn[9]!, StringComparison.Ordinal);
        // SAO 77.8: within 3 points of 80, amber. SHA 75: red. NYC 66.7: red.
        Assert.Equal("amber", Row("csat", "2026-11-02", "location", "SAO")[8]);
        Assert.Equal("red", Row("csat", "2026-11-02", "location", "SHA")[8]);
        // Peers of week 45 by location, best first: LDN 80, SAO 77.8, SHA 75, NYC 66.7.
        Assert.Equal([1, 2, 3, 4], new[] { "LDN", "SAO", "SHA", "NYC" }.Select(l => (int)Row("csat", "2026-11-02", "location", l)[5]!));
        Assert.Equal(4, (int)Row("csat", "2026-11-02", "location", "NYC")[6]!);
        Assert.Equal(100.0, (double)ldn[7]!);
        Assert.Equal(0.0, (double)Row("csat", "2026-11-02", "location", "NYC")[7]!);
        Assert.Equal(100.0 / 3, (double)Row("csat", "2026-11-02", "location", "SHA")[7]!, 9);
        // The whole: no peers; the first week has no prior.
        var all = Row("csat", "2026-11-02", "all", "all");
        Assert.Null(all[5]);
        Assert.Null(all[7]);
        Assert.Null(Row("csat", "2026-10-26", "all", "all")[3]);
    }

    [Fact]
    public void Benchmark_LowerIsBetter_RanksTheSmallestFirst()
    {
        void Call(string id, string location, double talk) => _warehouse.Insert("calls__calls", $"""
            SELECT '{id}' AS call_id, TIMESTAMPTZ '2026-11-03 10:00:00+00' AS initiated_at, true AS is_answered,
                5.0 AS queue_s, {talk.ToString(System.Globalization.CultureInfo.InvariantCulture)} AS talk_s,
                0.0 AS hold_s, 0.0 AS acw_s, '{location}' AS location_id
            """);
        Call("c1", "LDN", 300);
        Call("c2", "NYC", 400);
        Call("c3", "SHA", 500);

        _warehouse.Build();

        Assert.Equal((1, "green"), ((int)Row("aht_s", "2026-11-02", "location", "LDN")[5]!, (string)Row("aht_s", "2026-11-02", "location", "LDN")[8]!));
        Assert.Equal((2, "amber"), ((int)Row("aht_s", "2026-11-02", "location", "NYC")[5]!, (string)Row("aht_s", "2026-11-02", "location", "NYC")[8]!));
        Assert.Equal((3, "red"), ((int)Row("aht_s", "2026-11-02", "location", "SHA")[5]!, (string)Row("aht_s", "2026-11-02", "location", "SHA")[8]!));
        Assert.Equal(381.0, (double)Row("aht_s", "2026-11-02", "all", "all")[2]!);
    }
}
