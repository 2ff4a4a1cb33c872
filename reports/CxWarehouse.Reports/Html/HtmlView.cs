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

    /// <summary>
    /// The KPIs without a value in the period, in one line saying what would enable them ("needs surveys data:
    /// NPS, CSAT; ..."); null when every KPI has one.
    /// </summary>
    public string? Unmeasured { get; init; }
    public required string? ChangesMissing { get; init; }
    public required IReadOnlyList<ChangeView> Changes { get; init; }
    public required IReadOnlyList<DimensionView> Benchmark { get; init; }
    public required string? TrendsMissing { get; init; }
    public required IReadOnlyList<TrendView> Trends { get; init; }
    public required IReadOnlyList<MissingKpiView> TrendsWithoutData { get; init; }
    public required VoiceView Voice { get; init; }
    public required DriversView Drivers { get; init; }
    public required FollowUpsView FollowUps { get; init; }
    public required EmergingView Emerging { get; init; }
    public required CompetitorsView Competitors { get; init; }
    public required DataQualityView DataQuality { get; init; }
    public required JourneyView Journey { get; init; }

    /// <summary>The stale-data banner at the top of the page; null when every stream was fresh.</summary>
    public required BannerView? FreshnessBanner { get; init; }

    /// <summary>Sources of the industry baselines on the tiles, numbered as the tiles cite them.</summary>
    public required IReadOnlyList<FootnoteView> BaselineNotes { get; init; }

    /// <summary>
    /// False: this is the page. The layout also frames the message's body (<see cref="MailView.IsMail"/>), without
    /// the <c>&lt;style&gt;</c> element Gmail's apps and Outlook drop.
    /// </summary>
    public bool IsMail => false;
}

internal sealed class BannerView
{
    public required string Headline { get; init; }
    public required string Details { get; init; }
    public required string Color { get; init; }
    public required string Background { get; init; }
}

internal sealed class FootnoteView
{
    public required string Mark { get; init; }
    public required string Text { get; init; }
}

internal sealed class JourneyView
{
    public required string Heading { get; init; }
    public required string? Note { get; init; }
    public required string? FunnelMissing { get; init; }
    public required RawHtml FunnelChart { get; init; }
    public required string? PathsMissing { get; init; }
    public required IReadOnlyList<PathView> BuyerPaths { get; init; }
    public required IReadOnlyList<PathView> NonBuyerPaths { get; init; }
    public required string? CohortsMissing { get; init; }
    public required IReadOnlyList<string> CohortColumns { get; init; }
    public required IReadOnlyList<CohortView> Cohorts { get; init; }
}

internal sealed class PathView
{
    public required string Path { get; init; }
    public required string Customers { get; init; }
    public required string Share { get; init; }
    public required string LastStage { get; init; }
    public required string MedianDays { get; init; }
}

internal sealed class CohortView
{
    public required string Month { get; init; }
    public required string Customers { get; init; }
    public required IReadOnlyList<CohortCellView> Cells { get; init; }
}

internal sealed class CohortCellView
{
    public required string Text { get; init; }
    public required string Color { get; init; }
    public required string Background { get; init; }
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

    /// <summary>The change alone, "+1.0" or "no value for 2026-W46" (the message's table names the prior period once).</summary>
    public string ChangeText { get; init; } = "";

    /// <summary>The value's 95% margin, "± 24.2"; empty where it has no interval.</summary>
    public string MarginText { get; init; } = "";

    /// <summary>The change's verdict: "significant", "within noise", or empty without one.</summary>
    public string DeltaVerdict { get; init; } = "";

    /// <summary>"industry 35.0", or null without a baseline.</summary>
    public required string? BaselineText { get; init; }

    /// <summary>Footnote mark citing the baseline's source, e.g. "1"; null without a source.</summary>
    public required string? BaselineMark { get; init; }

    /// <summary>The source in full, for the title attribute.</summary>
    public required string BaselineSource { get; init; }
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

    /// <summary>"significant at 95%", "within noise", or "no test (a median)" where the value has no interval.</summary>
    public string Significance { get; init; } = "";

    /// <summary>True for a change within noise or without a test: shown muted, after the real ones.</summary>
    public bool IsMuted { get; init; }
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

    /// <summary>True when the warehouse records no freshness verdict and the report estimated it.</summary>
    public required bool FreshnessEstimated { get; init; }

    /// <summary>Relations between streams with their orphans; empty when the warehouse counts none.</summary>
    public required IReadOnlyList<OrphanView> Orphans { get; init; }
}

internal sealed class OrphanView
{
    public required string Relation { get; init; }
    public required string Rows { get; init; }
    public required string Orphans { get; init; }
    public required string Share { get; init; }
    public required string Status { get; init; }
    public required string StatusColor { get; init; }
    public required string Message { get; init; }
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
    public required string Age { get; init; }
    public required string Freshness { get; init; }
    public required string FreshnessColor { get; init; }
}

internal sealed class DriversView
{
    public required string? Missing { get; init; }
    public required string Scope { get; init; }
    public required IReadOnlyList<DriverView> Drivers { get; init; }
}

internal sealed class DriverView
{
    public required string Rank { get; init; }
    public required string Driver { get; init; }
    public required string Frequency { get; init; }
    public required string NpsEffect { get; init; }
    public required string NpsInterval { get; init; }
    public required string CsatEffect { get; init; }
    public required string CsatInterval { get; init; }
    public required string Color { get; init; }
}

internal sealed class FollowUpsView
{
    public required string? Missing { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<FollowUpView> Items { get; init; }
    public required IReadOnlyList<FollowUpOwnerView> Owners { get; init; }
}

internal sealed class FollowUpView
{
    public required string Status { get; init; }
    public required string StatusColor { get; init; }
    public required string Kind { get; init; }
    public required string Owner { get; init; }
    public required string Due { get; init; }
    public required string Customer { get; init; }
    public required RawHtml Text { get; init; }
}

internal sealed class FollowUpOwnerView
{
    public required string Owner { get; init; }
    public required string Open { get; init; }
    public required string Overdue { get; init; }
    public required string Answered { get; init; }
}
