using System.Globalization;
using System.Text;

namespace CxWarehouse.Reports.Html;

/// <summary>Inline SVG charts built from numbers (invariant culture) and escaped text only.</summary>
internal static class SvgChart
{
    private const string Font = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

    /// <summary>One bar of <see cref="Bars"/>.</summary>
    public sealed record Bar(string Label, double Value, string ValueText, string Color);

    /// <summary>One stage of <see cref="Funnel"/>.</summary>
    public sealed record FunnelBar(string Label, double Value, string ValueText, string Note);

    /// <summary>A funnel: one centred bar per stage, its width proportional to the first stage's.</summary>
    public static RawHtml Funnel(IReadOnlyList<FunnelBar> stages, string color, string description)
    {
        const double width = 560, labelWidth = 110, plotWidth = 260, rowHeight = 30, top = 4;
        if (stages.Count == 0)
        {
            return RawHtml.Empty;
        }

        var max = Math.Max(stages.Max(s => s.Value), 1e-9);
        var height = top + stages.Count * rowHeight + 4;
        var centre = labelWidth + plotWidth / 2;
        var svg = Open(width, height, description);
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var y = top + i * rowHeight;
            var barWidth = Math.Max(Math.Clamp(stage.Value / max, 0, 1) * plotWidth, 2);
            svg.Append(Text(labelWidth - 8, y + 17, Shorten(stage.Label, 16), Palette.Ink, 12, "end", bold: true));
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(centre - barWidth / 2)}\" y=\"{N(y + 3)}\" ");
            svg.Append(CultureInfo.InvariantCulture, $"width=\"{N(barWidth)}\" height=\"20\" rx=\"2\" ");
            svg.Append(CultureInfo.InvariantCulture, $"fill=\"{color}\" fill-opacity=\"{N(1 - 0.12 * i)}\"/>");
            var textX = labelWidth + plotWidth + 10;
            svg.Append(Text(textX, y + 12, stage.ValueText, Palette.Ink, 12, "start", bold: true));
            if (stage.Note.Length > 0)
            {
                svg.Append(Text(textX, y + 25, stage.Note, Palette.Muted, 10, "start"));
            }
        }

        return Close(svg);
    }

    /// <summary>A small line of up to 12 weekly values, with the target as a dashed line.</summary>
    public static RawHtml Sparkline(IReadOnlyList<double?> values, double? target, string color, string description)
    {
        const double width = 140, height = 36, pad = 4;
        if (values.All(v => v is null))
        {
            return RawHtml.Empty;
        }

        var (lo, hi) = Range(values, target);
        var svg = Open(width, height, description);
        var step = values.Count > 1 ? (width - 2 * pad) / (values.Count - 1) : 0;
        double X(int i) => pad + i * step;
        double Y(double v) => pad + (hi - v) / (hi - lo) * (height - 2 * pad);

        if (target is { } t)
        {
            svg.Append(Line(pad, Y(t), width - pad, Y(t), Palette.Grid, dashed: true));
        }

        AppendSeries(svg, values, X, Y, color, 2);
        var last = LastIndex(values);
        svg.Append(Circle(X(last), Y(values[last]!.Value), 3, color));
        return Close(svg);
    }

    /// <summary>A wider weekly line with week labels, the target and the latest value.</summary>
    public static RawHtml Trend(
        IReadOnlyList<double?> values,
        IReadOnlyList<string> weekLabels,
        double? target,
        string targetText,
        string lastText,
        string color,
        string description)
    {
        const double width = 560, height = 110, left = 10, right = 90, top = 12, bottom = 22;
        if (values.All(v => v is null))
        {
            return RawHtml.Empty;
        }

        var (lo, hi) = Range(values, target);
        var svg = Open(width, height, description);
        var plotWidth = width - left - right;
        var step = values.Count > 1 ? plotWidth / (values.Count - 1) : 0;
        double X(int i) => left + i * step;
        double Y(double v) => top + (hi - v) / (hi - lo) * (height - top - bottom);

        svg.Append(Line(left, height - bottom, left + plotWidth, height - bottom, Palette.Grid, dashed: false));
        if (target is { } t)
        {
            svg.Append(Line(left, Y(t), left + plotWidth, Y(t), Palette.Muted, dashed: true));
            svg.Append(Text(left + plotWidth + 6, Y(t) + 4, "target " + targetText, Palette.Muted, 10, "start"));
        }

        AppendSeries(svg, values, X, Y, color, 2);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                svg.Append(Circle(X(i), Y(v), 2.5, color));
            }
        }

        var last = LastIndex(values);
        var lastY = Y(values[last]!.Value);
        if (target is { } tt && Math.Abs(lastY - Y(tt)) < 12)
        {
            lastY += lastY <= Y(tt) ? -8 : 8;
        }

        svg.Append(Text(X(last) + 8, lastY + 4, lastText, color, 12, "start", bold: true));
        foreach (var i in new[] { 0, values.Count / 2, values.Count - 1 }.Distinct())
        {
            if (i < weekLabels.Count)
            {
                var anchor = i == 0 ? "start" : i == values.Count - 1 ? "end" : "middle";
                svg.Append(Text(X(i), height - 6, weekLabels[i], Palette.Muted, 10, anchor));
            }
        }

        return Close(svg);
    }

    /// <summary>Horizontal bars, one per peer, with the target as a dashed vertical line.</summary>
    public static RawHtml Bars(IReadOnlyList<Bar> bars, double? target, string description)
    {
        const double width = 560, labelWidth = 170, valueWidth = 80, rowHeight = 22, top = 6;
        if (bars.Count == 0)
        {
            return RawHtml.Empty;
        }

        var lo = Math.Min(0, bars.Min(b => b.Value));
        var hi = Math.Max(bars.Max(b => b.Value), 0);
        if (target is { } t)
        {
            lo = Math.Min(lo, t);
            hi = Math.Max(hi, t);
        }

        if (hi - lo < 1e-9)
        {
            hi = lo + 1;
        }

        var height = top + bars.Count * rowHeight + 6;
        var plotWidth = width - labelWidth - valueWidth;
        double X(double v) => labelWidth + (v - lo) / (hi - lo) * plotWidth;
        var svg = Open(width, height, description);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = top + i * rowHeight;
            var x0 = X(Math.Max(lo, Math.Min(0, hi)));
            var x1 = X(bar.Value);
            svg.Append(Text(labelWidth - 8, y + 15, Shorten(bar.Label, 26), Palette.Ink, 11, "end"));
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(Math.Min(x0, x1))}\" y=\"{N(y + 4)}\" ");
            svg.Append(CultureInfo.InvariantCulture, $"width=\"{N(Math.Max(Math.Abs(x1 - x0), 1))}\" height=\"14\" ");
            svg.Append(CultureInfo.InvariantCulture, $"rx=\"2\" fill=\"{bar.Color}\"/>");
            svg.Append(Text(Math.Max(x0, x1) + 6, y + 15, bar.ValueText, Palette.Ink, 11, "start"));
        }

        if (target is { } tv)
        {
            svg.Append(Line(X(tv), top - 2, X(tv), height - 4, Palette.Ink, dashed: true));
        }

        return Close(svg);
    }

    /// <summary>A 100-pixel bar for a share in 0..1.</summary>
    public static RawHtml Share(double? share, string color)
    {
        if (share is not { } s)
        {
            return RawHtml.Empty;
        }

        var filled = Math.Clamp(s, 0, 1) * 100;
        var svg = Open(100, 10, "");
        svg.Append("<rect x=\"0\" y=\"0\" width=\"100\" height=\"10\" rx=\"2\" ");
        svg.Append(CultureInfo.InvariantCulture, $"fill=\"{Palette.NeutralBackground}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{N(filled)}\" height=\"10\" ");
        svg.Append(CultureInfo.InvariantCulture, $"rx=\"2\" fill=\"{color}\"/>");
        return Close(svg);
    }

    private static (double Lo, double Hi) Range(IReadOnlyList<double?> values, double? target)
    {
        var present = values.OfType<double>().ToList();
        if (target is { } t)
        {
            present.Add(t);
        }

        var lo = present.Min();
        var hi = present.Max();
        if (hi - lo < 1e-9)
        {
            lo -= 1;
            hi += 1;
        }

        return (lo, hi);
    }

    private static void AppendSeries(
        StringBuilder svg, IReadOnlyList<double?> values, Func<int, double> x, Func<double, double> y, string color,
        double strokeWidth)
    {
        var points = new List<string>();
        void Flush()
        {
            if (points.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" ");
                svg.Append(CultureInfo.InvariantCulture, $"stroke-width=\"{N(strokeWidth)}\" ");
                svg.Append("stroke-linejoin=\"round\" ");
                svg.Append("stroke-linecap=\"round\" points=\"").AppendJoin(' ', points).Append("\"/>");
            }

            points.Clear();
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                points.Add($"{N(x(i))},{N(y(v))}");
            }
            else
            {
                Flush();
            }
        }

        Flush();
    }

    private static int LastIndex(IReadOnlyList<double?> values)
    {
        for (var i = values.Count - 1; i >= 0; i--)
        {
            if (values[i] is not null)
            {
                return i;
            }
        }

        return 0;
    }

    private static StringBuilder Open(double width, double height, string description)
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

        return svg;
    }

    private static RawHtml Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Line(double x1, double y1, double x2, double y2, string color, bool dashed) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{color}\" stroke-width=\"1\"")
        + (dashed ? " stroke-dasharray=\"4 3\"/>" : "/>");

    private static string Circle(double x, double y, double r, string color) =>
        string.Create(
            CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"{color}\"/>");

    private static string Text(
        double x, double y, string text, string color, double size, string anchor, bool bold = false) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"<text x=\"{N(x)}\" y=\"{N(y)}\" fill=\"{color}\" font-size=\"{N(size)}\" font-family=\"{Font}\" ")
        + $"text-anchor=\"{anchor}\"{(bold ? " font-weight=\"bold\"" : "")}>{HtmlText.Escape(text)}</text>";

    private static string Shorten(string text, int maxTextElements)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= maxTextElements
            ? text
            : info.SubstringByTextElements(0, maxTextElements - 1) + "…";
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
