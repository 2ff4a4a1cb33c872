using CxWarehouse.Reports.Formatting;
using CxWarehouse.Reports.Model;

namespace CxWarehouse.Reports.Html;

internal static partial class HtmlViewBuilder
{
    /// <summary>
    /// The weekly message's body: the headline KPIs with their margins, what changed (the significant changes in a
    /// table, the moves within noise in one line), what drives satisfaction, the follow-ups in counts, one line per
    /// benchmark and the data's health. Its only charts are the KPIs' sparklines, drawn by <paramref name="charts"/>.
    /// </summary>
    /// <param name="model">The report.</param>
    /// <param name="workbookName">The workbook attached to the message, or null.</param>
    /// <param name="reportName">The full HTML report attached to the message.</param>
    /// <param name="charts">Draws the sparklines (PNG images attached by Content-ID).</param>
    public static MailView BuildMail(ReportModel model, string? workbookName, string reportName, ChartRenderer charts)
    {
        var scorecard = model.Scorecard;
        var sources = scorecard
            .Where(s => s.Baseline is not null && s.BaselineSource.Length > 0)
            .Select(s => s.BaselineSource)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var kpis = scorecard.Where(s => s.HasData).Select(s => Tile(s, model, sources, charts)).ToList();
        var noise = model.Changes.Where(c => c.IsSignificant == false).ToList();
        var untested = model.Changes.Where(c => c.IsSignificant is null).ToList();
        var quality = DataQuality(model);
        return new MailView
        {
            Title = model.Title,
            PeriodLabel = model.Period.Label,
            PeriodRange = model.Period.DateRangeText,
            PriorLabel = model.PriorPeriod.Label,
            Generated = $"{KpiFormat.Timestamp(model.GeneratedAt)} {model.TimeZoneId}",
            WorkbookName = workbookName,
            ReportName = reportName,
            GreenCount = scorecard.Count(s => s.Status == KpiStatus.Green),
            AmberCount = scorecard.Count(s => s.Status == KpiStatus.Amber),
            RedCount = scorecard.Count(s => s.Status == KpiStatus.Red),
            NoDataCount = scorecard.Count(s => s.Value is null),
            FreshnessBanner = FreshnessBanner(model),
            HeadlineMissing = scorecard.Count == 0
                ? "not available: no KPI registry or KPI values configured"
                : kpis.Count == 0 ? $"not available: no KPI has a value for {model.Period.Label}" : null,
            Kpis = kpis,
            Unmeasured = kpis.Count > 0 ? Unmeasured(scorecard) : null,
            BaselineNotes = [.. sources.Select((text, i) => new FootnoteView
            {
                Mark = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Text = text,
            })],
            ChangesMissing = model.Changes.Count == 0
                ? $"not available: no KPI has values for both {model.Period.Label} and {model.PriorPeriod.Label}"
                : null,
            SignificantChanges = [.. model.Changes.Where(c => c.IsSignificant == true).Select(c => Change(c, model))],
            NoiseChanges = noise.Count == 0 ? null : MoveList(noise),
            NoiseCount = noise.Count,
            UntestedChanges = untested.Count == 0 ? null : MoveList(untested),
            Drivers = Drivers(model),
            FollowUps = FollowUps(model) is var followUps && followUps.Missing is null
                ? new FollowUpsView
                {
                    Missing = null,
                    Summary = followUps.Summary,
                    Items = [],
                    Owners = followUps.Owners,
                }
                : followUps,
            Benchmark = [.. model.Benchmarks.Select(d => new MailDimensionView
            {
                Name = System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(d.Key),
                Missing = d.Value.Count == 0 ? ReportModelBuilder.NotConfigured(d.Key) : null,
                Lines = [.. d.Value.Select(g => new MailBenchmarkLine
                {
                    KpiLabel = g.Kpi.Label,
                    Summary = GroupSummary([.. g.Entries.Where(e => e.Value is not null)], g.Kpi.Measure),
                })],
            })],
            DataQualitySummary = quality.Missing ?? quality.Summary,
            DataQualityColor = quality.Missing is null ? quality.SummaryColor : Palette.Muted,
        };
    }

    /// <summary>"NPS +1.0, CSAT +0.5 pts": changes in one line, in the marts' order.</summary>
    private static string MoveList(IEnumerable<ChangeEntry> changes) => string.Join(", ", changes.Select(c =>
        $"{c.Entry.Kpi.Label} {KpiFormat.Delta(c.Entry.Delta, c.Entry.Kpi.Measure)}"));
}
