namespace CxWarehouse.Etl.Configuration;

/// <summary>The <c>loyalty:</c> section: spend bands that give a tier where the CRM has no loyalty programme.</summary>
public static partial class ConfigLoader
{
    private static LoyaltySettings ReadLoyalty(YamlReader yaml)
    {
        if (yaml.Map("loyalty") is not { } loyalty)
        {
            return new LoyaltySettings();
        }
        loyalty.OnlyKeys("tiers");
        if (loyalty.Map("tiers") is not { } tiers)
        {
            throw loyalty.Error("tiers", "expected tier names with the trailing-12-month spend each starts at, "
                + "such as { Bronze: 0, Silver: 500, Gold: 1500 }");
        }
        var list = new List<LoyaltyTier>();
        foreach (var (name, _, _) in tiers.Entries())
        {
            var spend = tiers.Number<double>(name, 0, double.MaxValue) ?? throw tiers.Error(name, "a spend is required");
            if (list.Any(t => t.MinSpend == spend))
            {
                throw tiers.Error(name, $"two tiers start at the same spend ({spend})");
            }
            list.Add(new LoyaltyTier(name, spend));
        }
        if (list.Count == 0)
        {
            throw loyalty.Error("tiers", "at least one tier is needed");
        }
        return new LoyaltySettings { Tiers = list.OrderBy(t => t.MinSpend).ToList() };
    }
}
