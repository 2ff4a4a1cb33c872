using CxWarehouse.Generator.Catalog;

namespace CxWarehouse.Generator.Simulation;

/// <summary>A review on Google Business Profile or Dianping.</summary>
internal sealed class ReviewRecord
{
    public required Location Location { get; init; }
    public required string ReviewId { get; init; }
    public required string DisplayName { get; init; }
    public bool IsAnonymous { get; init; }
    public string ProfilePhotoUrl { get; init; } = "";
    public required int Stars { get; init; }
    public int AccurateStar { get; init; }
    public int[] SubScores { get; init; } = [];
    public string? Comment { get; init; }
    public required DateTime Created { get; init; }
    public required DateTime Updated { get; init; }
    public int FractionDigits { get; init; }
    public int ExtraNanos { get; init; }
    public string? ReplyComment { get; init; }
    public DateTime? ReplyUpdated { get; init; }
    public string ConsumeOrderId { get; init; } = "";
}
