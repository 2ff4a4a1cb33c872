using CxWarehouse.Generator.Catalog;

namespace CxWarehouse.Generator.Simulation;

/// <summary>One browser on one device: a GA4 user_pseudo_id with its first acquisition.</summary>
internal sealed class WebDevice
{
    public required Location Location { get; init; }
    public required string Category { get; init; }
    public required string OperatingSystem { get; init; }
    public required string Browser { get; init; }
    public string PseudoId { get; set; } = "";
    public long FirstTouchMicros { get; set; }
    public string SourceName { get; set; } = "(direct)";
    public string SourceMedium { get; set; } = "(none)";
    public string Source { get; set; } = "(direct)";
    public int Sessions { get; set; }
    public string? UserId { get; set; }
    public DateTime LastActivity { get; set; }
}
