using System.Globalization;
using CxWarehouse.Reports.Excel;
using CxWarehouse.Reports.Formatting;
using CxWarehouse.Reports.Model;
using CxWarehouse.Reports.Privacy;

namespace CxWarehouse.Reports.Html;

/// <summary>Emerging topics and the competitor comparison.</summary>
internal static partial class HtmlViewBuilder
{
    public const int MaxEmerging = 8;

    private static EmergingView Emerging(ReportModel model)
    {
        if (model.EmergingTopics is not { } terms)
        {
            return new EmergingView
            {
                Missing = ReportModelBuilder.NotConfigured("review or survey comment"),
                Scope = "",
                Nothing = null,
                Terms = [],
            };
        }

        var show = model.ShowPersonalData;
        return new EmergingView
        {
            Missing = null,
            Scope = "Terms and phrases of negative feedback (negative or low-rated reviews, detractors' and low-CSAT "
                + "comments) mentioned by a larger share of it than in the prior 8 weeks (3 months for a month): "
                + "a one-sided two-proportion test at a 5% false discovery rate, at least 5 mentions.",
            Nothing = terms.Count == 0
                ? $"No term rose significantly in {model.Period.Label} or its month."
                : null,
            Terms = [.. terms.Take(MaxEmerging).Select(t => new EmergingTermView
            {
                Period = t.Grain == ReportPeriod.WeekGrain
                    ? $"week of {KpiFormat.Date(t.PeriodStart)}"
                    : t.PeriodStart.ToString("MMM yyyy", CultureInfo.InvariantCulture),
                Term = t.Term,
                Mentions = $"{KpiFormat.Count(t.Mentions)} of {KpiFormat.Count(t.NegativeTexts)}",
                Share = KpiFormat.Fraction(t.Share),
                BaselineShare = KpiFormat.Fraction(t.BaselineShare),
                PValue = t.PValue is { } p
                    ? p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture)
                    : KpiFormat.Missing,
                Example = HtmlText.Linkify(SafeCell.Truncate(show ? t.Example : PersonalDataMask.FreeText(t.Example),
                    300)),
            })],
        };
    }

    private static CompetitorsView Competitors(ReportModel model)
    {
        var all = model.Competitors?.Where(c => c.Unit == "all").ToList();
        if (all is not { Count: > 0 })
        {
            return new CompetitorsView
            {
                Missing = model.Competitors is null
                    ? ReportModelBuilder.NotConfigured("review")
                    : "not available: no competitor reviews this month (mark a reviews source competitor: <name> in "
                        + "cxwarehouse.yml)",
                Scope = "",
                Businesses = [],
            };
        }

        static string Signed(double? value, string format) =>
            value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : KpiFormat.Missing;
        return new CompetitorsView
        {
            Missing = null,
            Scope = $"{all[0].PeriodStart.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}, all locations, from "
                + "review sites. Negative: rated 1-2 (unrated: a negative text). Per location in the workbook.",
            Businesses = [.. all.Select(c => new CompetitorView
            {
                Business = c.Business,
                IsOwn = c.IsOwn,
                Reviews = KpiFormat.Count(c.Reviews) + (c.IsLowSample ? " (few)" : ""),
                Rating = Signed(c.MeanRating, "0.00"),
                RatingVsOwn = c.IsOwn ? "" : Signed(c.RatingVsOwn, "+0.00;-0.00;0.00"),
                // A competitor rated above the business is the threat: red; below it, green.
                RatingColor = c.IsOwn || c.RatingVsOwn is null or 0 ? "#374151"
                    : c.RatingVsOwn > 0 ? Palette.Red : Palette.Green,
                ShareNegative = KpiFormat.Fraction(c.ShareNegative),
                Sentiment = Signed(c.MeanSentiment, "+0.00;-0.00;0.00"),
                ResponseRate = KpiFormat.Fraction(c.ResponseRate),
                TopTopics = c.TopTopics.Replace('_', ' '),
            })],
        };
    }
}
