using CxWarehouse.Generator.Catalog;

namespace CxWarehouse.Generator.Simulation;

/// <summary>A marketing campaign (Salesforce Campaign) that persons can be attributed to.</summary>
internal sealed class CampaignInfo
{
    public string Id { get; set; } = "";
    public required string Name { get; init; }
    public required string Type { get; init; }
    public Location? Location { get; init; }
    public required DateOnly StartDate { get; init; }
    public required DateOnly EndDate { get; init; }
    public required decimal Budget { get; init; }
    public required decimal Actual { get; init; }
    public required string Currency { get; init; }
    public required string Status { get; init; }
    public required DateTime Created { get; init; }
    public required DateTime Modified { get; init; }
    public Segment? Segment { get; init; }
}
