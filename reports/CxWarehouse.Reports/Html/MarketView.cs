namespace CxWarehouse.Reports.Html;

internal sealed class EmergingView
{
    public required string? Missing { get; init; }
    public required string Scope { get; init; }
    public required string? Nothing { get; init; }
    public required IReadOnlyList<EmergingTermView> Terms { get; init; }
}

internal sealed class EmergingTermView
{
    public required string Period { get; init; }
    public required string Term { get; init; }
    public required string Mentions { get; init; }
    public required string Share { get; init; }
    public required string BaselineShare { get; init; }
    public required string PValue { get; init; }
    public required RawHtml Example { get; init; }
}

internal sealed class CompetitorsView
{
    public required string? Missing { get; init; }
    public required string Scope { get; init; }
    public required IReadOnlyList<CompetitorView> Businesses { get; init; }
}

internal sealed class CompetitorView
{
    public required string Business { get; init; }
    public required bool IsOwn { get; init; }
    public required string Reviews { get; init; }
    public required string Rating { get; init; }
    public required string RatingVsOwn { get; init; }
    public required string RatingColor { get; init; }
    public required string ShareNegative { get; init; }
    public required string Sentiment { get; init; }
    public required string ResponseRate { get; init; }
    public required string TopTopics { get; init; }
}
