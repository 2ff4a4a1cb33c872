using CxWarehouse.Generator.Catalog;

namespace CxWarehouse.Generator.Simulation;

/// <summary>One GA4 event as the sink serializes it.</summary>
internal sealed class WebEvent
{
    public required WebDevice Device { get; init; }
    public required string Name { get; init; }
    public required DateTime Utc { get; init; }
    public required long Micros { get; init; }
    public required long SessionId { get; init; }
    public required int SessionNumber { get; init; }
    public required string PageLocation { get; init; }
    public required string PageTitle { get; init; }
    public string? PageReferrer { get; init; }
    public long? EngagementMsec { get; init; }
    public bool Engaged { get; init; }
    public string? UserId { get; init; }
    public IReadOnlyList<Product>? Items { get; init; }
    public decimal[]? ItemPrices { get; init; }
    public string? TransactionId { get; init; }
    public decimal Value { get; init; }
    public string? LoginMethod { get; init; }
}
