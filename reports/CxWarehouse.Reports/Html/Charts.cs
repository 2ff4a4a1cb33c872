using System.Globalization;

namespace CxWarehouse.Reports.Html;

/// <summary>
/// The report's charts, drawn from numbers and escaped text only. Each chart is laid out once here and drawn by a
/// <see cref="ChartRenderer"/>: as inline SVG for the HTML file, as a PNG attached by Content-ID for the message
/// (mail clients show no SVG), where the small share bars become table cells.
/// </summary>
internal static class Charts
{
    /// <summary>One bar of <see cref="Bars"/>.</summary>
    public sealed record Bar(string Label, double Value, string ValueText, string Color);

    /// <summary>One stage of <see cref="Funnel"/>.</summary>
    public sealed record FunnelBar(string Label, double Value, string ValueText, string Note);

    /// <summary>A funnel: one centred bar per stage, its width proportional to the first stage's.</summary>
    public static RawHtml Funnel(ChartRenderer renderer, IReadOnlyList<FunnelBar> stages, string color, string description)
    {
        const double width = 560, labelWidth = 110, plotWidth = 260, rowHeight = 30, top = 4;
        if (stages.Count == 0)
        {
            return RawHtml.Empty;
        }

        var max = Math.Max(stages.Max(s => s.Value), 1e-9);
        var height = top + stages.Count * rowHeight + 4;
        var centre = labelWidth + plotWidth / 2;
        return renderer.Draw(width, height, description, chart =>
        {
            for (var i = 0; i < stages.Count; i++)
            {
                var stage = stages[i];
                var y = top + i * rowHeight;
                var barWidth = Math.Max(Math.Clamp(stage.Value / max, 0, 1) * plotWidth, 2);
                chart.Text(labelWidth - 8, y + 17, Shorten(stage.Label, 16), Palette.Ink, 12, TextAnchor.End, bold: true);
                chart.Rect(centre - barWidth / 2, y + 3, barWidth, 20, 2, color, 1 - 0.12 * i);
                var textX = labelWidth + plotWidth + 10;
                chart.Text(textX, y + 12, stage.ValueText, Palette.Ink, 12, TextAnchor.Start, bold: true);
                if (stage.Note.Length > 0)
                {
                    chart.Text(textX, y + 25, stage.Note, Palette.Muted, 10, TextAnchor.Start);
                }
            }
        });
    }

    /// <summary>A small line of up to 12 weekly values, with the target as a dashed line.</summary>
    public static RawHtml Sparkline(
        ChartRenderer renderer, IReadOnlyList<double?> values, double? target, string color, string description)
    {
        const double width = 140, height = 36, pad = 4;
        if (values.All(v => v is null))
        {
            return RawHtml.Empty;
        }

        var (lo, hi) = Range(values, target);
        var step = values.Count > 1 ? (width - 2 * pad) / (values.Count - 1) : 0;
        double X(int i) => pad + i * step;
        double Y(double v) => pad + (hi - v) / (hi - lo) * (height - 2 * pad);
        return renderer.Draw(width, height, description, chart =>
        {
            if (target is { } t)
            {
                chart.Line(pad, Y(t), width - pad, Y(t), Palette.Grid, dashed: true);
            }

            Series(chart, values, X, Y, color, 2);
            var last = LastIndex(values);
            chart.Circle(X(last), Y(values[last]!.Value), 3, color);
        });
    }

    /// <summary>A wider weekly line with week labels, the target and the latest value.</summary>
    public static RawHtml Trend(
        ChartRenderer renderer,
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
        var plotWidth = width - left - right;
        var step = values.Count > 1 ? plotWidth / (values.Count - 1) : 0;
        double X(int i) => left + i * step;
        double Y(double v) => top + (hi - v) / (hi - lo) * (height - top - bottom);
        return renderer.Draw(width, height, description, chart =>
        {
            chart.Line(left, height - bottom, left + plotWidth, height - bottom, Palette.Grid, dashed: false);
            if (target is { } t)
            {
                chart.Line(left, Y(t), left + plotWidth, Y(t), Palette.Muted, dashed: true);
                chart.Text(left + plotWidth + 6, Y(t) + 4, "target " + targetText, Palette.Muted, 10, TextAnchor.Start);
            }

            Series(chart, values, X, Y, color, 2);
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is { } v)
                {
                    chart.Circle(X(i), Y(v), 2.5, color);
                }
            }

            var last = LastIndex(values);
            var lastY = Y(values[last]!.Value);
            if (target is { } tt && Math.Abs(lastY - Y(tt)) < 12)
            {
                lastY += lastY <= Y(tt) ? -8 : 8;
            }

            chart.Text(X(last) + 8, lastY + 4, lastText, color, 12, TextAnchor.Start, bold: true);
            foreach (var i in new[] { 0, values.Count / 2, values.Count - 1 }.Distinct())
            {
                if (i < weekLabels.Count)
                {
                    var anchor = i == 0 ? TextAnchor.Start : i == values.Count - 1 ? TextAnchor.End : TextAnchor.Middle;
                    chart.Text(X(i), height - 6, weekLabels[i], Palette.Muted, 10, anchor);
                }
            }
        });
    }

    /// <summary>The layout of <see cref="Bars"/>: sizes and the horizontal scale.</summary>
    public sealed record BarLayout(double Width, double LabelWidth, double ValueWidth, double Lo, double Hi)
    {
        public double PlotWidth => Width - LabelWidth - ValueWidth;

        /// <summary>The x of a value, from the chart's left edge.</summary>
        public double X(double value) => LabelWidth + (value - Lo) / (Hi - Lo) * PlotWidth;

        /// <summary>Where a bar starts: at zero, or at the scale's edge when zero is outside it.</summary>
        public double Origin => X(Math.Max(Lo, Math.Min(0, Hi)));

        public static BarLayout For(IReadOnlyList<Bar> bars, double? target)
        {
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

            return new BarLayout(560, 170, 80, lo, hi);
        }
    }

    /// <summary>Horizontal bars, one per peer, with the target as a dashed vertical line.</summary>
    public static RawHtml Bars(ChartRenderer renderer, IReadOnlyList<Bar> bars, double? target, string description)
    {
        const double rowHeight = 22, top = 6;
        if (bars.Count == 0)
        {
            return RawHtml.Empty;
        }

        var layout = BarLayout.For(bars, target);
        var height = top + bars.Count * rowHeight + 6;
        return renderer.Draw(layout.Width, height, description, chart =>
        {
            for (var i = 0; i < bars.Count; i++)
            {
                var bar = bars[i];
                var y = top + i * rowHeight;
                var x0 = layout.Origin;
                var x1 = layout.X(bar.Value);
                chart.Text(layout.LabelWidth - 8, y + 15, Shorten(bar.Label, 26), Palette.Ink, 11, TextAnchor.End);
                chart.Rect(Math.Min(x0, x1), y + 4, Math.Max(Math.Abs(x1 - x0), 1), 14, 2, bar.Color);
                chart.Text(Math.Max(x0, x1) + 6, y + 15, bar.ValueText, Palette.Ink, 11, TextAnchor.Start);
            }

            if (target is { } tv)
            {
                chart.Line(layout.X(tv), top - 2, layout.X(tv), height - 4, Palette.Ink, dashed: true);
            }
        });
    }

    /// <summary>A 100-pixel bar for a share in 0..1.</summary>
    public static RawHtml Share(ChartRenderer renderer, double? share, string color)
    {
        if (share is not { } s)
        {
            return RawHtml.Empty;
        }

        var filled = Math.Clamp(s, 0, 1) * 100;
        return renderer.Draw(100, 10, "", chart =>
        {
            chart.Rect(0, 0, 100, 10, 2, Palette.NeutralBackground);
            chart.Rect(0, 0, filled, 10, 2, color);
        });
    }

    /// <summary>Cuts a label to at most <paramref name="maxTextElements"/> characters, ending it with "…".</summary>
    public static string Shorten(string text, int maxTextElements)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= maxTextElements
            ? text
            : info.SubstringByTextElements(0, maxTextElements - 1) + "…";
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

    /// <summary>The values as lines; a missing week breaks the line.</summary>
    private static void Series(
        IChartSurface chart, IReadOnlyList<double?> values, Func<int, double> x, Func<double, double> y, string color,
        double strokeWidth)
    {
        var points = new List<(double X, double Y)>();
        void Flush()
        {
            if (points.Count > 1)
            {
                chart.Polyline(points, color, strokeWidth);
            }

            points.Clear();
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                points.Add((x(i), y(v)));
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
}
