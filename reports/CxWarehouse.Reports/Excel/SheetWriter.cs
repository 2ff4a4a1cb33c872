using System.Globalization;
using System.Text;
using CxWarehouse.Reports.Model;

namespace CxWarehouse.Reports.Excel;

/// <summary>Writes one worksheet with the shared layout and tracks column widths from the text written.</summary>
/// <remarks>
/// Layout: row 1 title, row 2 period and generation time, row 3 a one-line summary, row 4 the header,
/// data from row 5. Widths are computed here because <c>AdjustToContents</c> needs libgdiplus on Linux.
/// </remarks>
internal sealed class SheetWriter
{
    public const int TitleRow = 1;
    public const int SubtitleRow = 2;
    public const int NoteRow = 3;
    public const int HeaderRow = 4;
    public const int FirstDataRow = 5;

    public const string HeaderFill = "1F4E78";
    public const string GreenFill = "C6EFCE";
    public const string GreenFont = "006100";
    public const string AmberFill = "FFEB9C";
    public const string AmberFont = "9C5700";
    public const string RedFill = "FFC7CE";
    public const string RedFont = "9C0006";
    public const string MutedFont = "6B7280";

    private const double MinWidth = 6;

    /// <summary>Points per line of 11-point Calibri.</summary>
    private const double LineHeight = 15;
    private const double MaxWidth = 80;

    private readonly Dictionary<int, double> _widths = [];
    private int _lastColumn;

    public SheetWriter(XlsxSheet sheet) => Sheet = sheet;

    public XlsxSheet Sheet { get; }

    public int LastRow { get; private set; } = HeaderRow;

    public void Title(string title, string subtitle, string? note)
    {
        var cell = Sheet.Cell(TitleRow, 1);
        SafeCell.Text(cell, title);
        cell.Style.Font.SetBold(true).Font.SetFontSize(14).Font.SetFontColor(HeaderFill);
        SafeCell.Text(Sheet.Cell(SubtitleRow, 1), subtitle);
        Sheet.Cell(SubtitleRow, 1).Style.Font.SetFontColor(MutedFont);
        if (note is not null)
        {
            SafeCell.Text(Sheet.Cell(NoteRow, 1), note);
            Sheet.Cell(NoteRow, 1).Style.Font.SetItalic(true);
        }
    }

    public void Header(params string[] headers) => HeaderAt(HeaderRow, headers);

    /// <summary>A header row for a further table below the first one, styled like the sheet's header.</summary>
    public void HeaderAt(int row, params string[] headers)
    {
        for (var i = 0; i < headers.Length; i++)
        {
            var cell = Sheet.Cell(row, i + 1);
            Track(i + 1, SafeCell.Text(cell, headers[i]), 1.15);
            cell.Style.Font.SetBold(true)
                .Font.SetFontColor("FFFFFF")
                .Fill.SetBackgroundColor(HeaderFill)
                .Alignment.SetVertical(VerticalAlignment.Center)
                .Alignment.SetWrapText(true);
        }

        _lastColumn = Math.Max(_lastColumn, headers.Length);
        if (row != HeaderRow)
        {
            Touch(row, headers.Length);
            Sheet.SetRowHeight(row, 30);
        }
    }

    /// <summary>A bold caption above a further table; it overflows to the right and does not size column A.</summary>
    public XlsxCell Heading(int row, string text)
    {
        var cell = Sheet.Cell(row, 1);
        SafeCell.Text(cell, text);
        cell.Style.Font.SetBold(true).Font.SetFontSize(12).Font.SetFontColor(HeaderFill)
            .Alignment.SetWrapText(false);
        Touch(row, 1);
        return cell;
    }

    /// <summary>Text that wraps within its column, sizing the column to at most <paramref name="maxWidth"/>.</summary>
    public XlsxCell WrappedText(int row, int column, string value, double maxWidth)
    {
        var cell = Sheet.Cell(row, column);
        var text = SafeCell.Text(cell, value);
        if (!_widths.TryGetValue(column, out var current) || current >= 0)
        {
            _widths[column] = Math.Max(current, Math.Min(DisplayWidth(text), maxWidth));
        }

        cell.Style.Alignment.SetWrapText(true).Alignment.SetVertical(VerticalAlignment.Top);
        Touch(row, column);
        return cell;
    }

    public XlsxCell Text(int row, int column, string? value)
    {
        var cell = Sheet.Cell(row, column);
        Track(column, SafeCell.Text(cell, value));
        Touch(row, column);
        return cell;
    }

    /// <summary>A muted, italic "not available" line.</summary>
    public XlsxCell NotAvailable(int row, int column, string message)
    {
        var cell = Text(row, column, message);
        cell.Style.Font.SetItalic(true).Font.SetFontColor(MutedFont);
        return cell;
    }

    /// <summary>Writes a number with a format; null leaves the cell blank. <c>display</c> sizes the column.</summary>
    public XlsxCell Number(int row, int column, double? value, string format, string display)
    {
        var cell = Sheet.Cell(row, column);
        if (value is { } v && double.IsFinite(v))
        {
            cell.SetValue(v);
            cell.Style.NumberFormat.SetFormat(format);
            Track(column, display);
        }

        Touch(row, column);
        return cell;
    }

    public XlsxCell Count(int row, int column, long? value) =>
        Number(row, column, value, "#,##0", value?.ToString("#,##0", CultureInfo.InvariantCulture) ?? "");

    public XlsxCell Date(int row, int column, DateTime? value, string format, string display)
    {
        var cell = Sheet.Cell(row, column);
        if (value is { } v)
        {
            cell.SetValue(v);
            cell.Style.NumberFormat.SetFormat(format);
            Track(column, display);
        }

        Touch(row, column);
        return cell;
    }

    public static void Status(XlsxCell cell, KpiStatus status)
    {
        var (fill, font) = status switch
        {
            KpiStatus.Green => (GreenFill, GreenFont),
            KpiStatus.Amber => (AmberFill, AmberFont),
            KpiStatus.Red => (RedFill, RedFont),
            _ => (null, MutedFont),
        };
        if (fill is not null)
        {
            cell.Style.Fill.SetBackgroundColor(fill).Font.SetBold(true);
        }

        cell.Style.Font.SetFontColor(font).Alignment.SetHorizontal(HorizontalAlignment.Center);
    }

    /// <summary>Fixes a column's width (for wrapped free text) instead of sizing it from content.</summary>
    public void FixWidth(int column, double width)
    {
        _widths[column] = -width;
        Sheet.ColumnStyle(column).Alignment.SetWrapText(true).Alignment.SetVertical(VerticalAlignment.Top);
    }

    /// <summary>Freeze, filter, widths and print setup.</summary>
    /// <param name="autoFilter">Put a filter on the table under the header.</param>
    /// <param name="filterLastRow">Last row of the filtered table when more tables follow it on the sheet.</param>
    /// <param name="filterLastColumn">Last column of that table.</param>
    public void Finish(bool autoFilter = true, int? filterLastRow = null, int? filterLastColumn = null)
    {
        Sheet.FreezeRows(HeaderRow);
        var lastRow = filterLastRow ?? LastRow;
        var lastColumn = filterLastColumn ?? _lastColumn;
        if (autoFilter && lastRow > HeaderRow && lastColumn > 0)
        {
            Sheet.Range(HeaderRow, 1, lastRow, lastColumn).SetAutoFilter();
        }

        foreach (var (column, width) in _widths)
        {
            Sheet.SetColumnWidth(column, width < 0 ? -width : Math.Clamp(width + 2, MinWidth, MaxWidth));
        }

        FitWrappedRows();

        // Title and subtitle overflow to the right; they should not widen column A.
        Sheet.SetRowHeight(HeaderRow, 30);
        Sheet.PageSetup.Landscape = true;
        Sheet.PageSetup.FitToPagesWide = 1;
        Sheet.PageSetup.RepeatRowsTo = HeaderRow;
        Sheet.PageSetup.MarginLeft = Sheet.PageSetup.MarginRight = 0.4;
        Sheet.PageSetup.MarginTop = Sheet.PageSetup.MarginBottom = 0.5;
        Sheet.PageSetup.CenterFooter = "Page &P of &N";
    }

    /// <summary>
    /// Gives each row the height its wrapped text needs. Excel grows such rows when it opens the file, LibreOffice
    /// does not: without a height its wrapped lines run over the rows below.
    /// </summary>
    private void FitWrappedRows()
    {
        var cells = Sheet.Cells
            .Where(c => c.Row > HeaderRow && (c.GetString().Length > 0 || c.Number is not null) && c.CurrentStyle.Wrap
                && !c.IsMerged())
            .OrderBy(c => c.Row).ThenBy(c => c.Column)
            .ToList();
        foreach (var cell in cells)
        {
            var lines = WrappedLines(cell.GetString(), Sheet.ColumnWidth(cell.Column));
            var height = LineHeight * lines + 3;
            if (lines > 1 && Sheet.RowHeight(cell.Row) < height)
            {
                // The row's other cells line up with the wrapped text's first line.
                Sheet.SetRowHeight(cell.Row, height);
                Sheet.RowStyle(cell.Row).Alignment.SetVertical(VerticalAlignment.Top);
            }
        }
    }

    /// <summary>Lines a text takes in a column <paramref name="width"/> characters wide, wrapped at spaces.</summary>
    public static int WrappedLines(string text, double width)
    {
        var usable = Math.Max(width - 1.5, 1);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            lines++;
            double line = 0;
            foreach (var word in paragraph.Split(' '))
            {
                var w = DisplayWidth(word);
                if (line > 0 && line + 1 + w > usable)
                {
                    lines++;
                    line = 0;
                }

                line += (line > 0 ? 1 : 0) + w;
                while (line > usable)
                {
                    lines++;
                    line -= usable;
                }
            }
        }

        return lines;
    }

    private void Touch(int row, int column)
    {
        LastRow = Math.Max(LastRow, row);
        _lastColumn = Math.Max(_lastColumn, column);
    }

    private void Track(int column, string text, double factor = 1.0)
    {
        if (_widths.TryGetValue(column, out var current) && current < 0)
        {
            return;
        }

        var width = DisplayWidth(text) * factor;
        _widths[column] = Math.Max(current, width);
    }

    /// <summary>Approximate width in characters of the longest line; East Asian wide and emoji count 2.</summary>
    public static double DisplayWidth(string text)
    {
        double longest = 0;
        double line = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                longest = Math.Max(longest, line);
                line = 0;
                continue;
            }

            line += IsWide(rune) ? 2 : 1;
        }

        return Math.Max(longest, line);
    }

    private static bool IsWide(Rune rune) => rune.Value switch
    {
        >= 0x1100 and <= 0x115F => true,
        >= 0x2E80 and <= 0xA4CF => true,
        >= 0xAC00 and <= 0xD7A3 => true,
        >= 0xF900 and <= 0xFAFF => true,
        >= 0xFE30 and <= 0xFE4F => true,
        >= 0xFF00 and <= 0xFF60 => true,
        >= 0xFFE0 and <= 0xFFE6 => true,
        >= 0x1F300 and <= 0x1FAFF => true,
        >= 0x20000 and <= 0x3FFFD => true,
        _ => false,
    };
}
