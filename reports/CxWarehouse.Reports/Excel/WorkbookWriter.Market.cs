using System.Globalization;
using CxWarehouse.Reports.Formatting;
using CxWarehouse.Reports.Model;
using CxWarehouse.Reports.Privacy;

namespace CxWarehouse.Reports.Excel;

/// <summary>The Emerging topics and Competitors sheets.</summary>
internal static partial class WorkbookWriter
{
    private static void Emerging(ReportModel model, SheetWriter sheet)
    {
        sheet.Title($"{model.Title} — emerging topics", Subtitle(model),
            "Terms and phrases of negative feedback mentioned by a larger share of it than in the prior 8 weeks (3 "
            + "months for a month): one-sided two-proportion z-test, 5% false discovery rate (Benjamini-Hochberg), "
            + "at least 5 mentions; all locations. The report period, and for a week also its month. "
            + (model.ShowPersonalData ? "Personal data shown in full." : "Examples masked."));
        sheet.Header("Grain", "Period", "Term", "Mentions", "Negative texts", "Share", "Share before", "z", "p",
            "Example");
        var row = SheetWriter.FirstDataRow;
        if (model.EmergingTopics is not { } terms)
        {
            sheet.NotAvailable(row, 1, ReportModelBuilder.NotConfigured("review or survey comment"));
            sheet.Finish();
            return;
        }

        if (terms.Count == 0)
        {
            sheet.Text(row, 1, $"No term rose significantly in {model.Period.Label} or its month.");
            sheet.Finish(autoFilter: false);
            return;
        }

        foreach (var term in terms)
        {
            sheet.Text(row, 1, term.Grain);
            sheet.Date(row, 2, term.PeriodStart.ToDateTime(TimeOnly.MinValue), DateFormat,
                KpiFormat.Date(term.PeriodStart));
            sheet.Text(row, 3, term.Term);
            sheet.Count(row, 4, term.Mentions);
            sheet.Count(row, 5, term.NegativeTexts);
            sheet.Number(row, 6, term.Share, "0%", KpiFormat.Fraction(term.Share));
            sheet.Number(row, 7, term.BaselineShare, "0%", KpiFormat.Fraction(term.BaselineShare));
            sheet.Number(row, 8, term.Z, "0.00", term.Z is { } z ? z.ToString("0.00", CultureInfo.InvariantCulture) : KpiFormat.Missing);
            sheet.Number(row, 9, term.PValue, "0.0000",
                term.PValue is { } p ? p.ToString("0.0000", CultureInfo.InvariantCulture) : KpiFormat.Missing);
            sheet.Text(row, 10, SafeCell.Truncate(
                model.ShowPersonalData ? term.Example : PersonalDataMask.FreeText(term.Example), 2_000));
            row++;
        }

        sheet.Finish();
    }

    private static void Competitors(ReportModel model, SheetWriter sheet)
    {
        var month = model.Competitors is { Count: > 0 } c
            ? c[0].PeriodStart.ToString("MMMM yyyy", CultureInfo.InvariantCulture) + ", "
            : "";
        sheet.Title($"{model.Title} — beside the competitors", Subtitle(model),
            $"{month}from review sites: the business and each competitor (reviews sources marked competitor:), all "
            + "locations and each location a competitor's shop is mapped to. Negative: rated 1-2 (unrated: a negative "
            + "text). Rating vs ours: the business's mean rating minus ours.");
        sheet.Header("Location", "Business", "Ours", "Reviews", "Mean rating", "Rating vs ours", "Rank", "Negative",
            "Sentiment", "Response rate", "Top topics", "Low sample");
        var row = SheetWriter.FirstDataRow;
        if (model.Competitors is not { Count: > 0 } businesses)
        {
            sheet.NotAvailable(row, 1, model.Competitors is null
                ? ReportModelBuilder.NotConfigured("review")
                : "not available: no competitor reviews this month (mark a reviews source competitor: <name> in "
                    + "cxwarehouse.yml)");
            sheet.Finish();
            return;
        }

        foreach (var b in businesses)
        {
            sheet.Text(row, 1, b.Unit);
            sheet.Text(row, 2, b.Business);
            sheet.Text(row, 3, b.IsOwn ? "yes" : "no");
            sheet.Count(row, 4, b.Reviews);
            sheet.Number(row, 5, b.MeanRating, "0.00", Fixed(b.MeanRating, "0.00"));
            sheet.Number(row, 6, b.RatingVsOwn, "+0.00;-0.00;0.00", Fixed(b.RatingVsOwn, "+0.00;-0.00;0.00"));
            sheet.Text(row, 7, b.RatingRank is { } rank ? $"{rank} of {b.Businesses}" : KpiFormat.Missing);
            sheet.Number(row, 8, b.ShareNegative, "0%", KpiFormat.Fraction(b.ShareNegative));
            sheet.Number(row, 9, b.MeanSentiment, "+0.00;-0.00;0.00", Fixed(b.MeanSentiment, "+0.00;-0.00;0.00"));
            sheet.Number(row, 10, b.ResponseRate, "0%", KpiFormat.Fraction(b.ResponseRate));
            sheet.Text(row, 11, b.TopTopics.Replace('_', ' '));
            sheet.Text(row, 12, b.IsLowSample ? "yes" : "no");
            if (b.IsOwn)
            {
                sheet.Sheet.Range(row, 1, row, 12).Style.Font.SetBold(true);
            }
            row++;
        }

        sheet.Finish();

        static string Fixed(double? value, string format) =>
            value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : KpiFormat.Missing;
    }
}
