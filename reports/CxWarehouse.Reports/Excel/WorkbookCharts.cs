using System.Globalization;
using System.Xml.Linq;

namespace CxWarehouse.Reports.Excel;

/// <summary>A line (a KPI's weekly trend) or horizontal bars (peers ranked best first).</summary>
internal enum ChartKind
{
    Line,
    Bars,
}

/// <summary>One series: its cells, with their values cached for readers that do not recalculate.</summary>
/// <param name="Name">The series name (the KPI).</param>
/// <param name="Categories">The range of the category labels, e.g. <c>'Trends'!$C$4:$N$4</c>.</param>
/// <param name="Labels">The labels in that range.</param>
/// <param name="Values">The range of the values.</param>
/// <param name="Numbers">The values in that range; null is a gap.</param>
/// <param name="Colours">For bars: each bar's colour (RRGGBB), or null for the series colour.</param>
internal sealed record ChartSeries(
    string Name,
    string Categories,
    IReadOnlyList<string> Labels,
    string Values,
    IReadOnlyList<double?> Numbers,
    IReadOnlyList<string>? Colours = null);

/// <summary>A native chart placed on a sheet, its top-left corner at a cell plus an offset, its size in pixels.</summary>
internal sealed record SheetChart(
    string Sheet,
    int Row,
    int Column,
    int OffsetX,
    int WidthPx,
    int HeightPx,
    string Title,
    string Description,
    ChartKind Kind,
    ChartSeries Series,
    string NumberFormat);

/// <summary>
/// The XML of native Excel charts: a drawing part per sheet anchoring its charts, a chart part per chart in
/// DrawingML's chart schema (<see cref="XlsxPackageWriter"/> writes them into the workbook).
/// </summary>
internal static class WorkbookCharts
{
    private const long EmuPerPixel = 9525;
    private const string Series = "1F4E78";

    private static readonly XNamespace C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    private static readonly XNamespace A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace Xdr = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

    /// <summary>The root of a sheet's drawing part, to which each chart's <see cref="Anchor"/> is added.</summary>
    public static XElement Drawing() =>
        new(Xdr + "wsDr", new XAttribute(XNamespace.Xmlns + "xdr", Xdr), new XAttribute(XNamespace.Xmlns + "a", A));

    /// <summary>Excel's pixel width of a column <paramref name="width"/> characters wide (Calibri 11).</summary>
    public static int ColumnPixels(double width) => (int)Math.Truncate((256 * width + Math.Truncate(128.0 / 7)) / 256 * 7);

    /// <summary>The anchor placing chart number <paramref name="number"/> of a drawing, its part named by <paramref name="relationship"/>.</summary>
    public static XElement Anchor(SheetChart chart, int number, string relationship) =>
        new(Xdr + "oneCellAnchor",
            new XElement(Xdr + "from",
                new XElement(Xdr + "col", chart.Column),
                new XElement(Xdr + "colOff", chart.OffsetX * EmuPerPixel),
                new XElement(Xdr + "row", chart.Row),
                new XElement(Xdr + "rowOff", 0)),
            new XElement(Xdr + "ext",
                new XAttribute("cx", chart.WidthPx * EmuPerPixel),
                new XAttribute("cy", chart.HeightPx * EmuPerPixel)),
            new XElement(Xdr + "graphicFrame", new XAttribute("macro", ""),
                new XElement(Xdr + "nvGraphicFramePr",
                    new XElement(Xdr + "cNvPr",
                        new XAttribute("id", number + 1),
                        new XAttribute("name", $"Chart {number}"),
                        new XAttribute("descr", SafeCell.Sanitize(chart.Description))),
                    new XElement(Xdr + "cNvGraphicFramePr")),
                new XElement(Xdr + "xfrm",
                    new XElement(A + "off", new XAttribute("x", 0), new XAttribute("y", 0)),
                    new XElement(A + "ext", new XAttribute("cx", 0), new XAttribute("cy", 0))),
                new XElement(A + "graphic",
                    new XElement(A + "graphicData", new XAttribute("uri", C.NamespaceName),
                        new XElement(C + "chart",
                            new XAttribute(XNamespace.Xmlns + "c", C),
                            new XAttribute(XNamespace.Xmlns + "r", R),
                            new XAttribute(R + "id", relationship))))),
            new XElement(Xdr + "clientData"));

    /// <summary>The chart part's XML (DrawingML's chart schema), with its values cached.</summary>
    public static XElement ChartXml(SheetChart chart)
    {
        var bars = chart.Kind == ChartKind.Bars;
        var series = chart.Series;
        var ser = new XElement(C + "ser",
            Val("idx", 0),
            Val("order", 0),
            new XElement(C + "tx", new XElement(C + "v", SafeCell.Sanitize(series.Name))),
            bars
                ? new XElement(C + "spPr", Fill(Series))
                : new XElement(C + "spPr", new XElement(A + "ln", new XAttribute("w", 28575), new XAttribute("cap", "rnd"),
                    Fill(Series), new XElement(A + "round"))));
        if (bars)
        {
            ser.Add(Val("invertIfNegative", 0));
            for (var i = 0; i < (series.Colours?.Count ?? 0); i++)
            {
                ser.Add(new XElement(C + "dPt", Val("idx", i), Val("invertIfNegative", 0), Val("bubble3D", 0),
                    new XElement(C + "spPr", Fill(series.Colours![i]))));
            }

            ser.Add(new XElement(C + "dLbls",
                new XElement(C + "numFmt", new XAttribute("formatCode", chart.NumberFormat), new XAttribute("sourceLinked", 0)),
                new XElement(C + "txPr", new XElement(A + "bodyPr"), new XElement(A + "lstStyle"),
                    new XElement(A + "p", new XElement(A + "pPr", new XElement(A + "defRPr", new XAttribute("sz", 800))),
                        new XElement(A + "endParaRPr", new XAttribute("lang", "en-GB")))),
                Val("showLegendKey", 0), Val("showVal", 1), Val("showCatName", 0), Val("showSerName", 0),
                Val("showPercent", 0), Val("showBubbleSize", 0)));
        }
        else
        {
            ser.Add(new XElement(C + "marker", Val("symbol", "circle"), Val("size", 5),
                new XElement(C + "spPr", Fill(Series))));
        }

        ser.Add(new XElement(C + "cat", new XElement(C + "strRef",
            new XElement(C + "f", series.Categories),
            new XElement(C + "strCache", Val("ptCount", series.Labels.Count),
                series.Labels.Select((label, i) => new XElement(C + "pt", new XAttribute("idx", i),
                    new XElement(C + "v", SafeCell.Sanitize(label))))))));
        ser.Add(new XElement(C + "val", new XElement(C + "numRef",
            new XElement(C + "f", series.Values),
            new XElement(C + "numCache",
                new XElement(C + "formatCode", chart.NumberFormat),
                Val("ptCount", series.Numbers.Count),
                series.Numbers.Select((n, i) => (n, i)).Where(p => p.n is { } v && double.IsFinite(v))
                    .Select(p => new XElement(C + "pt", new XAttribute("idx", p.i),
                        new XElement(C + "v", p.n!.Value.ToString("R", CultureInfo.InvariantCulture))))))));
        if (!bars)
        {
            ser.Add(Val("smooth", 0));
        }

        var plot = bars
            ? new XElement(C + "barChart", Val("barDir", "bar"), Val("grouping", "clustered"), Val("varyColors", 0), ser,
                Val("gapWidth", 60), Val("axId", 1), Val("axId", 2))
            : new XElement(C + "lineChart", Val("grouping", "standard"), Val("varyColors", 0), ser,
                Val("marker", 1), Val("axId", 1), Val("axId", 2));

        // Bars: the best peer on top (categories reversed), the value axis along the bottom.
        var categoryAxis = new XElement(C + "catAx", Val("axId", 1),
            new XElement(C + "scaling", Val("orientation", bars ? "maxMin" : "minMax")),
            Val("delete", 0), Val("axPos", bars ? "l" : "b"),
            new XElement(C + "numFmt", new XAttribute("formatCode", "General"), new XAttribute("sourceLinked", 1)),
            Val("majorTickMark", "none"), Val("minorTickMark", "none"), Val("tickLblPos", "low"),
            TextSize(800), Val("crossAx", 2), Val("crosses", "autoZero"), Val("auto", 1), Val("lblAlgn", "ctr"),
            Val("lblOffset", 100), Val("noMultiLvlLbl", 0));
        var valueAxis = new XElement(C + "valAx", Val("axId", 2),
            new XElement(C + "scaling", Val("orientation", "minMax")),
            Val("delete", 0), Val("axPos", bars ? "b" : "l"),
            new XElement(C + "majorGridlines", new XElement(C + "spPr",
                new XElement(A + "ln", new XAttribute("w", 6350), Fill("D9D9D9")))),
            new XElement(C + "numFmt", new XAttribute("formatCode", chart.NumberFormat), new XAttribute("sourceLinked", 0)),
            Val("majorTickMark", "none"), Val("minorTickMark", "none"), Val("tickLblPos", "nextTo"),
            TextSize(800), Val("crossAx", 1), Val("crosses", bars ? "max" : "autoZero"), Val("crossBetween", "between"));

        return new XElement(C + "chartSpace",
            new XAttribute(XNamespace.Xmlns + "c", C),
            new XAttribute(XNamespace.Xmlns + "a", A),
            new XAttribute(XNamespace.Xmlns + "r", R),
            Val("roundedCorners", 0),
            new XElement(C + "chart",
                new XElement(C + "title",
                    new XElement(C + "tx", new XElement(C + "rich", new XElement(A + "bodyPr"), new XElement(A + "lstStyle"),
                        new XElement(A + "p",
                            new XElement(A + "pPr", new XElement(A + "defRPr", new XAttribute("sz", 1000), new XAttribute("b", 1))),
                            new XElement(A + "r",
                                new XElement(A + "rPr", new XAttribute("lang", "en-GB"), new XAttribute("sz", 1000), new XAttribute("b", 1)),
                                new XElement(A + "t", SafeCell.Sanitize(chart.Title)))))),
                    Val("overlay", 0)),
                Val("autoTitleDeleted", 0),
                new XElement(C + "plotArea", new XElement(C + "layout"), plot, categoryAxis, valueAxis),
                Val("plotVisOnly", 1),
                Val("dispBlanksAs", "gap")),
            new XElement(C + "spPr", new XElement(A + "solidFill", new XElement(A + "srgbClr", new XAttribute("val", "FFFFFF"))),
                new XElement(A + "ln", new XAttribute("w", 6350), Fill("D9D9D9"))));
    }

    private static XElement Val(string name, object value) => new(C + name, new XAttribute("val", value));

    private static XElement Fill(string rgb) =>
        new(A + "solidFill", new XElement(A + "srgbClr", new XAttribute("val", rgb.TrimStart('#').ToUpperInvariant())));

    private static XElement TextSize(int size) =>
        new(C + "txPr", new XElement(A + "bodyPr"), new XElement(A + "lstStyle"),
            new XElement(A + "p", new XElement(A + "pPr", new XElement(A + "defRPr", new XAttribute("sz", size))),
                new XElement(A + "endParaRPr", new XAttribute("lang", "en-GB"))));
}
