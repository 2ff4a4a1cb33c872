using System.Globalization;
using System.Text;

namespace CxWarehouse.Reports.Html;

/// <summary>Where a text's x lies: at its start, middle or end.</summary>
internal enum TextAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>The drawing operations the charts use, in the SVG coordinate space (pixels, y down).</summary>
internal interface IChartSurface
{
    void Line(double x1, double y1, double x2, double y2, string color, bool dashed);

    void Polyline(IReadOnlyList<(double X, double Y)> points, string color, double strokeWidth);

    /// <summary>A filled rectangle with rounded corners; <paramref name="opacity"/> null is opaque.</summary>
    void Rect(double x, double y, double width, double height, double radius, string color, double? opacity = null);

    void Circle(double x, double y, double radius, string color);

    void Text(double x, double y, string text, string color, double size, TextAnchor anchor, bool bold = false);
}

/// <summary>Turns a chart's drawing into markup: inline SVG (the HTML file) or an image (the message).</summary>
internal abstract class ChartRenderer
{
    /// <summary>Inline SVG, for the HTML file opened in a browser.</summary>
    public static ChartRenderer Svg { get; } = new SvgChartRenderer();

    /// <summary>Draws one chart of the given size; an empty description marks it decorative.</summary>
    public abstract RawHtml Draw(double width, double height, string description, Action<IChartSurface> draw);
}

/// <summary>Inline <c>&lt;svg&gt;</c> elements.</summary>
internal sealed class SvgChartRenderer : ChartRenderer
{
    private const string Font = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

    public override RawHtml Draw(double width, double height, string description, Action<IChartSurface> draw)
    {
        var svg = new StringBuilder(1024);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" ");
        svg.Append(CultureInfo.InvariantCulture, $"height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" ");
        if (description.Length > 0)
        {
            svg.Append("role=\"img\" aria-label=\"").Append(HtmlText.Escape(description)).Append("\">");
            svg.Append("<title>").Append(HtmlText.Escape(description)).Append("</title>");
        }
        else
        {
            svg.Append("aria-hidden=\"true\">");
        }

        draw(new Surface(svg));
        return new RawHtml(svg.Append("</svg>").ToString());
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private sealed class Surface(StringBuilder svg) : IChartSurface
    {
        public void Line(double x1, double y1, double x2, double y2, string color, bool dashed) =>
            svg.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{color}\" ")
                .Append("stroke-width=\"1\"")
                .Append(dashed ? " stroke-dasharray=\"4 3\"/>" : "/>");

        public void Polyline(IReadOnlyList<(double X, double Y)> points, string color, double strokeWidth)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" ");
            svg.Append(CultureInfo.InvariantCulture, $"stroke-width=\"{N(strokeWidth)}\" ");
            svg.Append("stroke-linejoin=\"round\" ");
            svg.Append("stroke-linecap=\"round\" points=\"")
                .AppendJoin(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))
                .Append("\"/>");
        }

        public void Rect(double x, double y, double width, double height, double radius, string color, double? opacity)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" ");
            svg.Append(CultureInfo.InvariantCulture, $"width=\"{N(width)}\" height=\"{N(height)}\" rx=\"{N(radius)}\" ");
            svg.Append(CultureInfo.InvariantCulture, $"fill=\"{color}\"");
            if (opacity is { } o)
            {
                svg.Append(CultureInfo.InvariantCulture, $" fill-opacity=\"{N(o)}\"");
            }

            svg.Append("/>");
        }

        public void Circle(double x, double y, double radius, string color) =>
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(radius)}\" fill=\"{color}\"/>");

        public void Text(double x, double y, string text, string color, double size, TextAnchor anchor, bool bold)
        {
            var anchorName = anchor switch
            {
                TextAnchor.Middle => "middle",
                TextAnchor.End => "end",
                _ => "start",
            };
            svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{N(x)}\" y=\"{N(y)}\" fill=\"{color}\" font-size=\"{N(size)}\" font-family=\"{Font}\" ")
                .Append(CultureInfo.InvariantCulture, $"text-anchor=\"{anchorName}\"{(bold ? " font-weight=\"bold\"" : "")}>")
                .Append(HtmlText.Escape(text))
                .Append("</text>");
        }
    }
}
