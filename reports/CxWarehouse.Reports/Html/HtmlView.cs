namespace CxWarehouse.Reports.Html;

// The objects the Scriban templates see (as snake_case members). Every string here is untrusted as far as
// the templates are concerned: EscapingTemplateContext escapes it on output. Only RawHtml is markup.

/// <summary>Root of the template model, exposed as <c>report</c>.</summary>
internal sealed class HtmlReportView
{
    public required string Title { get; init; }
    public required string PeriodLabel { get; init; }
    public required string PeriodRange { get; init; }
    public required string PriorLabel { get; init; }
    public required string Grain { get; init; }
    public required string Generated { get; init; }

    /// <summary>File name of the workbook written alongside, or null when none is written.</summary>
    public required string? WorkbookName { get; init; }
    public required int GreenCount { get; init; }
    public required int AmberCount { get; init; }
    public required int RedCount { get; init; }
    public required int NoDataCount { get; init; }
    public required string? HeadlineMissing { get; init; }
    public required IReadOnlyList<IReadOnlyList<TileView>> TileRows { get; init; }
    public required string? ChangesMissing { get; init; }
    public required IReadOnlyList<ChangeView> Changes { get; init; }
    public required IReadOnlyList<DimensionView> Benchmark { get; init; }
    public required string? TrendsMissing { get; init; }
    public required IReadOnlyList<TrendView> Trends { get; init; }
    public required IReadOnlyList<MissingKpiView> TrendsWithoutData { get; init; }
    public required VoiceView Voice { get; init; }
    public required DataQualityView DataQuality { get; init; }
}

internal sealed class TileView
{
    public required string Label { get; init; }
    public required string Value { get; init; }
    public required string StatusText { get; init; }
    public required string StatusColor { get; init; }
    public required string StatusBackground { get; init; }
    public required string TargetText { get; init; }
    public required string DeltaArrow { get; init; }
    public required string DeltaText { get; init; }
    public required string DeltaColor { get; init; }
    public required string SampleText { get; init; }
    public required bool LowSample { get; init; }
    public required string? Missing { get; init; }
    public required RawHtml Sparkline { get; init; }
}

internal sealed class ChangeView
{
    public required string Label { get; init; }
    public required string Prior { get; init; }
    public required string Value { get; init; }
    public required string Arrow { get; init; }
    public required string Delta { get; init; }
    public required string Color { get; init; }
    public required string Verdict { get; init; }
    public required string? StatusChange { get; init; }
}

internal sealed class DimensionView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string? Missing { get; init; }
    public required IReadOnlyList<BenchmarkGroupView> Groups { get; init; }
}

internal sealed class BenchmarkGroupView
{
    public required string KpiLabel { get; init; }
    public required string Summary { get; init; }
    public required string? Note { get; init; }
    public required RawHtml Chart { get; init; }
}

internal sealed class TrendView
{
    public required string Label { get; init; }
    public required string Latest { get; init; }
    public required string Change { get; init; }
    public required string ChangeColor { get; init; }
    public required RawHtml Chart { get; init; }
}

internal sealed class MissingKpiView
{
    public required string Label { get; init; }
    public required string Missing { get; init; }
}

internal sealed class VoiceView
{
    public required string? Missing { get; init; }
    public required IReadOnlyList<TopicView> Topics { get; init; }
    public required IReadOnlyList<QuoteView> Quotes { get; init; }
}

internal sealed class TopicView
{
    public required string Topic { get; init; }
    public required string Location { get; init; }
    public required string Mentions { get; init; }
    public required string ShareNegative { get; init; }
    public required RawHtml Bar { get; init; }
}

internal sealed class QuoteView
{
    public required string Topic { get; init; }
    public required string Location { get; init; }
    public required RawHtml Text { get; init; }
}

internal sealed class DataQualityView
{
    public required string? Missing { get; init; }
    public required string RunText { get; init; }
    public required string Summary { get; init; }
    public required string SummaryColor { get; init; }
    public required IReadOnlyList<StreamView> Streams { get; init; }
}

internal sealed class StreamView
{
    public required string Name { get; init; }
    public required string Message { get; init; }
    public required string Status { get; init; }
    public required string Read { get; init; }
    public required string Loaded { get; init; }
    public required string Quarantined { get; init; }
    public required string Deduplicated { get; init; }
    public required string Reconciliation { get; init; }
    public required string ReconciliationColor { get; init; }
    public required string LatestRecord { get; init; }
    public required string Freshness { get; init; }
    public required string FreshnessColor { get; init; }
}
