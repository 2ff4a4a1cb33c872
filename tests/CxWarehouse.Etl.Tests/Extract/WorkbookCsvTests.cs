using System.IO.Compression;
using System.Text;
using CxWarehouse.Etl.Extract;

namespace CxWarehouse.Etl.Tests.Extract;

/// <summary>
/// An .xlsx workbook's first sheet as the CSV Excel's "Save as CSV UTF-8" writes, from the parts as Excel and
/// LibreOffice write them (shared strings with rich-text and phonetic runs, inline strings, cells left out, styles
/// that make a number a date). The LibreOffice round trip of a real HubSpot export is in the CLI's RealExportTests.
/// </summary>
public sealed class WorkbookCsvTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private string Workbook(string rows, bool date1904 = false, string firstSheet = "sheet2.xml", bool chartFirst = false)
    {
        var path = Path.Combine(_folder.Path, $"book{Guid.NewGuid():N}.xlsx");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Part(string name, string xml)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }
        Part("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
        // Two sheets: the first in the workbook's order is the second part, as after a user reordered the tabs.
        Part("xl/workbook.xml", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <workbookPr date1904="{(date1904 ? "1" : "false")}"/><sheets>{(chartFirst ? "<sheet name=\"Chart\" sheetId=\"3\" r:id=\"rId9\"/>" : "")}<sheet name="Export" sheetId="2" r:id="rId7"/>
            <sheet name="Notes" sheetId="1" r:id="rId1"/></sheets></workbook>
            """);
        Part("xl/_rels/workbook.xml.rels", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>
            <Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>
            <Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/{firstSheet}"/></Relationships>
            """);
        Part("xl/worksheets/sheet1.xml", $"""<worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>notes</t></is></c></row></sheetData></worksheet>""");
        Part("xl/worksheets/sheet2.xml", $"""<worksheet xmlns="{Main}"><sheetData>{rows}</sheetData></worksheet>""");
        Part("xl/sharedStrings.xml", $"""
            <sst xmlns="{Main}" count="4" uniqueCount="4">
            <si><t>Record ID</t></si>
            <si><r><rPr><b/></rPr><t xml:space="preserve">Deal </t></r><r><t>Name</t></r></si>
            <si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>
            <si><t>Smith, "Bob"
            Jr</t></si>
            </sst>
            """);
        // Cell formats: 0 General, 1 built-in date (14), 2 built-in date-time (22), 3 custom day-first date-time,
        // 4 built-in time (20), 5 elapsed hours (a duration, shown as the number), 6 a currency with a colour.
        Part("xl/styles.xml", $"""
            <styleSheet xmlns="{Main}"><numFmts count="3">
            <numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/>
            <numFmt numFmtId="166" formatCode="[Red][$£-809]#,##0.00;&quot;minus&quot; 0"/></numFmts>
            <cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
            <cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="22"/>
            <xf numFmtId="164"/><xf numFmtId="20"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs></styleSheet>
            """);
        return path;
    }

    private static string Csv(string path)
    {
        using var output = new MemoryStream();
        Assert.True(WorkbookCsv.Write(path, "book.xlsx", output));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void FirstSheet_StringsNumbersAndDates_AsExcelSavesCsv()
    {
        var book = Workbook("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>City</t></is></c><c r="D1" t="str"><v>Closed</v></c><c r="E1" t="inlineStr"><is><t>Amount</t></is></c></row>
            <row r="2"><c r="A2"><v>6877153472</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" s="2"><v>45020.4916666667</v></c><c r="E2" s="6"><v>375000.5</v></c></row>
            <row r="3"><c r="A3"><v>2</v></c><c r="D3" s="1"><v>45020</v></c><c r="E3"><v>0.30000000000000004</v></c></row>
            <row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="e"><v>#N/A</v></c><c r="C4" s="4"><v>0.75</v></c><c r="D4" s="3"><v>45020.5</v></c><c r="E4" s="5"><v>1.5</v></c></row>
            <row r="5"><c r="A5"><v>5</v></c></row>
            <row r="6"><c r="A6"><v></v></c><c r="B6" t="d"><v>2023-04-04T11:48:00</v></c><c r="C6"><f>A5*2</f><v>10</v></c></row>
            """);

        Assert.Equal("""
            Record ID,Deal Name,City,Closed,Amount
            6877153472,"Smith, ""Bob""
            Jr",東京,2023-04-04 11:48:00,375000.5
            2,,,2023-04-04,0.3
            TRUE,#N/A,18:00:00,2023-04-04 12:00:00,1.5
            5,,,,
            ,2023-04-04 11:48:00,10,,

            """.Replace("\r\n", "\n", StringComparison.Ordinal), Csv(book));
    }

    [Fact]
    public void Date1904_AndMilliseconds_AndCellsWithoutReferences()
    {
        // Serial 0 in the 1904 system is 1 January 1904; cells without r take the next column.
        var book = Workbook("""
            <row><c t="inlineStr"><is><t>at</t></is></c><c t="inlineStr"><is><t>n</t></is></c></row>
            <row><c s="2"><v>43831.000011574</v></c><c><v>7</v></c></row>
            """, date1904: true);

        Assert.Equal("at,n\n2024-01-02 00:00:01,7\n", Csv(book));
    }

    [Fact]
    public void MissingSheet_AndBrokenXml_AreSourceFileErrors()
    {
        var missing = Workbook("", firstSheet: "sheet9.xml");
        var ex = Assert.Throws<SourceFileException>(() => Csv(missing));
        Assert.Contains("book.xlsx: the Excel workbook names its first sheet xl/worksheets/sheet9.xml, which it does not hold",
            ex.Message, StringComparison.Ordinal);

        var broken = Workbook("<row><c t=\"s\"><v>99</v></c></row>");
        var fault = Assert.Throws<SourceFileException>(() => Csv(broken));
        Assert.StartsWith("book.xlsx: the Excel workbook cannot be read (", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AChartSheetBeforeTheFirstWorksheet_IsPassedOver()
    {
        var rows = """<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c r="A2"><v>7</v></c></row>""";

        Assert.Equal("id\n7\n", Csv(Workbook(rows, chartFirst: true)));
    }

    [Fact]
    public void ACellBeyondTheLastColumn_IsABrokenSheet_NotMillionsOfFields()
    {
        var wide = Workbook("""<row r="1"><c r="XFD1" t="inlineStr"><is><t>last</t></is></c></row><row r="2"><c r="ZZZZZ2"><v>1</v></c></row>""");

        var ex = Assert.Throws<SourceFileException>(() => Csv(wide));
        Assert.Contains("a cell reference (ZZZZZ2) beyond the last column, XFD", ex.Message, StringComparison.Ordinal);
        Assert.Equal(16_383, WorkbookCsv.ColumnIndex("XFD1"));
    }

    [Theory]
    [InlineData("yyyy-mm-dd", "Date")]
    [InlineData("m/d/yy h:mm AM/PM", "Date, Time")]
    [InlineData("hh:mm", "Time")]
    [InlineData("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", "Date")]
    [InlineData("#,##0.00 \"days\"", "None")]
    [InlineData("[h]:mm", "None")]
    [InlineData("0.00%", "None")]
    [InlineData("General", "None")]
    public void CustomFormats_DatesTimesOrNumbers(string code, string expected) =>
        Assert.Equal(expected, WorkbookCsv.KindOf(code).ToString());

    [Fact]
    public void NotAWorkbook_IsNotTakenForOne()
    {
        var csv = Path.Combine(_folder.Path, "deals.xlsx");
        File.WriteAllText(csv, "Record ID,Deal Stage\n1,won\n");
        Assert.False(WorkbookCsv.IsWorkbook(csv));
        var otherZip = Path.Combine(_folder.Path, "docs.zip");
        using (var zip = ZipFile.Open(otherZip, ZipArchiveMode.Create))
        {
            zip.CreateEntry("word/document.xml");
        }
        Assert.False(WorkbookCsv.IsWorkbook(otherZip));
        Assert.True(WorkbookCsv.IsWorkbook(Workbook("")));
    }
}
