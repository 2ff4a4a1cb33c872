namespace CxWarehouse.Reports.Excel;

/// <summary>A cell's horizontal alignment.</summary>
internal enum HorizontalAlignment
{
    General,
    Center,
}

/// <summary>A cell's vertical alignment.</summary>
internal enum VerticalAlignment
{
    Bottom,
    Center,
    Top,
}

/// <summary>The line of a cell border.</summary>
internal enum BorderLine
{
    None,
    Thin,
    Medium,
}

/// <summary>The sides of a cell that lie on the outside edge of the range being styled.</summary>
[Flags]
internal enum Edges
{
    None = 0,
    Top = 1,
    Bottom = 2,
    Left = 4,
    Right = 8,
    All = Top | Bottom | Left | Right,
}

/// <summary>A cell's borders: the line of each side and one colour (RRGGBB, or null for automatic).</summary>
internal readonly record struct CellBorders(BorderLine Top, BorderLine Bottom, BorderLine Left, BorderLine Right, string? Color)
{
    public bool IsEmpty => Top == BorderLine.None && Bottom == BorderLine.None && Left == BorderLine.None
        && Right == BorderLine.None;
}

/// <summary>
/// Everything the report sets on a cell's look: font, fill, alignment, number format, borders and the quote prefix
/// that keeps a text starting with <c>=</c> from being read as a formula. Colours are RRGGBB.
/// </summary>
internal readonly record struct XlsxStyle(
    bool Bold,
    bool Italic,
    bool Underline,
    double FontSize,
    string? FontColor,
    string? Fill,
    HorizontalAlignment Horizontal,
    VerticalAlignment Vertical,
    bool Wrap,
    string? NumberFormat,
    bool QuotePrefix,
    CellBorders Borders)
{
    /// <summary>Calibri 11, no fill, bottom-aligned, the General number format.</summary>
    public static readonly XlsxStyle Default = new(
        false, false, false, 11, null, null, HorizontalAlignment.General, VerticalAlignment.Bottom, false, null, false, default);
}

/// <summary>
/// Changes the style of a cell, a range, a row or a column, in the fluent shape the report's code reads well in:
/// <c>cell.Style.Font.SetBold(true).Fill.SetBackgroundColor(...)</c>. Each call applies at once.
/// </summary>
internal sealed class StyleEditor(Action<Func<XlsxStyle, Edges, XlsxStyle>> apply)
{
    public StyleEditor Font => this;

    public StyleEditor Fill => this;

    public StyleEditor Alignment => this;

    public StyleEditor Border => this;

    public StyleEditor NumberFormat => this;

    public StyleEditor SetBold(bool value = true) => Set(s => s with { Bold = value });

    public StyleEditor SetItalic(bool value = true) => Set(s => s with { Italic = value });

    public StyleEditor SetUnderline(bool value = true) => Set(s => s with { Underline = value });

    public StyleEditor SetFontSize(double size) => Set(s => s with { FontSize = size });

    public StyleEditor SetFontColor(string rgb) => Set(s => s with { FontColor = rgb });

    public StyleEditor SetBackgroundColor(string rgb) => Set(s => s with { Fill = rgb });

    public StyleEditor SetWrapText(bool value = true) => Set(s => s with { Wrap = value });

    public StyleEditor SetVertical(VerticalAlignment value) => Set(s => s with { Vertical = value });

    public StyleEditor SetHorizontal(HorizontalAlignment value) => Set(s => s with { Horizontal = value });

    public StyleEditor SetFormat(string format) => Set(s => s with { NumberFormat = format });

    public StyleEditor SetIncludeQuotePrefix(bool value = true) => Set(s => s with { QuotePrefix = value });

    /// <summary>A line along the top of every cell styled.</summary>
    public StyleEditor SetTopBorder(BorderLine line) => Set(s => s with { Borders = s.Borders with { Top = line } });

    /// <summary>A line around the range styled: on each cell, the sides that lie on its outside edge.</summary>
    public StyleEditor SetOutsideBorder(BorderLine line)
    {
        apply((s, edges) => s with
        {
            Borders = s.Borders with
            {
                Top = edges.HasFlag(Edges.Top) ? line : s.Borders.Top,
                Bottom = edges.HasFlag(Edges.Bottom) ? line : s.Borders.Bottom,
                Left = edges.HasFlag(Edges.Left) ? line : s.Borders.Left,
                Right = edges.HasFlag(Edges.Right) ? line : s.Borders.Right,
            },
        });
        return this;
    }

    /// <summary>The colour of the borders of the cells on the range's outside edge.</summary>
    public StyleEditor SetOutsideBorderColor(string rgb)
    {
        apply((s, edges) => edges == Edges.None ? s : s with { Borders = s.Borders with { Color = rgb } });
        return this;
    }

    private StyleEditor Set(Func<XlsxStyle, XlsxStyle> change)
    {
        apply((s, _) => change(s));
        return this;
    }
}

/// <summary>One cell: a text, a number or nothing, its style, and an optional comment.</summary>
internal sealed class XlsxCell(XlsxSheet sheet, int row, int column, XlsxStyle style)
{
    public int Row { get; } = row;

    public int Column { get; } = column;

    /// <summary>The text, or null for a number or an empty cell.</summary>
    public string? Text { get; private set; }

    /// <summary>The number (a date is its serial number), or null.</summary>
    public double? Number { get; private set; }

    public XlsxStyle CurrentStyle { get; set; } = style;

    /// <summary>The comment's text, or null.</summary>
    public string? Comment { get; private set; }

    public StyleEditor Style => new((change) => CurrentStyle = change(CurrentStyle, Edges.All));

    /// <summary>The text as it is shown: a text value, or empty for anything else.</summary>
    public string GetString() => Text ?? "";

    /// <summary>Stores a text; one with a line break wraps (as Excel does when the text is typed).</summary>
    public void SetValue(string value)
    {
        Text = value;
        Number = null;
        if (value.Contains('\n', StringComparison.Ordinal) && !CurrentStyle.Wrap)
        {
            CurrentStyle = CurrentStyle with { Wrap = true };
        }
    }

    public void SetValue(double value)
    {
        Number = value;
        Text = null;
    }

    /// <summary>Stores a date and time as Excel's serial number (days since 1899-12-30).</summary>
    public void SetValue(DateTime value) => SetValue(value.ToOADate());

    public void SetComment(string text) => Comment = text;

    public bool IsMerged() => sheet.IsMerged(Row, Column);
}

/// <summary>A rectangle of cells, 1-based and inclusive.</summary>
internal sealed class XlsxRange(XlsxSheet sheet, int firstRow, int firstColumn, int lastRow, int lastColumn)
{
    public int FirstRow { get; } = firstRow;

    public int FirstColumn { get; } = firstColumn;

    public int LastRow { get; } = lastRow;

    public int LastColumn { get; } = lastColumn;

    /// <summary>The range in A1 notation, e.g. <c>C5:N5</c>.</summary>
    public string Reference => XlsxSheet.Address(FirstRow, FirstColumn)
        + (FirstRow == LastRow && FirstColumn == LastColumn ? "" : ":" + XlsxSheet.Address(LastRow, LastColumn));

    /// <summary>Styles every cell of the range (creating the empty ones), the outside edges known to each.</summary>
    public StyleEditor Style => new(change =>
    {
        for (var r = FirstRow; r <= LastRow; r++)
        {
            for (var c = FirstColumn; c <= LastColumn; c++)
            {
                var edges = (r == FirstRow ? Edges.Top : Edges.None) | (r == LastRow ? Edges.Bottom : Edges.None)
                    | (c == FirstColumn ? Edges.Left : Edges.None) | (c == LastColumn ? Edges.Right : Edges.None);
                var cell = sheet.Cell(r, c);
                cell.CurrentStyle = change(cell.CurrentStyle, edges);
            }
        }
    });

    public XlsxCell FirstCell() => sheet.Cell(FirstRow, FirstColumn);

    public XlsxRange Merge()
    {
        sheet.Merged.Add(this);
        return this;
    }

    public void SetAutoFilter() => sheet.AutoFilter = this;

    /// <summary>A three-colour scale: the lowest value, the median (50th percentile) and the highest.</summary>
    public void AddColorScale(string low, string middle, string high) =>
        sheet.ConditionalFormats.Add(new ConditionalFormat(this, null, null, null, [low, middle, high]));

    /// <summary>Data bars in <paramref name="color"/> from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public void AddDataBar(string color, double minimum, double maximum) =>
        sheet.ConditionalFormats.Add(new ConditionalFormat(this, color, minimum, maximum, null));
}

/// <summary>A data bar (<see cref="BarColor"/> and its bounds) or a colour scale (<see cref="ScaleColors"/>).</summary>
internal sealed record ConditionalFormat(
    XlsxRange Range, string? BarColor, double? Minimum, double? Maximum, IReadOnlyList<string>? ScaleColors);

/// <summary>How a sheet prints.</summary>
internal sealed class PageLayout
{
    public bool Landscape { get; set; }

    /// <summary>Pages wide to fit the sheet to (0: no fitting); the height is free.</summary>
    public int FitToPagesWide { get; set; }

    /// <summary>The last of the rows (from row 1) repeated at the top of every page, or 0.</summary>
    public int RepeatRowsTo { get; set; }

    public double MarginLeft { get; set; } = 0.7;

    public double MarginRight { get; set; } = 0.7;

    public double MarginTop { get; set; } = 0.75;

    public double MarginBottom { get; set; } = 0.75;

    /// <summary>The centre of the footer in Excel's header and footer codes, or null.</summary>
    public string? CenterFooter { get; set; }

    /// <summary>Rows after which a new page starts.</summary>
    public List<int> RowBreaks { get; } = [];

    public void AddHorizontalPageBreak(int row) => RowBreaks.Add(row);
}

/// <summary>
/// One worksheet, held as its cells until the workbook is saved: what the report writes, no more (values, styles,
/// widths, heights, merged cells, an autofilter, conditional formats, comments, frozen header rows, print layout).
/// </summary>
internal sealed class XlsxSheet(string name)
{
    /// <summary>Excel's default column width in characters (Calibri 11) and row height in points.</summary>
    public const double DefaultWidth = 8.43;
    public const double DefaultHeight = 15;

    private readonly Dictionary<long, XlsxCell> _cells = [];
    private readonly Dictionary<int, double> _widths = [];
    private readonly Dictionary<int, double> _heights = [];
    private readonly Dictionary<int, XlsxStyle> _columnStyles = [];
    private readonly Dictionary<int, XlsxStyle> _rowStyles = [];

    public string Name { get; } = name;

    public bool TabActive { get; set; }

    /// <summary>Rows frozen at the top (0: none).</summary>
    public int FrozenRows { get; private set; }

    public XlsxRange? AutoFilter { get; set; }

    public List<XlsxRange> Merged { get; } = [];

    public List<ConditionalFormat> ConditionalFormats { get; } = [];

    public PageLayout PageSetup { get; } = new();

    public IEnumerable<XlsxCell> Cells => _cells.Values;

    public IReadOnlyDictionary<int, double> Widths => _widths;

    public IReadOnlyDictionary<int, double> Heights => _heights;

    public IReadOnlyDictionary<int, XlsxStyle> ColumnStyles => _columnStyles;

    public IReadOnlyDictionary<int, XlsxStyle> RowStyles => _rowStyles;

    /// <summary>The cell, created on first use with its row's style, else its column's, else the default.</summary>
    public XlsxCell Cell(int row, int column)
    {
        var key = Key(row, column);
        if (!_cells.TryGetValue(key, out var cell))
        {
            var style = _rowStyles.TryGetValue(row, out var r) ? r
                : _columnStyles.TryGetValue(column, out var c) ? c
                : XlsxStyle.Default;
            cell = new XlsxCell(this, row, column, style);
            _cells.Add(key, cell);
        }

        return cell;
    }

    public XlsxRange Range(int firstRow, int firstColumn, int lastRow, int lastColumn) =>
        new(this, firstRow, firstColumn, lastRow, lastColumn);

    public double ColumnWidth(int column) => _widths.GetValueOrDefault(column, DefaultWidth);

    public void SetColumnWidth(int column, double width) => _widths[column] = width;

    public double RowHeight(int row) => _heights.GetValueOrDefault(row, DefaultHeight);

    public void SetRowHeight(int row, double height) => _heights[row] = height;

    /// <summary>Styles the column: its cells so far, and the cells created in it later.</summary>
    public StyleEditor ColumnStyle(int column) => new(change =>
    {
        _columnStyles[column] = change(_columnStyles.GetValueOrDefault(column, XlsxStyle.Default), Edges.All);
        foreach (var cell in _cells.Values.Where(c => c.Column == column))
        {
            cell.CurrentStyle = change(cell.CurrentStyle, Edges.All);
        }
    });

    /// <summary>
    /// Styles the row: its cells so far, the cells where it crosses a styled column (which keep that column's style
    /// under the change), and the cells created in it later.
    /// </summary>
    public StyleEditor RowStyle(int row) => new(change =>
    {
        foreach (var column in _columnStyles.Keys)
        {
            Cell(row, column);
        }

        _rowStyles[row] = change(_rowStyles.GetValueOrDefault(row, XlsxStyle.Default), Edges.All);
        foreach (var cell in _cells.Values.Where(c => c.Row == row))
        {
            cell.CurrentStyle = change(cell.CurrentStyle, Edges.All);
        }
    });

    public void FreezeRows(int rows) => FrozenRows = rows;

    public bool IsMerged(int row, int column) => Merged.Exists(m =>
        row >= m.FirstRow && row <= m.LastRow && column >= m.FirstColumn && column <= m.LastColumn);

    /// <summary>A cell's A1 address: <c>AB12</c>.</summary>
    public static string Address(int row, int column) => ColumnName(column) + row.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + (column - 1) % 26) + name;
        }

        return name;
    }

    private static long Key(int row, int column) => ((long)row << 16) | (uint)column;
}

/// <summary>The workbook: its sheets in order and its document properties.</summary>
internal sealed class XlsxWorkbook
{
    private readonly List<XlsxSheet> _sheets = [];

    public string Title { get; set; } = "";

    public string Author { get; set; } = "";

    public IReadOnlyList<XlsxSheet> Sheets => _sheets;

    public XlsxSheet AddWorksheet(string name)
    {
        var sheet = new XlsxSheet(name);
        _sheets.Add(sheet);
        return sheet;
    }

    public XlsxSheet Worksheet(string name) => _sheets.Single(s => s.Name == name);
}
