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
        using var workbook = new XLWorkbook();
        var cell = workbook.AddWorksheet("S").Cell(1, 1);

        var stored = SafeCell.Text(cell, value);

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
        using var workbook = new XLWorkbook();
        var cell = workbook.AddWorksheet("S").Cell(1, 1);

        SafeCell.Text(cell, value);

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
        using var workbook = new XLWorkbook();
        var cell = workbook.AddWorksheet("S").Cell(1, 1);

        SafeCell.Text(cell, new string('z', 100_000));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        Assert.Equal(SafeCell.MaxCellLength, cell.GetString().Length);
    }

    [Fact]
    public void Sanitize_ControlCharacters_ReplacedOrNormalised()
    {
        Assert.Equal("a\uFFFDb\nc\nd\te", SafeCell.Sanitize("a\u0001b\r\nc\rd\te"));
        Assert.Equal("x\uFFFDy", SafeCell.Sanitize("x\uD800y"));
        Assert.Equal("😀", SafeCell.Sanitize("😀"));
    }
}
