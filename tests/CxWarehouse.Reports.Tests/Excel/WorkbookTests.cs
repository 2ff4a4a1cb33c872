using ClosedXML.Excel;
using CxWarehouse.Reports.Excel;
using CxWarehouse.Reports.Tests.Support;

namespace CxWarehouse.Reports.Tests.Excel;

public sealed class WorkbookTests(GeneratedReport report) : IClassFixture<GeneratedReport>
{
    [Fact]
    public void Workbook_Sheets_AllInOrder()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);

        Assert.Equal(
            [
                "Summary", "Trends", "Benchmark", "Journey", "Voice of customer", "Key drivers", "Follow-ups",
                "Emerging topics", "Competitors", "Customers at risk", "Data quality",
                "Definitions",
            ],
            workbook.Worksheets.Select(w => w.Name));
    }

    [Fact]
    public void Summary_Header_AtRow4()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.SummarySheet);

        string[] expected =
            ["KPI", "Value", "Target", "Baseline", "Prior period", "Change", "Status", "n", "Sample", "Unit"];
        Assert.Equal(expected, expected.Select((_, i) => sheet.Cell(SheetWriter.HeaderRow, i + 1).GetString()));
        Assert.Contains("2026-W47", sheet.Cell(SheetWriter.SubtitleRow, 1).GetString(), StringComparison.Ordinal);
        Assert.Contains(
            "2026-11-23 08:00 UTC", sheet.Cell(SheetWriter.SubtitleRow, 1).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_KpiValue_EqualsWarehouseValueWithUnitFormat()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.SummarySheet);

        var nps = RowOf(sheet, "NPS");
        var csat = RowOf(sheet, "CSAT");
        var aht = RowOf(sheet, "Average handle time");

        Assert.Equal(XLDataType.Number, nps.Cell(2).DataType);
        Assert.Equal(SampleWarehouse.NpsValue, nps.Cell(2).GetDouble());
        Assert.Equal("0.0", nps.Cell(2).Style.NumberFormat.Format);
        Assert.Equal(SampleWarehouse.CsatValue, csat.Cell(2).GetDouble());
        Assert.Equal("0.0\"%\"", csat.Cell(2).Style.NumberFormat.Format);
        Assert.Equal("#,##0\" s\"", aht.Cell(2).Style.NumberFormat.Format);
        Assert.Equal(40.0, nps.Cell(5).GetDouble()); // prior week
        Assert.Equal(1.0, nps.Cell(6).GetDouble(), 9); // delta
    }

    [Fact]
    public void Summary_Status_FilledByColour()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.SummarySheet);

        AssertFill(RowOf(sheet, "CSAT").Cell(7), "Green", SheetWriter.GreenFill);
        AssertFill(RowOf(sheet, "Average handle time").Cell(7), "Amber", SheetWriter.AmberFill);
        AssertFill(RowOf(sheet, "Service level (80/20)").Cell(7), "Red", SheetWriter.RedFill);
    }

    [Fact]
    public void Summary_MissingKpi_NotAvailableRow()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.SummarySheet);

        Assert.Equal("not available: no web data configured", RowOf(sheet, "Conversion rate").Cell(2).GetString());
        Assert.Equal("Low sample", RowOf(sheet, "Review rating").Cell(9).GetString());
    }

    [Fact]
    public void EverySheet_FrozenHeaderFilterAndPrintSetup()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);

        foreach (var sheet in workbook.Worksheets)
        {
            Assert.Equal(SheetWriter.HeaderRow, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled, sheet.Name);
            Assert.Equal(SheetWriter.HeaderRow, sheet.AutoFilter.Range.FirstRow().RowNumber());
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(1, sheet.PageSetup.PagesWide);
            Assert.Equal(SheetWriter.HeaderRow, sheet.PageSetup.LastRowToRepeatAtTop);
            Assert.All(sheet.ColumnsUsed(), c => Assert.InRange(c.Width, 6, 81));
        }
    }

    [Fact]
    public void Trends_TwelveWeekColumns_WithColourScales()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.TrendsSheet);

        Assert.Equal("2026-W36", sheet.Cell(SheetWriter.HeaderRow, 3).GetString());
        Assert.Equal("2026-W47", sheet.Cell(SheetWriter.HeaderRow, 14).GetString());
        var nps = RowOf(sheet, "NPS");
        Assert.Equal(30.0, nps.Cell(3).GetDouble());
        Assert.Equal(41.0, nps.Cell(14).GetDouble());
        Assert.True(RowOf(sheet, "Review rating").Cell(8).IsEmpty()); // the week with no row stays blank
        Assert.Contains(sheet.ConditionalFormats, f => f.ConditionalFormatType == XLConditionalFormatType.ColorScale);
    }

    [Fact]
    public void Benchmark_RankedBestFirst_DirectionAware()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.BenchmarkSheet);
        var rows = sheet.RowsUsed().Where(r => r.RowNumber() > SheetWriter.HeaderRow).ToList();

        var agents = rows.Where(r => r.Cell(1).GetString() == "agent").ToList();
        Assert.Equal([290.0, 305.0, 330.0], agents.Select(r => r.Cell(5).GetDouble())); // lower is better
        Assert.Equal([1.0, 2.0, 3.0], agents.Select(r => r.Cell(3).GetDouble()));
        var locations = rows.Where(r => r.Cell(1).GetString() == "location").ToList();
        Assert.Equal(52.0, locations[0].Cell(5).GetDouble());
        Assert.Equal(100.0, locations[0].Cell(7).GetDouble());
        Assert.Contains(sheet.ConditionalFormats, f => f.ConditionalFormatType == XLConditionalFormatType.DataBar);
    }

    [Fact]
    public void Injection_DataStrings_TextWithQuotePrefixAndNoFormula()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var cells = workbook.Worksheets.SelectMany(s => s.CellsUsed()).ToList();

        foreach (var payload in new[]
                 {
                     SampleWarehouse.HyperlinkLocation, SampleWarehouse.PlusAgent, SampleWarehouse.MinusChannel,
                     SampleWarehouse.AtAgent, SampleWarehouse.JourneyFormulaPath,
                 })
        {
            var cell = Assert.Single(cells, c => c.DataType == XLDataType.Text && c.GetString() == "'" + payload);
            Assert.False(cell.HasFormula);
            Assert.True(cell.Style.IncludeQuotePrefix, payload);
        }

        Assert.DoesNotContain(cells, c => c.HasFormula);
    }

    [Fact]
    public void Injection_SheetXml_HasNoFormulaElementInCells()
    {
        var sheets = XlsxPackage.Worksheets(report.XlsxPath);

        Assert.Equal(12, sheets.Count);
        Assert.All(sheets, s => Assert.False(XlsxPackage.HasFormulaElement(XlsxPackage.SheetData(s.Xml)), s.Entry));
    }

    [Fact]
    public void Injection_RealNegativeNumber_StaysNumeric()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.BenchmarkSheet);

        var shanghai = RowOf(sheet, SampleWarehouse.ShanghaiLocation, column: 4);

        Assert.Equal(XLDataType.Number, shanghai.Cell(5).DataType);
        Assert.Equal(SampleWarehouse.ShanghaiNps, shanghai.Cell(5).GetDouble());
        Assert.False(shanghai.Cell(5).Style.IncludeQuotePrefix);
    }

    [Fact]
    public void Customers_Masked_ByDefault()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.CustomersSheet);

        var maria = RowOf(sheet, "c-001");
        Assert.Equal("M***", maria.Cell(2).GetString());
        Assert.Equal("m***@e***.com", maria.Cell(3).GetString());
        Assert.Equal("***78", maria.Cell(4).GetString());
        Assert.Equal("王***", RowOf(sheet, "c-002").Cell(2).GetString());
        var text = string.Join("|", sheet.CellsUsed().Select(c => c.GetString()));
        Assert.DoesNotContain("maria.silva", text, StringComparison.Ordinal);
        Assert.DoesNotContain("912 345", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Silva", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Voice_QuotesIntactAndEmailsMasked()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.VoiceSheet);
        var quotes = sheet.Column(5).CellsUsed().Select(c => c.GetString()).ToList();

        Assert.Contains(SampleWarehouse.ScriptQuote, quotes);
        Assert.Contains(
            quotes, q => q.StartsWith("服务很好 😀", StringComparison.Ordinal) && q.Contains("a***@e***.com"));
    }

    [Fact]
    public void DataQuality_Reconciliation_OkAndMismatch()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.DataQualitySheet);

        var crm = RowOf(sheet, "crm");
        var calls = RowOf(sheet, "calls");
        Assert.Equal("OK", crm.Cell(8).GetString());
        Assert.Equal("MISMATCH", calls.Cell(8).GetString());
        Assert.Equal(7.0, calls.Cell(9).GetDouble());
        AssertFill(calls.Cell(8), "MISMATCH", SheetWriter.RedFill);
        Assert.Equal("Fresh", crm.Cell(13).GetString());
        Assert.Equal("yyyy-mm-dd hh:mm", crm.Cell(11).Style.NumberFormat.Format);
        Assert.Contains("run-2026-11-23", sheet.Cell(SheetWriter.NoteRow, 1).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DataQuality_Orphans_CountedPerRelationOfTheLatestBuild()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.DataQualitySheet);

        var orders = RowOf(sheet, "order_customer");
        Assert.Equal(("crm.orders", "crm.customers"), (orders.Cell(2).GetString(), orders.Cell(3).GetString()));
        Assert.Equal((1200.0, 90.0, 0.075), (orders.Cell(4).GetDouble(), orders.Cell(5).GetDouble(), orders.Cell(6).GetDouble()));
        AssertFill(orders.Cell(7), "warn", SheetWriter.AmberFill);
        Assert.Contains("above the threshold of 5%", orders.Cell(8).GetString(), StringComparison.Ordinal);
        AssertFill(RowOf(sheet, "response_ticket").Cell(7), "ok", SheetWriter.GreenFill);
        var reviews = RowOf(sheet, "review_location");
        Assert.Equal(("not checked", ""), (reviews.Cell(7).GetString(), reviews.Cell(5).GetString()));
    }

    [Fact]
    public void DataQuality_Freshness_RunVerdictAgeAndColour()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.DataQualitySheet);

        Assert.Equal("Age at run", sheet.Cell(SheetWriter.HeaderRow, 12).GetString());
        var calls = RowOf(sheet, "calls");
        Assert.Equal(30.0, calls.Cell(12).GetDouble(), 9); // audit.stream_runs.age_hours
        Assert.Equal("#,##0.0\" h\"", calls.Cell(12).Style.NumberFormat.Format);
        AssertFill(calls.Cell(13), "Late (warn)", SheetWriter.AmberFill);
        AssertFill(RowOf(sheet, "reviews").Cell(13), "Stale (error)", SheetWriter.RedFill);
        Assert.Equal("No threshold", RowOf(sheet, "web").Cell(13).GetString());
        Assert.Equal(
            new DateTime(2026, 11, 21, 20, 0, 0), calls.Cell(11).GetDateTime()); // newest record, reporting zone
    }

    [Fact]
    public void Summary_StaleStream_BannerAboveTheTable()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.SummarySheet);
        var banner = sheet.Cell(SheetWriter.NoteRow, 1);

        var text = banner.GetString();
        Assert.StartsWith("⚠ Stale data: 2 of 4 streams", text, StringComparison.Ordinal);
        Assert.Contains("reviews.google stale, newest record 3.1 days old", text, StringComparison.Ordinal);
        Assert.Contains("calls.call_log late, newest record 30 h old", text, StringComparison.Ordinal);
        Assert.Contains("At a glance:", text, StringComparison.Ordinal);
        Assert.True(banner.IsMerged());
        Assert.Equal(XLColor.FromHtml("#" + SheetWriter.RedFill).Color.ToArgb(), banner.Style.Fill.BackgroundColor.Color.ToArgb());
        Assert.True(banner.Style.Font.Bold);
    }

    [Fact]
    public void Journey_Funnel_EqualsMartForReportMonth()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.JourneySheet);

        string[] headers = ["Stage", "Customers", "Reached next", "Conversion", "Drop-off", "Median days to next"];
        Assert.Equal(headers, headers.Select((_, i) => sheet.Cell(SheetWriter.HeaderRow, i + 1).GetString()));
        Assert.Contains("2026-11", sheet.Cell(SheetWriter.NoteRow, 1).GetString(), StringComparison.Ordinal);
        var rows = Enumerable.Range(SheetWriter.FirstDataRow, 5).Select(sheet.Row).ToList();
        Assert.Equal(
            ["awareness", "consideration", "purchase", "service", "loyalty"], rows.Select(r => r.Cell(1).GetString()));
        Assert.Equal(SampleWarehouse.FunnelCustomers.Select(c => (double)c), rows.Select(r => r.Cell(2).GetDouble()));
        Assert.Equal(600.0, rows[0].Cell(3).GetDouble());
        Assert.Equal(60.0, rows[0].Cell(4).GetDouble(), 9);
        Assert.Equal(40.0, rows[0].Cell(5).GetDouble(), 9);
        Assert.Equal(3.5, rows[0].Cell(6).GetDouble());
        Assert.Equal("0.0\"%\"", rows[0].Cell(4).Style.NumberFormat.Format);
        Assert.Equal("0.0\" d\"", rows[0].Cell(6).Style.NumberFormat.Format);
        Assert.Equal("#,##0", rows[0].Cell(2).Style.NumberFormat.Format);
        Assert.True(rows[4].Cell(4).IsEmpty()); // the last stage has no conversion
        Assert.Equal(SheetWriter.FirstDataRow + 4, sheet.AutoFilter.Range.LastRow().RowNumber());
        Assert.Contains(
            sheet.ConditionalFormats,
            f => f.ConditionalFormatType == XLConditionalFormatType.DataBar
                 && f.Range.RangeAddress.FirstAddress.ColumnNumber == 2);
    }

    [Fact]
    public void Journey_ByChannel_CustomersPerStageAndStepConversion()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.JourneySheet);

        var header = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "First-touch channel");
        Assert.Equal("awareness", header.Cell(2).GetString());
        Assert.Equal("→ consideration", header.Cell(7).GetString());
        var web = RowOf(sheet, "web");
        Assert.Equal([500.0, 320.0, 120.0, 60.0, 30.0], Enumerable.Range(2, 5).Select(c => web.Cell(c).GetDouble()));
        Assert.Equal(64.0, web.Cell(7).GetDouble(), 9);
        Assert.Equal(37.5, web.Cell(8).GetDouble(), 9);
        Assert.Equal(300.0, RowOf(sheet, "phone").Cell(2).GetDouble());
        Assert.Equal(200.0, RowOf(sheet, SampleWarehouse.JourneyCjkChannel).Cell(2).GetDouble());
        Assert.DoesNotContain(sheet.RowsUsed(), r => r.Cell(1).GetString() == "Champions");
    }

    [Fact]
    public void Journey_Paths_TopTenBuyerAndNonBuyerAsText()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.JourneySheet);
        var captions = sheet.Column(1).CellsUsed().Select(c => c.GetString()).ToList();

        var buyerStart = captions.FindIndex(c => c.StartsWith("Top buyer paths", StringComparison.Ordinal));
        var nonBuyerStart = captions.FindIndex(c => c.StartsWith("Top non-buyer paths", StringComparison.Ordinal));
        Assert.Equal(10, nonBuyerStart - buyerStart - 2); // caption, header, then the top 10 of 12
        var first = RowOf(sheet, "awareness:web > consideration:web > purchase:store");
        Assert.Equal([1.0, 90.0, 37.5, 3.0, 12.0], Enumerable.Range(2, 5).Select(c => first.Cell(c).GetDouble()));
        Assert.Equal("0.0\"%\"", first.Cell(4).Style.NumberFormat.Format);
        Assert.Single(sheet.CellsUsed(), c => c.GetString() == SampleWarehouse.JourneyScriptPath);
        Assert.Single(sheet.CellsUsed(), c => c.GetString() == SampleWarehouse.JourneyCjkPath);
        var formula = RowOf(sheet, "'" + SampleWarehouse.JourneyFormulaPath);
        Assert.Equal("consideration", formula.Cell(7).GetString());
        Assert.Equal(250.0, formula.Cell(3).GetDouble());
        Assert.DoesNotContain(sheet.CellsUsed(), c => c.GetString().EndsWith("#11", StringComparison.Ordinal));
    }

    [Fact]
    public void Journey_CohortMatrix_PercentWithColourScale()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.JourneySheet);

        var header = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "Cohort");
        Assert.Equal(["M0", "M1", "M6"], new[] { 3, 4, 9 }.Select(c => header.Cell(c).GetString()));
        var june = RowOf(sheet, "2026-06");
        Assert.Equal(100.0, june.Cell(2).GetDouble());
        Assert.Equal(
            Enumerable.Range(0, 7).Select(m => SampleWarehouse.Retention(0, m)),
            Enumerable.Range(3, 7).Select(c => june.Cell(c).GetDouble()));
        Assert.Equal("0.0\"%\"", june.Cell(4).Style.NumberFormat.Format);
        Assert.True(RowOf(sheet, "2026-11").Cell(5).IsEmpty()); // November has one month of history
        Assert.DoesNotContain(sheet.RowsUsed(), r => r.Cell(1).GetString() == "2026-12"); // after the report
        Assert.Contains(sheet.ConditionalFormats, f => f.ConditionalFormatType == XLConditionalFormatType.ColorScale);
    }

    [Fact]
    public void Definitions_EveryRegistryKpi()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.DefinitionsSheet);

        var kpis = sheet.Column(1).CellsUsed().Skip(4).Select(c => c.GetString()).ToList();
        Assert.Equal(
            ["nps", "csat", "service_level", "aht", "review_rating", "first_response_time", "conversion_rate"], kpis);
        Assert.Equal("Lower is better", RowOf(sheet, "aht").Cell(6).GetString());
    }

    private static IXLRow RowOf(IXLWorksheet sheet, string text, int column = 1) =>
        sheet.RowsUsed().Single(r => r.RowNumber() > SheetWriter.HeaderRow && r.Cell(column).GetString() == text);

    private static void AssertFill(IXLCell cell, string text, string expected)
    {
        Assert.Equal(text, cell.GetString());
        Assert.Equal(XLColor.FromHtml("#" + expected).Color.ToArgb(), cell.Style.Fill.BackgroundColor.Color.ToArgb());
    }
}
