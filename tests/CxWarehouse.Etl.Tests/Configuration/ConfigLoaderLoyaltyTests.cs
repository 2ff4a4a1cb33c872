using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Tests.Configuration;

public sealed class ConfigLoaderLoyaltyTests
{
    private static CxConfig Parse(string yaml) =>
        ConfigLoader.Parse(Path.Combine(Path.GetTempPath(), "cxwarehouse.yml"), new StringReader(yaml));

    [Fact]
    public void Loyalty_Absent_UsesTheDefaultBands()
    {
        Assert.Equal(LoyaltySettings.DefaultTiers, Parse("project: x\n").Loyalty.Tiers);
    }

    [Fact]
    public void Loyalty_Tiers_AreOrderedBySpend()
    {
        var tiers = Parse("loyalty:\n  tiers: {Gold: 1000, Bronze: 0, Silver: 300}\n").Loyalty.Tiers;

        Assert.Equal(["Bronze", "Silver", "Gold"], tiers.Select(t => t.Name));
        Assert.Equal([0.0, 300.0, 1000.0], tiers.Select(t => t.MinSpend));
    }

    [Theory]
    [InlineData("loyalty:\n  tiers: {Bronze: 0, Silver: 0}\n", "cxwarehouse.yml:2:22: loyalty.tiers.Silver: two tiers start at the same spend (0)")]
    [InlineData("loyalty:\n  tiers: {Bronze: -5}\n", "cxwarehouse.yml:2:19: loyalty.tiers.Bronze: -5 is out of range")]
    [InlineData("loyalty:\n  bands: {Bronze: 0}\n", "cxwarehouse.yml:2:3: unknown key 'loyalty.bands'")]
    [InlineData("loyalty:\n  tiers: {}\n", "cxwarehouse.yml:2:3: loyalty.tiers: at least one tier is needed")]
    public void Loyalty_BadTiers_NameFileLineAndKey(string yaml, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => Parse(yaml));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }
}
