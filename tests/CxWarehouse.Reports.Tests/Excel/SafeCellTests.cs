using ClosedXML.Excel;
using CxWarehouse.Reports.Excel;

namespace CxWarehouse.Reports.Tests.Excel;

public sealed class SafeCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1")]
    [InlineData("-2")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\rcmd")]
    [InlineData("\0cmd")]
    [InlineData("  =1+1")]
    public void Text_FormulaTrigger_QuotedTextWithoutFormula(string value)
    {
        var stored = "";
        using var workbook = Saved(cell => stored = SafeCell.Text(cell, value));
        var cell = workbook.Worksheet(1).Cell(1, 1);

        Assert.StartsWith("'", stored, StringComparison.Ordinal);
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.False(cell.HasFormula);
        Assert.True(cell.Style.IncludeQuotePrefix);
    }

    [Theory]
    [InlineData("Lisbon")]
    [InlineData("123")]
    [InlineData("2026-11-16")]
    [InlineData("服务很好 😀")]
    public void Text_PlainText_StoredAsIsAsText(string value)
    {
        using var workbook = Saved(cell => SafeCell.Text(cell, value));
        var cell = workbook.Worksheet(1).Cell(1, 1);

        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.Equal(value, cell.GetString());
        Assert.False(cell.Style.IncludeQuotePrefix);
    }

    [Fact]
    public void Truncate_OverLimit_CutsOnCodePointWithMarker()
    {
        // An emoji (surrogate pair) straddles the cut position.
        var cut = SafeCell.MaxCellLength - SafeCell.TruncationMarker.Length;
        var value = new string('x', cut - 1) + "😀" + new string('y', 100);

        var truncated = SafeCell.Truncate(value);

        Assert.True(truncated.Length <= SafeCell.MaxCellLength);
        Assert.EndsWith(SafeCell.TruncationMarker, truncated, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(truncated[^(SafeCell.TruncationMarker.Length + 1)]));
    }

    [Fact]
    public void Text_HugeString_FitsInCellAndSaves()
    {
        using var workbook = Saved(cell => SafeCell.Text(cell, new string('z', 100_000)));

        Assert.Equal(SafeCell.MaxCellLength, workbook.Worksheet(1).Cell(1, 1).GetString().Length);
    }

    [Fact]
    public void Sanitize_ControlCharacters_ReplacedOrNormalised()
    {
        Assert.Equal("a\uFFFDb\nc\nd\te", SafeCell.Sanitize("a\u0001b\r\nc\rd\te"));
        Assert.Equal("x\uFFFDy", SafeCell.Sanitize("x\uD800y"));
        Assert.Equal("😀", SafeCell.Sanitize("😀"));
    }

    [Fact]
    public void Save_ControlCharactersInTheTitle_WorkbookStillOpens()
    {
        var workbook = new XlsxWorkbook { Title = "Lumen\u0001 Studios", Author = "CxWarehouse" };
        workbook.AddWorksheet("S").Cell(1, 1).SetValue("x");
        using var stream = new MemoryStream();

        XlsxPackageWriter.Save(workbook, [], stream);
        stream.Position = 0;
        using var read = new XLWorkbook(stream);

        Assert.Equal("Lumen\uFFFD Studios", read.Properties.Title);
        Assert.Equal("x", read.Worksheet(1).Cell(1, 1).GetString());
    }

    /// <summary>A workbook whose cell A1 <paramref name="write"/> wrote, saved and read back with ClosedXML.</summary>
    private static XLWorkbook Saved(Action<XlsxCell> write)
    {
        var workbook = new XlsxWorkbook();
        write(workbook.AddWorksheet("S").Cell(1, 1));
        var stream = new MemoryStream();
        XlsxPackageWriter.Save(workbook, [], stream);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }
}
