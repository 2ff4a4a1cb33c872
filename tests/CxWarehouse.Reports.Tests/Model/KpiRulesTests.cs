using CxWarehouse.Reports.Data;
using CxWarehouse.Reports.Model;

namespace CxWarehouse.Reports.Tests.Model;

public sealed class KpiRulesTests
{
    [Theory]
    [InlineData(85.0, 80.0, 5.0, true, "Green")]
    [InlineData(80.0, 80.0, 5.0, true, "Green")]
    [InlineData(75.0, 80.0, 5.0, true, "Amber")]
    [InlineData(74.9, 80.0, 5.0, true, "Red")]
    [InlineData(290.0, 300.0, 30.0, false, "Green")]
    [InlineData(330.0, 300.0, 30.0, false, "Amber")]
    [InlineData(331.0, 300.0, 30.0, false, "Red")]
    [InlineData(79.0, 80.0, null, true, "Red")]
    public void Status_TargetAndTolerance_TrafficLight(
        double value, double target, double? tolerance, bool higherIsBetter, string expected) =>
        Assert.Equal(expected, KpiRules.Status(value, target, tolerance, higherIsBetter).ToString());

    [Fact]
    public void Status_NoTargetOrNoValue_None()
    {
        Assert.Equal(KpiStatus.None, KpiRules.Status(50, null, 5, true));
        Assert.Equal(KpiStatus.None, KpiRules.Status(null, 50, 5, true));
    }

    [Fact]
    public void PeerPercentile_DirectionAware_BestIs100()
    {
        double[] peers = [10, 20, 30];

        Assert.Equal(100, KpiRules.PeerPercentile(30, peers, higherIsBetter: true));
        Assert.Equal(0, KpiRules.PeerPercentile(30, peers, higherIsBetter: false));
        Assert.Equal(50, KpiRules.PeerPercentile(20, peers, higherIsBetter: true));
        Assert.Null(KpiRules.PeerPercentile(20, [20], higherIsBetter: true));
    }

    [Fact]
    public void Improvement_RoundsToZero_Flat()
    {
        var rating = new KpiDefinition("r", "R", "", "score", "higher", "", "", null, null, null, 1);
        var aht = new KpiDefinition("a", "A", "", "seconds", "lower", "", "", null, null, null, 2);

        Assert.Equal(0, KpiRules.Improvement(0.02, rating));
        Assert.Equal(1, KpiRules.Improvement(0.2, rating));
        Assert.Equal(-1, KpiRules.Improvement(3, aht));
        Assert.Equal(1, KpiRules.Improvement(-3, aht));
    }
}
