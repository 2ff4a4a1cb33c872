using System.Globalization;
using CxWarehouse.Reports.Data;
using CxWarehouse.Reports.Formatting;
using CxWarehouse.Reports.Model;
using CxWarehouse.Reports.Privacy;

namespace CxWarehouse.Reports.Excel;

/// <summary>Writes the report workbook (<see cref="XlsxPackageWriter"/> saves it).</summary>
/// <remarks>Every sheet is always present so readers find the same layout each week; a sheet without data
/// says "not available".</remarks>
internal static partial class WorkbookWriter
{
    public const string SummarySheet = "Summary";
    public const string TrendsSheet = "Trends";
    public const string BenchmarkSheet = "Benchmark";
    public const string JourneySheet = "Journey";
    public const string VoiceSheet = "Voice of customer";
    public const string CustomersSheet = "Customers at risk";
    public const string DriversSheet = "Key drivers";
    public const string FollowUpsSheet = "Follow-ups";
    public const string EmergingSheet = "Emerging topics";
    public const string CompetitorsSheet = "Competitors";
    public const string DataQualitySheet = "Data quality";
    public const string DefinitionsSheet = "Definitions";

    /// <summary>The workbook's author, and the author of its comments.</summary>
    public const string Author = "CxWarehouse";

    private const string DateFormat = "yyyy-mm-dd";
    private const string TimestampFormat = "yyyy-mm-dd hh:mm";
    private const string PercentFormat = "0.0\"%\"";
    private const string DaysFormat = "0.0\" d\"";
    private const string HoursFormat = "#,##0.0\" h\"";

    private const string s_bad = "F8696B";
    private const string s_middle = "FFEB84";
    private const string s_good = "63BE7B";
    private const string s_bar = "5B9BD5";

    /// <summary>Pixels between charts, and the height of a default row (15 pt).</summary>
    private const int ChartGap = 12;
    private const int RowPixels = 20;

    public static void Write(ReportModel model, Stream output)
    {
        var charts = new List<SheetChart>();
        var workbook = new XlsxWorkbook { Title = $"{model.Title} {model.Period.Label}", Author = Author };

        Summary(model, new SheetWriter(workbook.AddWorksheet(SummarySheet)), charts);
        Trends(model, new SheetWriter(workbook.AddWorksheet(TrendsSheet)));
        Benchmark(model, new SheetWriter(workbook.AddWorksheet(BenchmarkSheet)), charts);
        Journey(model, new SheetWriter(workbook.AddWorksheet(JourneySheet)));
        Voice(model, new SheetWriter(workbook.AddWorksheet(VoiceSheet)));
        Drivers(model, new SheetWriter(workbook.AddWorksheet(DriversSheet)));
        FollowUps(model, new SheetWriter(workbook.AddWorksheet(FollowUpsSheet)));
        Emerging(model, new SheetWriter(workbook.AddWorksheet(EmergingSheet)));
        Competitors(model, new SheetWriter(workbook.AddWorksheet(CompetitorsSheet)));
        Customers(model, new SheetWriter(workbook.AddWorksheet(CustomersSheet)));
        DataQuality(model, new SheetWriter(workbook.AddWorksheet(DataQualitySheet)));
        Definitions(model, new SheetWriter(workbook.AddWorksheet(DefinitionsSheet)));

        workbook.Worksheet(SummarySheet).TabActive = true;
        XlsxPackageWriter.Save(workbook, charts, output);
    }

    /// <summary>The row of the Trends sheet holding the scorecard's <paramref name="index"/>-th KPI.</summary>
    private static int TrendRow(int index) => SheetWriter.FirstDataRow + index;

    /// <summary>
    /// Below the scorecard, a native line chart of each KPI's 12 weeks (from the Trends sheet), three to a row
    /// across the table's width.
    /// </summary>
    private static void SummaryCharts(ReportModel model, SheetWriter sheet, List<SheetChart> charts)
    {
        var shown = model.Scorecard.Select((entry, index) => (entry, index))
            .Where(e => e.entry.Trend.Count(v => v is not null) >= 2)
            .ToList();
        if (shown.Count == 0)
        {
            return;
        }

        // The charts start a page, and a page holds as many rows of charts as fit, so that no chart straddles a page
        // break: the sheet prints one page wide (landscape A4, 0.4 in side margins), so its scale is the page's
        // width over the table's, at most 100%; the page's height at that scale, less a tenth for the margins,
        // footer and rounding, less the repeated title and header rows, holds so many rows of charts.
        var headingRow = sheet.LastRow + 2;
        sheet.Sheet.PageSetup.AddHorizontalPageBreak(headingRow - 1);
        sheet.Heading(headingRow, $"12-week trends ({KpiFormat.WeekLabel(model.TrendWeeks[0])} to "
            + $"{KpiFormat.WeekLabel(model.TrendWeeks[^1])}; the values are on the {TrendsSheet} sheet)");
        const int tableColumns = 13;
        var columns = Enumerable.Range(1, 3 * tableColumns)
            .Select(c => WorkbookCharts.ColumnPixels(sheet.Sheet.ColumnWidth(c)))
            .ToList();
        const int perRow = 3;
        var width = Math.Clamp((columns.Take(tableColumns).Sum() - (perRow - 1) * ChartGap) / perRow, 300, 520);
        const int height = 220;
        var rowsPerChart = (height + RowPixels - 1) / RowPixels + 1;
        const double pageWidthPt = 842 - 2 * 0.4 * 72, pageHeightPt = 595 - 2 * 0.5 * 72, repeatedPt = 4 * 15 + 15;
        var scale = Math.Min(1, pageWidthPt / (columns.Take(tableColumns).Sum() * 0.75));
        var chartRowsPerPage = Math.Max(1, (int)((pageHeightPt / scale * 0.9 - repeatedPt) / (rowsPerChart * 15)));
        var weeks = model.TrendWeeks.Select(KpiFormat.WeekLabel).ToList();
        var lastColumn = XlsxSheet.ColumnName(2 + weeks.Count);
        var lefts = columns.Select((_, c) => columns.Take(c).Sum()).ToList();
        var next = 0;
        for (var i = 0; i < shown.Count; i++)
        {
            var (entry, index) = shown[i];

            // Each chart starts at a column's left edge, which Excel and LibreOffice place alike.
            next = i % perRow == 0 ? 0 : next;
            var column = Math.Max(lefts.FindIndex(left => left >= next), 0);
            next = lefts[column] + width + ChartGap;
            var chartRow = headingRow + (i / perRow) * rowsPerChart;
            if (i % (chartRowsPerPage * perRow) == 0 && i > 0)
            {
                sheet.Sheet.PageSetup.AddHorizontalPageBreak(chartRow);
            }

            var row = TrendRow(index);
            charts.Add(new SheetChart(
                SummarySheet,
                chartRow,
                column,
                0,
                width,
                height,
                $"{entry.Kpi.Label} ({KpiFormat.UnitName(entry.Kpi.Unit)})",
                $"{entry.Kpi.Label}, weekly, {weeks[0]} to {weeks[^1]}",
                ChartKind.Line,
                new ChartSeries(
                    entry.Kpi.Label,
                    $"'{TrendsSheet}'!$C${SheetWriter.HeaderRow}:${lastColumn}${SheetWriter.HeaderRow}",
                    weeks,
                    $"'{TrendsSheet}'!$C${row}:${lastColumn}${row}",
                    entry.Trend),
                KpiFormat.ExcelFormat(entry.Kpi.Unit)));
        }
    }

    /// <summary>
    /// Beside the benchmark table, a native bar chart of each KPI's peers, ranked best first and coloured by status,
    /// stacked down the sheet in the table's order.
    /// </summary>
    private static void BenchmarkCharts(
        SheetWriter sheet, List<SheetChart> charts, List<(BenchmarkGroup Group, int First, int Last)> groups)
    {
        var column = 14; // column O, one empty column right of the table (A to M)
        var row = SheetWriter.FirstDataRow - 1;
        foreach (var (group, first, last) in groups)
        {
            var entries = group.Entries;
            if (entries.Count(e => e.Value is not null) == 0)
            {
                continue;
            }

            var height = Math.Max(120, 56 + 20 * entries.Count);
            charts.Add(new SheetChart(
                BenchmarkSheet,
                row,
                column,
                0,
                460,
                height,
                $"{group.Kpi.Label} by {group.Dimension}",
                $"{group.Kpi.Label} by {group.Dimension}, ranked best first; bar colour is the status against target",
                ChartKind.Bars,
                new ChartSeries(
                    group.Kpi.Label,
                    $"'{BenchmarkSheet}'!$D${first}:$D${last}",
                    [.. entries.Select(e => e.Peer)],
                    $"'{BenchmarkSheet}'!$E${first}:$E${last}",
                    [.. entries.Select(e => e.Value)],
                    [.. entries.Select(e => Html.Palette.Status(e.Status))]),
                KpiFormat.ExcelFormat(group.Kpi.Unit)));
            row += (height + RowPixels - 1) / RowPixels + 1;
        }
    }

    private static string Subtitle(ReportModel model) => string.Create(
        CultureInfo.InvariantCulture,
        $"Period {model.Period.Label} ({model.Period.DateRangeText}) · compared with {model.PriorPeriod.Label}"
        + $" · generated {KpiFormat.Timestamp(model.GeneratedAt)} {model.TimeZoneId}");

    private static void Summary(ReportModel model, SheetWriter sheet, List<SheetChart> charts)
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
            "Direction", "Source", "Baseline source", "± 95%", "Change verdict");
        StaleDataBanner(model, sheet, glance, 15);

        var row = SheetWriter.FirstDataRow;
        if (model.Scorecard.Count == 0)
        {
            sheet.NotAvailable(row, 1, "not available: no KPI registry or KPI values configured");
        }

        foreach (var entry in model.Scorecard)
        {
            var unit = entry.Kpi.Measure;
            var format = KpiFormat.ExcelFormat(unit);
            sheet.Text(row, 1, entry.Kpi.Label).Style.Font.SetBold(true);
            if (entry.HasData)
            {
                sheet.Number(row, 2, entry.Value, format, KpiFormat.Value(entry.Value, unit));
                sheet.Number(row, 3, entry.Target, format, KpiFormat.Value(entry.Target, unit));
                var baseline = sheet.Number(row, 4, entry.Baseline, format, KpiFormat.Value(entry.Baseline, unit));
                if (entry.Baseline is not null && entry.BaselineSource.Length > 0)
                {
                    // The citation travels with the number: a comment on the cell and its own column.
                    baseline.SetComment(SafeCell.Truncate(SafeCell.Sanitize(entry.BaselineSource), 2_000));
                    sheet.Text(row, 13, entry.BaselineSource);
                }

                sheet.Number(row, 5, entry.Prior, format, KpiFormat.Value(entry.Prior, unit));
                var delta = sheet.Number(
                    row, 6, entry.Delta, KpiFormat.ExcelDeltaFormat(unit), KpiFormat.Delta(entry.Delta, unit));
                ColourImprovement(delta, KpiRules.Improvement(entry.Delta, entry.Kpi));
                SheetWriter.Status(
                    entry.StatusNote is { } note
                        ? sheet.WrappedText(row, 7, note, 24)
                        : sheet.Text(row, 7, KpiFormat.StatusText(entry.Status)),
                    entry.Status);
                sheet.Count(row, 8, entry.N);
                if (entry.IsLowSample)
                {
                    sheet.Text(row, 9, "Low sample").Style.Font.SetFontColor(SheetWriter.AmberFont);
                }

                // The value's 95% margin and the mart's verdict on the change.
                sheet.Number(row, 14, entry.Margin, format, KpiFormat.Margin(entry.Margin, unit));
                if (entry.Delta is not null)
                {
                    var verdict = sheet.Text(row, 15, Html.HtmlViewBuilder.Significance(entry.IsChangeSignificant, brief: false));
                    verdict.Style.Font.SetBold(entry.IsChangeSignificant == true);
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

        sheet.FixWidth(13, 40);
        sheet.FixWidth(15, 30);
        sheet.Finish();
        SummaryCharts(model, sheet, charts);
    }

    /// <summary>
    /// When a stream is past its freshness limit, the note row under the title becomes a coloured banner
    /// across the table saying so, with the at-a-glance line below it.
    /// </summary>
    private static void StaleDataBanner(ReportModel model, SheetWriter sheet, string? glance, int width)
    {
        if (model.FreshnessWarning is not { } warning)
        {
            return;
        }

        var text = warning.Headline + "\n" + warning.Details + (glance is null ? "" : "\n" + glance);
        var range = sheet.Sheet.Range(SheetWriter.NoteRow, 1, SheetWriter.NoteRow, width).Merge();
        SafeCell.Text(range.FirstCell(), text);
        var (fill, font) = warning.IsError
            ? (SheetWriter.RedFill, SheetWriter.RedFont)
            : (SheetWriter.AmberFill, SheetWriter.AmberFont);
        range.Style.Fill.SetBackgroundColor(fill)
            .Font.SetBold(true).Font.SetItalic(false).Font.SetFontColor(font)
            .Alignment.SetWrapText(true).Alignment.SetVertical(VerticalAlignment.Top)
            .Border.SetOutsideBorder(BorderLine.Medium).Border.SetOutsideBorderColor(font);
        sheet.Sheet.SetRowHeight(SheetWriter.NoteRow, 15 * (glance is null ? 3 : 4));
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
            var unit = entry.Kpi.Measure;
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
                sheet.Sheet.Range(row, 3, row, 2 + weekCount).AddColorScale(low, s_middle, high);
            }

            row++;
        }

        // The current period's week stands out.
        sheet.Sheet.Cell(SheetWriter.HeaderRow, 2 + weekCount).Style.Font.SetUnderline();
        sheet.Finish();
    }

    private static void Benchmark(ReportModel model, SheetWriter sheet, List<SheetChart> charts)
    {
        sheet.Title(
            $"{model.Title} — benchmark by location, channel and agent",
            Subtitle(model),
            "Ranked best first within each KPI. Peer percentile: share of peers this one beats (100 = best).");
        sheet.Header(
            "Dimension", "KPI", "Rank", "Peer", "Value", "n", "Peer percentile", "Status", "Sample",
            "Change vs prior", "± 95%", "Gap to all", "Gap verdict");

        var charted = new List<(BenchmarkGroup Group, int First, int Last)>();
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
                var unit = group.Kpi.Measure;
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
                    // The gap to the whole business (dimension all) and the mart's verdict on it.
                    sheet.Number(row, 11, entry.Margin, format, KpiFormat.Margin(entry.Margin, unit));
                    sheet.Number(row, 12, entry.PeerGap, KpiFormat.ExcelDeltaFormat(unit), KpiFormat.Delta(entry.PeerGap, unit));
                    if (entry.PeerGap is not null)
                    {
                        sheet.Text(row, 13, Html.HtmlViewBuilder.Significance(entry.IsPeerGapSignificant, brief: false))
                            .Style.Font.SetBold(entry.IsPeerGapSignificant == true);
                    }

                    row++;
                }

                DataBars(sheet.Sheet.Range(first, 5, row - 1, 5), group.Entries.Select(e => e.Value));
                charted.Add((group, first, row - 1));
                sheet.Sheet.Range(first, 1, first, 13).Style.Border.SetTopBorder(BorderLine.Thin);
            }
        }

        sheet.Finish();
        BenchmarkCharts(sheet, charts, charted);
    }

    private static void Journey(ReportModel model, SheetWriter sheet)
    {
        var journey = model.Journey;
        var monthText = journey.Month is { } m ? KpiFormat.Month(m) : KpiFormat.Month(journey.ReportMonth);
        var note = journey.IsEarlierMonth
            ? $"Journeys started in {monthText}, the latest month with data (none yet for "
              + $"{KpiFormat.Month(journey.ReportMonth)}). All segments and first-touch channels."
            : $"Journeys started in {monthText}. All segments and first-touch channels.";
        sheet.Title($"{model.Title} — customer journey", Subtitle(model), note);
        sheet.Header("Stage", "Customers", "Reached next", "Conversion", "Drop-off", "Median days to next");
        var headings = new List<int>();

        var row = SheetWriter.FirstDataRow;
        if (journey.FunnelMissing is { } funnelMissing)
        {
            sheet.NotAvailable(row++, 1, funnelMissing);
        }
        else
        {
            var first = row;
            foreach (var stage in journey.Funnel!)
            {
                FunnelRow(sheet, row++, stage);
            }

            DataBars(sheet.Sheet.Range(first, 2, row - 1, 2), journey.Funnel!.Select(s => (double?)s.Customers));
        }

        var filterLastRow = row - 1;

        // Funnel by first-touch channel: customers at each stage, then the conversion of each step.
        row++;
        headings.Add(row);
        sheet.Heading(row++, $"Funnel by first-touch channel, journeys started in {monthText}");
        var stages = journey.Stages;
        var channelHeaders = new List<string> { "First-touch channel" };
        channelHeaders.AddRange(stages);
        channelHeaders.AddRange(stages.Skip(1).Select(s => "→ " + s));
        sheet.HeaderAt(row++, [.. channelHeaders]);
        if (journey.FunnelMissing is not null || journey.Channels.Count == 0)
        {
            sheet.NotAvailable(row++, 1, journey.FunnelMissing ?? "not available: no funnel by first-touch channel");
        }
        else
        {
            var first = row;
            foreach (var channel in journey.Channels)
            {
                sheet.Text(row, 1, channel.Channel).Style.Font.SetBold(true);
                var byStage = channel.Stages.GroupBy(s => s.Stage).ToDictionary(g => g.Key, g => g.First());
                for (var i = 0; i < stages.Count; i++)
                {
                    var stage = byStage.GetValueOrDefault(stages[i]);
                    sheet.Count(row, 2 + i, stage?.Customers);
                    if (i > 0)
                    {
                        // "→ purchase" is the share of the previous stage's customers who reached purchase.
                        var previous = byStage.GetValueOrDefault(stages[i - 1]);
                        var conversion = previous?.ConversionPct;
                        sheet.Number(
                            row, 1 + stages.Count + i, conversion, PercentFormat, KpiFormat.Percent(conversion));
                    }
                }

                row++;
            }

            if (stages.Count > 1 && row - first >= 2)
            {
                sheet.Sheet.Range(first, 2 + stages.Count, row - 1, 2 * stages.Count).AddColorScale(s_bad, s_middle, s_good);
            }
        }

        row = PathTable(
            sheet, row + 1, headings, "Top buyer paths: steps up to the first purchase", journey.BuyerPaths,
            journey.PathsMissing, buyer: true);
        row = PathTable(
            sheet, row + 1, headings, "Top non-buyer paths: where customers who never purchased stop",
            journey.NonBuyerPaths, journey.PathsMissing, buyer: false);

        // Cohort retention: one row per cohort month, one column per month since.
        row++;
        headings.Add(row);
        sheet.Heading(row++, "Cohort retention: share of each month's new customers active N months later");
        var cohortHeaders = new List<string> { "Cohort", "Customers" };
        cohortHeaders.AddRange(Enumerable.Range(0, journey.MonthsSinceCount)
            .Select(i => "M" + i.ToString(CultureInfo.InvariantCulture)));
        sheet.HeaderAt(row++, [.. cohortHeaders]);
        if (journey.CohortsMissing is { } cohortsMissing)
        {
            sheet.NotAvailable(row, 1, cohortsMissing);
        }
        else
        {
            var first = row;
            foreach (var cohort in journey.Cohorts!)
            {
                sheet.Text(row, 1, KpiFormat.Month(cohort.CohortMonth)).Style.Font.SetBold(true);
                sheet.Count(row, 2, cohort.Customers);
                for (var i = 0; i < cohort.Retention.Count; i++)
                {
                    var retention = cohort.Retention[i];
                    sheet.Number(row, 3 + i, retention, PercentFormat, KpiFormat.Percent(retention));
                }

                row++;
            }

            // Month 0 is 100% by definition; the scale runs over the later months so their spread shows.
            if (journey.MonthsSinceCount > 1)
            {
                sheet.Sheet.Range(first, 4, row - 1, 2 + journey.MonthsSinceCount).AddColorScale(s_bad, s_middle, s_good);
            }
        }

        sheet.FixWidth(1, 56);

        // Column A wraps long paths; the title rows and captions overflow to the right instead.
        foreach (var r in headings.Concat([SheetWriter.TitleRow, SheetWriter.SubtitleRow, SheetWriter.NoteRow]))
        {
            sheet.Sheet.Cell(r, 1).Style.Alignment.SetWrapText(false);
        }

        sheet.Finish(filterLastRow: Math.Max(filterLastRow, SheetWriter.FirstDataRow), filterLastColumn: 6);
    }

    private static void FunnelRow(SheetWriter sheet, int row, FunnelStage stage)
    {
        sheet.Text(row, 1, stage.Stage).Style.Font.SetBold(true);
        sheet.Count(row, 2, stage.Customers);
        sheet.Count(row, 3, stage.ReachedNext);
        sheet.Number(row, 4, stage.ConversionPct, PercentFormat, KpiFormat.Percent(stage.ConversionPct));
        sheet.Number(row, 5, stage.DropOffPct, PercentFormat, KpiFormat.Percent(stage.DropOffPct));
        sheet.Number(row, 6, stage.MedianDaysToNext, DaysFormat, KpiFormat.Days(stage.MedianDaysToNext));
    }

    private static int PathTable(
        SheetWriter sheet,
        int row,
        List<int> headings,
        string caption,
        IReadOnlyList<Data.JourneyPathRecord>? paths,
        string? missing,
        bool buyer)
    {
        headings.Add(row);
        sheet.Heading(row++, caption);
        string[] headers = buyer
            ? ["Path", "Rank", "Customers", "Share of buyers", "Steps", "Median days to purchase"]
            : ["Path", "Rank", "Customers", "Share of non-buyers", "Steps", "Median days", "Stops at"];
        sheet.HeaderAt(row++, headers);
        if (paths is null || paths.Count == 0)
        {
            sheet.NotAvailable(row++, 1, missing ?? "not available: no paths of this kind");
            return row;
        }

        var first = row;
        foreach (var path in paths)
        {
            sheet.Text(row, 1, path.Path);
            sheet.Number(row, 2, path.PathRank, "0", path.PathRank?.ToString(CultureInfo.InvariantCulture) ?? "");
            sheet.Count(row, 3, path.Customers);
            sheet.Number(row, 4, path.SharePct, PercentFormat, KpiFormat.Percent(path.SharePct));
            sheet.Number(row, 5, path.Steps, "0", path.Steps?.ToString(CultureInfo.InvariantCulture) ?? "");
            sheet.Number(row, 6, path.MedianDays, DaysFormat, KpiFormat.Days(path.MedianDays));
            if (!buyer)
            {
                sheet.Text(row, 7, path.LastStage);
            }

            row++;
        }

        DataBars(sheet.Sheet.Range(first, 4, row - 1, 4), paths.Select(p => p.SharePct));
        return row;
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
        sheet.Sheet.Range(SheetWriter.FirstDataRow, 4, row - 1, 4).AddDataBar(s_bad, 0, 1);
        sheet.Finish();
    }

    private static void Drivers(ReportModel model, SheetWriter sheet)
    {
        var quarter = model.KeyDrivers is { Count: > 0 } d ? $"quarter from {KpiFormat.Date(d[0].PeriodStart)}, " : "";
        sheet.Title($"{model.Title} — what drives satisfaction", Subtitle(model),
            $"{quarter}all locations: effect = NPS (or CSAT) of responses with the driver minus those without, "
            + "with its 95% interval; impact = effect × frequency. Ranked by the size of the NPS impact.");
        sheet.Header("Rank", "Driver", "Kind", "Responses with", "Frequency", "NPS effect", "NPS 95% low",
            "NPS 95% high", "CSAT effect", "CSAT 95% low", "CSAT 95% high", "Significant");
        var row = SheetWriter.FirstDataRow;
        if (model.KeyDrivers is not { Count: > 0 } drivers)
        {
            sheet.NotAvailable(row, 1, ReportModelBuilder.NotConfigured("key driver"));
            sheet.Finish();
            return;
        }

        foreach (var driver in drivers)
        {
            sheet.Count(row, 1, driver.Rank);
            sheet.Text(row, 2, driver.Driver);
            sheet.Text(row, 3, driver.Kind);
            sheet.Count(row, 4, driver.ResponsesWith);
            sheet.Number(row, 5, driver.Frequency, "0%", KpiFormat.Fraction(driver.Frequency));
            Points(row, 6, driver.NpsEffect);
            Points(row, 7, driver.NpsLow);
            Points(row, 8, driver.NpsHigh);
            Points(row, 9, driver.CsatEffect);
            Points(row, 10, driver.CsatLow);
            Points(row, 11, driver.CsatHigh);
            sheet.Text(row, 12, driver.Significant ? "yes" : "no");
            row++;
        }

        sheet.Finish();

        void Points(int r, int column, double? value) => sheet.Number(r, column, value, "+0.0;-0.0;0.0",
            value is { } v ? v.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : KpiFormat.Missing);
    }

    private static void FollowUps(ReportModel model, SheetWriter sheet)
    {
        var note = (model.ShowPersonalData ? "Personal data shown in full. " : "Customers masked. ")
            + "Detractors, low CSAT and negative reviews still waiting for an answer, overdue first; counts per "
            + "owner below the list.";
        sheet.Title($"{model.Title} — follow-ups", Subtitle(model), note);
        sheet.Header("Status", "Kind", "Owner", "Owner type", "Location", "Raised", "Due", "Customer", "Text");
        var row = SheetWriter.FirstDataRow;
        if (model.FollowUps is null || model.FollowUpOwners is null)
        {
            sheet.NotAvailable(row, 1, ReportModelBuilder.NotConfigured("follow-up"));
            sheet.Finish();
            return;
        }

        var show = model.ShowPersonalData;
        foreach (var item in model.FollowUps)
        {
            sheet.Text(row, 1, StateSpelling.Text(item.Status));
            sheet.Text(row, 2, item.Kind);
            sheet.Text(row, 3, item.Owner);
            sheet.Text(row, 4, item.OwnerType);
            sheet.Text(row, 5, item.Location);
            var raised = item.RaisedAt is { } r ? model.ToLocal(r) : (DateTimeOffset?)null;
            var due = item.DueAt is { } d ? model.ToLocal(d) : (DateTimeOffset?)null;
            sheet.Date(row, 6, raised?.DateTime, TimestampFormat, raised is { } x ? KpiFormat.Timestamp(x) : "");
            sheet.Date(row, 7, due?.DateTime, TimestampFormat, due is { } y ? KpiFormat.Timestamp(y) : "");
            sheet.Text(row, 8, show ? item.Customer : PersonalDataMask.Name(item.Customer));
            sheet.Text(row, 9, SafeCell.Truncate(show ? item.Text : PersonalDataMask.FreeText(item.Text), 2_000));
            row++;
        }

        var listEnd = row - 1;
        if (model.FollowUps.Count == 0)
        {
            sheet.Text(row++, 1, "Nothing waiting for an answer.");
        }

        row++;
        sheet.HeaderAt(row++, "Owner", "Owner type", "Open", "Overdue", "Answered", "Answered late");
        foreach (var owner in model.FollowUpOwners)
        {
            sheet.Text(row, 1, owner.Owner);
            sheet.Text(row, 2, owner.OwnerType);
            sheet.Count(row, 3, owner.Open);
            sheet.Count(row, 4, owner.Overdue);
            sheet.Count(row, 5, owner.Answered);
            sheet.Count(row, 6, owner.AnsweredLate);
            row++;
        }

        sheet.FixWidth(9, 80);
        sheet.Finish(filterLastRow: Math.Max(listEnd, SheetWriter.FirstDataRow));
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

        sheet.Sheet.Range(SheetWriter.FirstDataRow, 9, row - 1, 9).AddDataBar(s_bad, 0, 1);
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

        if (quality.Streams is { Count: > 0 } recorded)
        {
            note += recorded.All(s => s.FreshnessEstimated)
                ? " Freshness estimated by the report (late after 26 h, stale after 50 h): the run recorded no verdict."
                : " Freshness is the run's verdict against the source's configured ages.";
        }

        sheet.Title($"{model.Title} — data quality of the latest run", Subtitle(model), note);
        sheet.Header(
            "Source", "Stream", "Status", "Rows read", "Loaded", "Quarantined", "Deduplicated", "Reconciliation",
            "Difference", "Seconds", "Latest record", "Age at run", "Freshness", "Message");
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
            sheet.Number(row, 12, stream.Age?.TotalHours, HoursFormat, KpiFormat.Age(stream.Age));
            SheetWriter.Status(sheet.Text(row, 13, FreshnessText(stream)), FreshnessStatus(stream.Freshness));
            sheet.Text(row, 14, s.Message);
            row++;
        }

        var streamsEnd = row - 1;
        Orphans(quality, sheet, row + 1);
        sheet.FixWidth(14, 60);
        sheet.Finish(filterLastRow: streamsEnd, filterLastColumn: 14);
    }

    /// <summary>Below the streams: each relation between streams with its orphans, as the latest build counted them.</summary>
    private static void Orphans(DataQualityModel quality, SheetWriter sheet, int row)
    {
        sheet.Heading(row++, "Orphans: rows whose reference names no record of the other stream (loaded, listed in audit.orphan_rows)");
        sheet.HeaderAt(row++, "Relation", "From", "To", "Rows checked", "Orphans", "Share", "Status", "Message");
        if (quality.Orphans is not { Count: > 0 } orphans)
        {
            sheet.NotAvailable(row, 1, "not available: this warehouse records no orphan counts (run cxw run)");
            return;
        }
        foreach (var o in orphans)
        {
            sheet.Text(row, 1, o.Relation);
            sheet.Text(row, 2, o.Child);
            sheet.Text(row, 3, o.Parent);
            sheet.Count(row, 4, o.Rows);
            sheet.Count(row, 5, o.Status == OrphanState.NotChecked ? null : o.Orphans);
            sheet.Number(row, 6, o.Percent / 100, "0.0%", KpiFormat.Percent(o.Percent));
            var status = sheet.Text(row, 7, StateSpelling.Text(o.Status));
            SheetWriter.Status(status, o.Status switch
            {
                OrphanState.Ok => KpiStatus.Green,
                OrphanState.Warn => KpiStatus.Amber,
                _ => KpiStatus.None,
            });
            sheet.Text(row, 8, o.Message);
            row++;
        }
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

    /// <summary>
    /// The run's verdict (<c>Late (warn)</c>), or the report's estimate with its rule (<c>Late (&gt; 26 h)</c>).
    /// </summary>
    public static string FreshnessText(StreamQuality stream) => stream.Freshness switch
    {
        Freshness.Fresh => "Fresh",
        Freshness.Warn => stream.FreshnessEstimated ? "Late (> 26 h)" : "Late (warn)",
        Freshness.Error => stream.FreshnessEstimated ? "Stale (> 50 h)" : "Stale (error)",
        Freshness.NoThreshold => "No threshold",
        _ => "Unknown",
    };

    public static KpiStatus FreshnessStatus(Freshness freshness) => freshness switch
    {
        Freshness.Fresh => KpiStatus.Green,
        Freshness.Warn => KpiStatus.Amber,
        Freshness.Error => KpiStatus.Red,
        _ => KpiStatus.None,
    };

    private static void ColourImprovement(XlsxCell cell, int improvement)
    {
        if (improvement != 0)
        {
            cell.Style.Font.SetFontColor(improvement > 0 ? SheetWriter.GreenFont : SheetWriter.RedFont);
        }
    }

    private static void DataBars(XlsxRange range, IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        if (present.Count < 2)
        {
            return;
        }

        // Explicit bounds: a bar's length runs from zero (or the lowest negative value), not from the lowest value.
        var min = Math.Min(0, present.Min());
        var max = Math.Max(present.Max(), min + 1e-9);
        range.AddDataBar(s_bar, min, max);
    }
}
