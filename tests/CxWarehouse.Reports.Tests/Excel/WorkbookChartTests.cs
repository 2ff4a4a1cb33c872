using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClosedXML.Excel;
using CxWarehouse.Reports.Excel;
using CxWarehouse.Reports.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace CxWarehouse.Reports.Tests.Excel;

/// <summary>The workbook's native charts, read back with the Open XML SDK and checked against the cells they plot.</summary>
public sealed partial class WorkbookChartTests(GeneratedReport report) : IClassFixture<GeneratedReport>
{
    private static readonly XNamespace C = "http://schemas.openxmlformats.org/drawingml/2006/chart";

    private sealed record Plotted(string Title, string Kind, string Categories, string Values, int Points);

    private List<Plotted> Charts(string sheetName)
    {
        using var document = SpreadsheetDocument.Open(report.XlsxPath, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>()
            .Single(s => s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        if (part.DrawingsPart is not { } drawings)
        {
            return [];
        }

        return [.. drawings.ChartParts.Select(chart =>
        {
            using var stream = chart.GetStream();
            var xml = XDocument.Load(stream);
            var ser = xml.Descendants(C + "ser").Single();
            return new Plotted(
                string.Concat(xml.Descendants(C + "title").Descendants().Where(e => e.Name.LocalName == "t").Select(e => e.Value)),
                xml.Descendants(C + "plotArea").Elements().First(e => e.Name.LocalName.EndsWith("Chart", StringComparison.Ordinal)).Name.LocalName,
                ser.Element(C + "cat")!.Descendants(C + "f").Single().Value,
                ser.Element(C + "val")!.Descendants(C + "f").Single().Value,
                ser.Element(C + "val")!.Descendants(C + "pt").Count());
        })];
    }

    [Fact]
    public void Summary_HasATrendLinePerKpiWithTwoWeeks_PlottingItsRowOfTheTrendsSheet()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var trends = workbook.Worksheet(WorkbookWriter.TrendsSheet);
        var expected = Enumerable.Range(SheetWriter.FirstDataRow, 200)
            .Where(r => !trends.Cell(r, 1).IsEmpty())
            .Where(r => Enumerable.Range(3, 12).Count(c => trends.Cell(r, c).DataType == XLDataType.Number) >= 2)
            .Select(r => trends.Cell(r, 1).GetString())
            .ToList();

        var charts = Charts(WorkbookWriter.SummarySheet);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, charts.Select(c => c.Title[..c.Title.LastIndexOf(" (", StringComparison.Ordinal)]));
        Assert.All(charts, chart =>
        {
            Assert.Equal("lineChart", chart.Kind);
            Assert.Equal("'Trends'!$C$4:$N$4", chart.Categories);
            var values = Range().Match(chart.Values);
            Assert.True(values.Success, chart.Values);
            var row = int.Parse(values.Groups["row"].Value);
            Assert.Equal(row, int.Parse(values.Groups["row2"].Value));
            Assert.StartsWith(trends.Cell(row, 1).GetString(), chart.Title, StringComparison.Ordinal);
            Assert.Equal(Enumerable.Range(3, 12).Count(c => trends.Cell(row, c).DataType == XLDataType.Number), chart.Points);
        });
    }

    [Fact]
    public void Benchmark_HasABarChartPerKpiAndDimension_PlottingItsPeers()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var sheet = workbook.Worksheet(WorkbookWriter.BenchmarkSheet);

        var charts = Charts(WorkbookWriter.BenchmarkSheet);

        Assert.NotEmpty(charts);
        Assert.All(charts, chart =>
        {
            Assert.Equal("barChart", chart.Kind);
            var peers = Range().Match(chart.Categories);
            var values = Range().Match(chart.Values);
            Assert.Equal("D", peers.Groups["column"].Value);
            Assert.Equal("E", values.Groups["column"].Value);
            var (first, last) = (int.Parse(values.Groups["row"].Value), int.Parse(values.Groups["row2"].Value));
            Assert.Equal(peers.Groups["row"].Value, values.Groups["row"].Value);
            var kpi = sheet.Cell(first, 2).GetString();
            var dimension = sheet.Cell(first, 1).GetString();
            Assert.Equal($"{kpi} by {dimension}", chart.Title);
            Assert.All(Enumerable.Range(first, last - first + 1), r => Assert.Equal(kpi, sheet.Cell(r, 2).GetString()));
            Assert.True(
                sheet.Cell(last + 1, 2).GetString() != kpi || sheet.Cell(last + 1, 1).GetString() != dimension,
                $"{chart.Title} stops before its group's last row");
            Assert.Equal(Enumerable.Range(first, last - first + 1).Count(r => sheet.Cell(r, 5).DataType == XLDataType.Number), chart.Points);
        });
    }

    [Fact]
    public void ChartAndDrawingParts_AreValidOpenXml()
    {
        using var document = SpreadsheetDocument.Open(report.XlsxPath, isEditable: false);

        var errors = new OpenXmlValidator()
            .Validate(document)
            .Where(e => e.Part?.Uri.OriginalString.Contains("/charts/", StringComparison.Ordinal) == true
                        || e.Part?.Uri.OriginalString.Contains("/drawings/", StringComparison.Ordinal) == true
                        || e.Node is DocumentFormat.OpenXml.Spreadsheet.Drawing)
            .Select(e => $"{e.Part?.Uri}: {e.Path?.XPath}: {e.Description}")
            .ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void WholePackage_IsValidOpenXml()
    {
        // The workbook is written without an object model: every part is checked against the schema, not only the
        // charts' (sheets, styles, shared strings, comments, workbook with its defined names, properties).
        using var document = SpreadsheetDocument.Open(report.XlsxPath, isEditable: false);

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2010)
            .Validate(document)
            .Select(e => $"{e.Part?.Uri}: {e.Path?.XPath}: {e.Description}")
            .ToList();

        Assert.Empty(errors);
        Assert.Equal(12, document.WorkbookPart!.WorksheetParts.Count());
        Assert.NotNull(document.WorkbookPart.WorkbookStylesPart);
        Assert.NotNull(document.WorkbookPart.SharedStringTablePart);
    }

    [Fact]
    public void WrappedText_RowsAreTallEnoughForIt()
    {
        using var workbook = new XLWorkbook(report.XlsxPath);
        var summary = workbook.Worksheet(WorkbookWriter.SummarySheet);

        foreach (var cell in summary.CellsUsed(c => c.Address.RowNumber > SheetWriter.HeaderRow && c.Style.Alignment.WrapText))
        {
            var lines = SheetWriter.WrappedLines(cell.GetString(), summary.Column(cell.Address.ColumnNumber).Width);
            Assert.True(
                lines == 1 || summary.Row(cell.Address.RowNumber).Height >= 15 * lines,
                $"{cell.Address}: {lines} lines in a row {summary.Row(cell.Address.RowNumber).Height} pt tall");
        }
    }

    [GeneratedRegex(@"^'[^']+'!\$(?<column>[A-Z]+)\$(?<row>\d+):\$[A-Z]+\$(?<row2>\d+)$")]
    private static partial Regex Range();
}
