using CxWarehouse.Reports.Data;
using CxWarehouse.Reports.Model;

namespace CxWarehouse.Reports.Tests.Model;

/// <summary>The report only reads the mart's status; the rules themselves are tested on marts.benchmark (Etl tests).</summary>
public sealed class KpiRulesTests
{
    [Theory]
    [InlineData("green", "Green")]
    [InlineData(" Amber ", "Amber")]
    [InlineData("red", "Red")]
    [InlineData(null, "None")]
    [InlineData("none", "None")]
    public void ParseStatus_TheMartsWord_Status(string? status, string expected) =>
        Assert.Equal(expected, KpiRules.ParseStatus(status).ToString());

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
