using CxWarehouse.Cli.Bench;

namespace CxWarehouse.Cli.Tests;

/// <summary>The benchmark's goals, judged from stage timings given by hand.</summary>
public sealed class BenchReportTests
{
    private static ScaleResult Scale(double scale, double[] floor, double[] extract, double build, double report,
        double peakMb)
    {
        var n = floor.Length;
        StageResult Stage(string name, double[] seconds, double rss) =>
            new(name, seconds, Enumerable.Repeat(rss, n).ToList(), 1000, 1000);
        var builds = Enumerable.Repeat(build, n).ToArray();
        var reports = Enumerable.Repeat(report, n).ToArray();
        var whole = Enumerable.Range(0, n).Select(i => extract[i] + build + report).ToArray();
        return new ScaleResult(scale, 1, 1000, 1000,
        [
            Stage("floor (DuckDB read → Parquet)", floor, double.NaN),
            Stage("extract", extract, peakMb / 2),
            Stage("build", builds, peakMb),
            Stage("report", reports, 100),
            Stage("run + report", whole, peakMb),
        ], []);
    }

    [Fact]
    public void Goals_RatiosArePairByPair_SoDriftBetweenRepetitionsCancels()
    {
        // Each repetition's extraction against the floor measured beside it: 0.8x, 1.5x and 0.5x, so 0.8x; the
        // medians of the two columns alone (20 s and 20 s) would say 1.0x.
        var result = Scale(10, floor: [10, 30, 20], extract: [12.5, 20, 40], build: 1, report: 1, peakMb: 500);

        var goals = BenchReport.Goals([result]);

        var speed = goals.Single(g => g.Goal == "extraction rows/s relative to the floor");
        Assert.Equal(0.8, speed.Measured, 6);
        Assert.True(speed.Met);
    }

    [Fact]
    public void Goals_TwoScales_JudgeGrowthAndMemory()
    {
        var small = Scale(10, floor: [10], extract: [10], build: 5, report: 1, peakMb: 700);
        var large = Scale(100, floor: [80], extract: [120], build: 60, report: 2.5, peakMb: 1600);

        var goals = BenchReport.Goals([small, large]).ToDictionary(g => (g.Goal, g.Scale));

        Assert.False(goals[("extraction rows/s relative to the floor", "100")].Met); // 80 / 120 = 0.67
        Assert.True(goals[("extraction rows/s relative to the floor", "10")].Met);
        Assert.Equal(182.5 / 80, goals[("run + report time relative to the floor", "100")].Measured, 6);
        Assert.True(goals[("run + report time relative to the floor", "100")].Met);
        var growth = goals[("run + report time growth (linear is 10x)", "100 vs 10")];
        Assert.Equal(182.5 / 16, growth.Measured, 6);
        Assert.Equal(11, growth.Limit);
        Assert.False(growth.Met);
        Assert.False(goals[("peak memory growth", "100 vs 10")].Met); // 1600 / 700
        Assert.True(goals[("peak memory (RSS) of any stage", "100")].Met);
        Assert.True(goals[("report rendering, slowest repetition", "100")].Met);
    }
}
