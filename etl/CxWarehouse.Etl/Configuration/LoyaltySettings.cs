namespace CxWarehouse.Etl.Configuration;

/// <summary>One loyalty tier by trailing-12-month spend: customers spending at least <see cref="MinSpend"/>.</summary>
public sealed record LoyaltyTier(string Name, double MinSpend);

/// <summary>
/// Loyalty tiers for customers the CRM's loyalty programme does not cover: bands of spend over the trailing 12
/// months, in the reporting currency.
/// </summary>
public sealed record LoyaltySettings
{
    public static readonly IReadOnlyList<LoyaltyTier> DefaultTiers =
        [new("Bronze", 0), new("Silver", 500), new("Gold", 1500)];

    public IReadOnlyList<LoyaltyTier> Tiers { get; init; } = DefaultTiers;
}
