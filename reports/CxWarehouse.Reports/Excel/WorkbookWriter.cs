using System.Globalization;
using ClosedXML.Excel;
using CxWarehouse.Reports.Formatting;
using CxWarehouse.Reports.Model;
using CxWarehouse.Reports.Privacy;

namespace CxWarehouse.Reports.Excel;

/// <summary>Writes the report workbook with ClosedXML 0.95.4.</summary>
/// <remarks>Every sheet is always present so readers find the same layout each week; a sheet without data
/// says "not available".</remarks>
internal static class WorkbookWriter
{
    public const string SummarySheet = "Summary";
    public const string TrendsSheet = "Trends";
    public const string BenchmarkSheet = "Benchmark";
    public const string VoiceSheet = "Voice of customer";
    public const string CustomersSheet = "Customers at risk";
    public const string DataQualitySheet = "Data quality";
    public const string DefinitionsSheet = "Definitions";

    private const string DateFormat = "yyyy-mm-dd";
    private const string TimestampFormat = "yyyy-mm-dd hh:mm";

    private static readonly XLColor s_bad = XLColor.FromHtml("#F8696B");
    private static readonly XLColor s_middle = XLColor.FromHtml("#FFEB84");
    private static readonly XLColor s_good = XLColor.FromHtml("#63BE7B");
    private static readonly XLColor s_bar = XLColor.FromHtml("#5B9BD5");

    public static void Write(ReportModel model, Stream output)
    {
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = $"{model.Title} {model.Period.Label}";
        workbook.Properties.Author = "CxWarehouse";
        workbook.Style.Font.SetFontName("Calibri").Font.SetFontSize(11);

        Summary(model, new SheetWriter(workbook.AddWorksheet(SummarySheet)));
        Trends(model, new SheetWriter(workbook.AddWorksheet(TrendsSheet)));
        Benchmark(model, new SheetWriter(workbook.AddWorksheet(BenchmarkSheet)));
        Voice(model, new SheetWriter(workbook.AddWorksheet(VoiceSheet)));
        Customers(model, new SheetWriter(workbook.AddWorksheet(CustomersSheet)));
        DataQuality(model, new SheetWriter(workbook.AddWorksheet(DataQualitySheet)));
        Definitions(model, new SheetWriter(workbook.AddWorksheet(DefinitionsSheet)));

        workbook.Worksheet(SummarySheet).SetTabActive();
        workbook.SaveAs(output);
    }

    private static string Subtitle(ReportModel model) => string.Create(
        CultureInfo.InvariantCulture,
        $"Period {model.Period.Label} ({model.Period.DateRangeText}) · compared with {model.PriorPeriod.Label}"
        + $" · generated {KpiFormat.Timestamp(model.GeneratedAt)} {model.TimeZoneId}");

    private static void Summary(ReportModel model, SheetWriter sheet)
    {
        var counts = model.Scorecard.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count());
        var glance = model.Scorecard.Count == 0
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"At a glance: {counts.GetValueOrDefault(KpiStatus.Green)} on target (green), "
                + $"{counts.GetValueOrDefault(KpiStatus.Amber)} near target (amber), "
                + $"{counts.GetValueOrDefault(KpiStatus.Red)} off target (red), "
                + $"{model.Scorecard.Count - model.KpisReported} without data.");
        sheet.Title($"{model.Title} — scorecard", Subtitle(model), glance);
        sheet.Header(
            "KPI", "Value", "Target", "Baseline", "Prior period", "Change", "Status", "n", "Sample", "Unit",
            "Direction", "Source");

        var row = SheetWriter.FirstDataRow;
        if (model.Scorecard.Count == 0)
        {
            sheet.NotAvailable(row, 1, "not available: no KPI registry or KPI values configured");
        }

        foreach (var entry in model.Scorecard)
        {
            var unit = entry.Kpi.Unit;
            var format = KpiFormat.ExcelFormat(unit);
            sheet.Text(row, 1, entry.Kpi.Label).Style.Font.SetBold(true);
            if (entry.HasData)
            {
                sheet.Number(row, 2, entry.Value, format, KpiFormat.Value(entry.Value, unit));
                sheet.Number(row, 3, entry.Target, format, KpiFormat.Value(entry.Target, unit));
                sheet.Number(row, 4, entry.Baseline, format, KpiFormat.Value(entry.Baseline, unit));
                sheet.Number(row, 5, entry.Prior, format, KpiFormat.Value(entry.Prior, unit));
                var delta = sheet.Number(
                    row, 6, entry.Delta, KpiFormat.ExcelDeltaFormat(unit), KpiFormat.Delta(entry.Delta, unit));
                ColourImprovement(delta, KpiRules.Improvement(entry.Delta, entry.Kpi));
                SheetWriter.Status(sheet.Text(row, 7, KpiFormat.StatusText(entry.Status)), entry.Status);
                sheet.Count(row, 8, entry.N);
                if (entry.IsLowSample)
                {
                    sheet.Text(row, 9, "Low sample").Style.Font.SetFontColor(SheetWriter.AmberFont);
                }
            }
            else
            {
                sheet.NotAvailable(row, 2, entry.MissingReason ?? "not available");
                sheet.Number(row, 3, entry.Target, format, KpiFormat.Value(entry.Target, unit));
            }

            sheet.Text(row, 10, KpiFormat.UnitName(unit));
            sheet.Text(row, 11, KpiFormat.Direction(entry.Kpi.Direction));
            sheet.Text(row, 12, entry.Kpi.Source);
            row++;
        }

        sheet.Finish();
    }

    private static void Trends(ReportModel model, SheetWriter sheet)
    {
        sheet.Title(
            $"{model.Title} — 12-week trends",
            Subtitle(model),
            "Weekly values at dimension 'all'. Colours run from worst (red) to best (green) within each KPI.");
        var headers = new List<string> { "KPI", "Unit" };
        headers.AddRange(model.TrendWeeks.Select(KpiFormat.WeekLabel));
        headers.Add("Target");
        sheet.Header([.. headers]);
        var weekCount = model.TrendWeeks.Count;

        var row = SheetWriter.FirstDataRow;
        if (model.Scorecard.Count == 0)
        {
            sheet.NotAvailable(row, 1, "not available: no weekly KPI values configured");
            row++;
        }

        foreach (var entry in model.Scorecard)
        {
            var unit = entry.Kpi.Unit;
            var format = KpiFormat.ExcelFormat(unit);
            sheet.Text(row, 1, entry.Kpi.Label).Style.Font.SetBold(true);
            sheet.Text(row, 2, KpiFormat.UnitName(unit));
            if (entry.Trend.All(v => v is null))
            {
                sheet.NotAvailable(row, 3, entry.MissingReason ?? ReportModelBuilder.NotConfigured(entry.Kpi.Source));
                row++;
                continue;
            }

            for (var i = 0; i < weekCount; i++)
            {
                sheet.Number(row, 3 + i, entry.Trend[i], format, KpiFormat.Value(entry.Trend[i], unit));
            }

            sheet.Number(row, 3 + weekCount, entry.Target, format, KpiFormat.Value(entry.Target, unit));
            if (entry.Trend.Count(v => v is not null) >= 2)
            {
                var (low, high) = entry.Kpi.HigherIsBetter ? (s_bad, s_good) : (s_good, s_bad);
                sheet.Sheet.Range(row, 3, row, 2 + weekCount).AddConditionalFormat().ColorScale()
                    .LowestValue(low)
                    .Midpoint(XLCFContentType.Percentile, 50, s_middle)
                    .HighestValue(high);
            }

            row++;
        }

        // The current period's week stands out.
        sheet.Sheet.Cell(SheetWriter.HeaderRow, 2 + weekCount).Style.Font.SetUnderline(XLFontUnderlineValues.Single);
        sheet.Finish();
    }

    private static void Benchmark(ReportModel model, SheetWriter sheet)
    {
        sheet.Title(
            $"{model.Title} — benchmark by location, channel and agent",
            Subtitle(model),
            "Ranked best first within each KPI. Peer percentile: share of peers this one beats (100 = best).");
        sheet.Header(
            "Dimension", "KPI", "Rank", "Peer", "Value", "n", "Peer percentile", "Status", "Sample",
            "Change vs prior");

        var row = SheetWriter.FirstDataRow;
        foreach (var (dimension, groups) in model.Benchmarks)
        {
            if (groups.Count == 0)
            {
                sheet.Text(row, 1, dimension);
                sheet.NotAvailable(row, 2, ReportModelBuilder.NotConfigured(dimension));
                row++;
                continue;
            }

            foreach (var group in groups)
            {
                var unit = group.Kpi.Unit;
                var format = KpiFormat.ExcelFormat(unit);
                var first = row;
                foreach (var entry in group.Entries)
                {
                    sheet.Text(row, 1, dimension);
                    sheet.Text(row, 2, group.Kpi.Label);
                    sheet.Number(row, 3, entry.Rank, "0", entry.Rank?.ToString(CultureInfo.InvariantCulture) ?? "");
                    sheet.Text(row, 4, entry.Peer);
                    sheet.Number(row, 5, entry.Value, format, KpiFormat.Value(entry.Value, unit));
                    sheet.Count(row, 6, entry.N);
                    sheet.Number(row, 7, entry.PeerPercentile, "0", KpiFormat.Percentile(entry.PeerPercentile));
                    SheetWriter.Status(sheet.Text(row, 8, KpiFormat.StatusText(entry.Status)), entry.Status);
                    if (entry.IsLowSample)
                    {
                        sheet.Text(row, 9, "Low sample").Style.Font.SetFontColor(SheetWriter.AmberFont);
                    }

                    var delta = sheet.Number(
                        row, 10, entry.Delta, KpiFormat.ExcelDeltaFormat(unit), KpiFormat.Delta(entry.Delta, unit));
                    ColourImprovement(delta, KpiRules.Improvement(entry.Delta, group.Kpi));
                    row++;
                }

                DataBars(sheet.Sheet.Range(first, 5, row - 1, 5), group.Entries.Select(e => e.Value));
                sheet.Sheet.Range(first, 1, first, 10).Style.Border.SetTopBorder(XLBorderStyleValues.Thin);
            }
        }

        sheet.Finish();
    }

    private static void Voice(ReportModel model, SheetWriter sheet)
    {
        var note = model.ShowPersonalData ? null : "Emails and phone numbers inside quotes are masked.";
        sheet.Title($"{model.Title} — voice of customer", Subtitle(model), note);
        sheet.Header("Topic", "Location", "Mentions", "Share negative", "Quote");
        var row = SheetWriter.FirstDataRow;
        if (model.Voice is not { Count: > 0 } voice)
        {
            sheet.NotAvailable(row, 1, ReportModelBuilder.NotConfigured("voice of customer"));
            sheet.Finish();
            return;
        }

        foreach (var item in voice)
        {
            sheet.Text(row, 1, item.Topic);
            sheet.Text(row, 2, item.Location);
            sheet.Count(row, 3, item.Mentions);
            sheet.Number(row, 4, item.ShareNegative, "0%", KpiFormat.Fraction(item.ShareNegative));
            sheet.Text(row, 5, model.ShowPersonalData ? item.Quote : PersonalDataMask.FreeText(item.Quote));
            row++;
        }

        sheet.FixWidth(5, 80);
        sheet.Sheet.Range(SheetWriter.FirstDataRow, 4, row - 1, 4).AddConditionalFormat()
            .DataBar(s_bad, false).Minimum(XLCFContentType.Number, 0).Maximum(XLCFContentType.Number, 1);
        sheet.Finish();
    }

    private static void Customers(ReportModel model, SheetWriter sheet)
    {
        var note = model.ShowPersonalData
            ? "Personal data shown in full: handle this file as confidential."
            : "Names, emails and phones are masked. Highest churn risk first; at most "
              + $"{Data.WarehouseReader.MaxCustomersAtRisk.ToString("#,##0", CultureInfo.InvariantCulture)} rows.";
        sheet.Title($"{model.Title} — customers at risk", Subtitle(model), note);
        sheet.Header(
            "Customer", "Name", "Email", "Phone", "Segment", "Location", "Lifetime revenue", "Last order",
            "Churn risk");
        var row = SheetWriter.FirstDataRow;
        if (model.CustomersAtRisk is not { Count: > 0 } customers)
        {
            sheet.NotAvailable(row, 1, ReportModelBuilder.NotConfigured("CRM"));
            sheet.Finish();
            return;
        }

        var show = model.ShowPersonalData;
        foreach (var customer in customers)
        {
            sheet.Text(row, 1, customer.CustomerKey);
            sheet.Text(row, 2, show ? customer.Name : PersonalDataMask.Name(customer.Name));
            sheet.Text(row, 3, show ? customer.Email : PersonalDataMask.Email(customer.Email));
            sheet.Text(row, 4, show ? customer.Phone : PersonalDataMask.Phone(customer.Phone));
            sheet.Text(row, 5, customer.Segment);
            sheet.Text(row, 6, customer.Location);
            sheet.Number(
                row, 7, customer.LifetimeRevenue, "#,##0.00", KpiFormat.Value(customer.LifetimeRevenue, "currency"));
            var lastOrder = customer.LastOrderAt is { } t ? model.ToLocal(t) : (DateTimeOffset?)null;
            var lastOrderText = lastOrder is { } l ? KpiFormat.Date(DateOnly.FromDateTime(l.DateTime)) : "";
            sheet.Date(row, 8, lastOrder?.DateTime, DateFormat, lastOrderText);
            sheet.Number(row, 9, customer.ChurnRisk, "0%", KpiFormat.Fraction(customer.ChurnRisk));
            row++;
        }

        sheet.Sheet.Range(SheetWriter.FirstDataRow, 9, row - 1, 9).AddConditionalFormat()
            .DataBar(s_bad, false).Minimum(XLCFContentType.Number, 0).Maximum(XLCFContentType.Number, 1);
        sheet.Finish();
    }

    private static void DataQuality(ReportModel model, SheetWriter sheet)
    {
        var quality = model.DataQuality;
        string note;
        if (quality.Run is { } run)
        {
            var started = run.StartedAt is { } s ? KpiFormat.Timestamp(model.ToLocal(s)) : KpiFormat.Missing;
            var ended = run.EndedAt is { } e ? KpiFormat.Timestamp(model.ToLocal(e)) : "not finished";
            note = $"Latest run {run.RunId}: {run.Status}, started {started}, ended {ended} "
                + $"({KpiFormat.Age(quality.RunAge)} before this report).";
        }
        else
        {
            note = ReportModelBuilder.NotConfigured("ETL run audit");
        }

        sheet.Title($"{model.Title} — data quality of the latest run", Subtitle(model), note);
        sheet.Header(
            "Source", "Stream", "Status", "Rows read", "Loaded", "Quarantined", "Deduplicated", "Reconciliation",
            "Difference", "Seconds", "Latest record", "Record age", "Freshness", "Message");
        var row = SheetWriter.FirstDataRow;
        if (quality.Streams is not { Count: > 0 } streams)
        {
            sheet.NotAvailable(row, 1, ReportModelBuilder.NotConfigured("stream run audit"));
            sheet.Finish();
            return;
        }

        foreach (var stream in streams)
        {
            var s = stream.Run;
            sheet.Text(row, 1, s.Source);
            sheet.Text(row, 2, s.Stream);
            sheet.Text(row, 3, s.Status);
            sheet.Count(row, 4, s.RowsRead);
            sheet.Count(row, 5, s.RowsLoaded);
            sheet.Count(row, 6, s.RowsQuarantined);
            sheet.Count(row, 7, s.RowsDeduplicated);
            var check = sheet.Text(row, 8, ReconciliationText(stream.Reconciliation));
            SheetWriter.Status(check, stream.Reconciliation switch
            {
                Reconciliation.Ok => KpiStatus.Green,
                Reconciliation.Mismatch => KpiStatus.Red,
                _ => KpiStatus.None,
            });
            sheet.Count(row, 9, stream.Difference);
            sheet.Number(row, 10, s.Seconds, "#,##0.0", KpiFormat.Value(s.Seconds, "minutes"));
            var latest = s.LatestRecordAt is { } l ? model.ToLocal(l) : (DateTimeOffset?)null;
            sheet.Date(row, 11, latest?.DateTime, TimestampFormat, latest is { } x ? KpiFormat.Timestamp(x) : "");
            sheet.Text(row, 12, KpiFormat.Age(stream.Age));
            SheetWriter.Status(sheet.Text(row, 13, FreshnessText(stream.Freshness)), FreshnessStatus(stream.Freshness));
            sheet.Text(row, 14, s.Message);
            row++;
        }

        sheet.FixWidth(14, 60);
        sheet.Finish();
    }

    private static void Definitions(ReportModel model, SheetWriter sheet)
    {
        sheet.Title(
            $"{model.Title} — KPI definitions",
            Subtitle(model),
            "Status is green when the target is met, amber within the tolerance, red otherwise.");
        sheet.Header(
            "KPI", "Label", "Description", "Formula", "Unit", "Direction", "Target", "Tolerance", "Min sample",
            "Source");
        var row = SheetWriter.FirstDataRow;
        if (model.Kpis.Count == 0)
        {
            sheet.NotAvailable(row, 1, "not available: no KPI registry configured");
        }

        foreach (var kpi in model.Kpis)
        {
            var format = KpiFormat.ExcelFormat(kpi.Unit);
            sheet.Text(row, 1, kpi.Kpi);
            sheet.Text(row, 2, kpi.Label).Style.Font.SetBold(true);
            sheet.Text(row, 3, kpi.Description);
            sheet.Text(row, 4, kpi.Formula);
            sheet.Text(row, 5, KpiFormat.UnitName(kpi.Unit));
            sheet.Text(row, 6, KpiFormat.Direction(kpi.Direction));
            sheet.Number(row, 7, kpi.Target, format, KpiFormat.Value(kpi.Target, kpi.Unit));
            sheet.Number(
                row,
                8,
                kpi.Tolerance,
                KpiFormat.ExcelToleranceFormat(kpi.Unit),
                KpiFormat.Delta(kpi.Tolerance, kpi.Unit));
            sheet.Number(
                row, 9, kpi.MinSample, "#,##0", kpi.MinSample?.ToString(CultureInfo.InvariantCulture) ?? "");
            sheet.Text(row, 10, kpi.Source);
            row++;
        }

        sheet.FixWidth(3, 60);
        sheet.FixWidth(4, 50);
        sheet.Finish();
    }

    public static string ReconciliationText(Reconciliation reconciliation) => reconciliation switch
    {
        Reconciliation.Ok => "OK",
        Reconciliation.Mismatch => "MISMATCH",
        _ => "Unknown",
    };

    public static string FreshnessText(Freshness freshness) => freshness switch
    {
        Freshness.Fresh => "Fresh",
        Freshness.Warn => "Late (> 26 h)",
        Freshness.Stale => "Stale (> 50 h)",
        _ => "Unknown",
    };

    public static KpiStatus FreshnessStatus(Freshness freshness) => freshness switch
    {
        Freshness.Fresh => KpiStatus.Green,
        Freshness.Warn => KpiStatus.Amber,
        Freshness.Stale => KpiStatus.Red,
        _ => KpiStatus.None,
    };

    private static void ColourImprovement(IXLCell cell, int improvement)
    {
        if (improvement != 0)
        {
            cell.Style.Font.SetFontColor(improvement > 0 ? SheetWriter.GreenFont : SheetWriter.RedFont);
        }
    }

    private static void DataBars(IXLRange range, IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        if (present.Count < 2)
        {
            return;
        }

        // ClosedXML 0.95 writes the Excel 2010 extension with numeric bounds only, so give explicit numbers.
        var min = Math.Min(0, present.Min());
        var max = Math.Max(present.Max(), min + 1e-9);
        range.AddConditionalFormat().DataBar(s_bar, false)
            .Minimum(XLCFContentType.Number, min)
            .Maximum(XLCFContentType.Number, max);
    }
}
