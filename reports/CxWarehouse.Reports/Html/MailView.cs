namespace CxWarehouse.Reports.Html;

/// <summary>
/// Root of the weekly message's body (<c>mail.sbn-html</c> in <c>_layout.sbn-html</c>), exposed as <c>report</c>:
/// the week at a glance, small enough that Gmail shows it whole (it clips a body over 102 KB). The full report is
/// attached as its HTML page and every figure is in the attached workbook.
/// </summary>
internal sealed class MailView
{
    public required string Title { get; init; }
    public required string PeriodLabel { get; init; }
    public required string PeriodRange { get; init; }
    public required string PriorLabel { get; init; }
    public required string Generated { get; init; }
    public required string? WorkbookName { get; init; }

    /// <summary>File name of the full HTML report attached to the message.</summary>
    public required string ReportName { get; init; }
    public required int GreenCount { get; init; }
    public required int AmberCount { get; init; }
    public required int RedCount { get; init; }
    public required int NoDataCount { get; init; }
    public required BannerView? FreshnessBanner { get; init; }
    public required string? HeadlineMissing { get; init; }

    /// <summary>The KPIs with a value in the period, one row each.</summary>
    public required IReadOnlyList<TileView> Kpis { get; init; }
    public required string? Unmeasured { get; init; }
    public required IReadOnlyList<FootnoteView> BaselineNotes { get; init; }
    public required string? ChangesMissing { get; init; }

    /// <summary>Changes significant at 95%, largest first.</summary>
    public required IReadOnlyList<ChangeView> SignificantChanges { get; init; }

    /// <summary>"Service level −1.0 pts, ..." : the moves within noise, in one line; null when there are none.</summary>
    public required string? NoiseChanges { get; init; }
    public required int NoiseCount { get; init; }

    /// <summary>The moves of values without a sampling interval (medians), in one line; null when there are none.</summary>
    public required string? UntestedChanges { get; init; }
    public required DriversView Drivers { get; init; }
    public required FollowUpsView FollowUps { get; init; }
    public required IReadOnlyList<MailDimensionView> Benchmark { get; init; }
    public required string DataQualitySummary { get; init; }
    public required string DataQualityColor { get; init; }

    /// <summary>Always true: the layout leaves out what mail clients drop.</summary>
    public bool IsMail => true;
}

/// <summary>A benchmark dimension in the message: one line per KPI, best and worst peer.</summary>
internal sealed class MailDimensionView
{
    public required string Name { get; init; }
    public required string? Missing { get; init; }
    public required IReadOnlyList<MailBenchmarkLine> Lines { get; init; }
}

internal sealed class MailBenchmarkLine
{
    public required string KpiLabel { get; init; }
    public required string Summary { get; init; }
}
