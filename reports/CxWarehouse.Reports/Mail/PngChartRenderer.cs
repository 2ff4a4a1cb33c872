using System.Globalization;
using CxWarehouse.Reports.Html;
using SkiaSharp;

namespace CxWarehouse.Reports.Mail;

/// <summary>One chart drawn as a PNG, to attach to the message under <see cref="ContentId"/>.</summary>
/// <param name="ContentId">The Content-ID the HTML refers to as <c>cid:</c>.</param>
/// <param name="FileName">A file name for clients that show inline images as attachments.</param>
/// <param name="Png">The image.</param>
public sealed record ChartImage(string ContentId, string FileName, byte[] Png);

/// <summary>
/// Draws each chart offline with SkiaSharp as a PNG at twice its size (sharp on high-density screens) and writes an
/// <c>&lt;img src="cid:…"&gt;</c> of its CSS size.
/// </summary>
internal sealed class PngChartRenderer(string idSuffix) : ChartRenderer
{
    private const float Scale = 2;
    private static readonly string[] s_families = ["Liberation Sans", "Arimo", "DejaVu Sans", "Noto Sans", "Arial"];
    private static readonly Lazy<SKTypeface> s_regular = new(() => Typeface(SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> s_bold = new(() => Typeface(SKFontStyle.Bold));

    private readonly List<ChartImage> _images = [];

    /// <summary>The images drawn so far, in the order the HTML shows them.</summary>
    public IReadOnlyList<ChartImage> Images => _images;

    public override RawHtml Draw(double width, double height, string description, Action<IChartSurface> draw)
    {
        var info = new SKImageInfo((int)Math.Ceiling(width * Scale), (int)Math.Ceiling(height * Scale));
        using var surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException("SkiaSharp could not create a drawing surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(Scale);
        draw(new Surface(canvas));
        canvas.Flush();
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode a PNG");
        var number = (_images.Count + 1).ToString("000", CultureInfo.InvariantCulture);
        var id = $"chart{number}.{idSuffix}";
        _images.Add(new ChartImage(id, $"chart{number}.png", png.ToArray()));
        var w = ((int)Math.Round(width)).ToString(CultureInfo.InvariantCulture);
        var h = ((int)Math.Round(height)).ToString(CultureInfo.InvariantCulture);
        return new RawHtml(
            $"<img src=\"cid:{HtmlText.Escape(id)}\" width=\"{w}\" height=\"{h}\" alt=\"{HtmlText.Escape(description)}\" "
            + "border=\"0\">");
    }

    private static SKTypeface Typeface(SKFontStyle style)
    {
        foreach (var family in s_families)
        {
            var typeface = SKFontManager.Default.MatchFamily(family, style);
            if (typeface is not null)
            {
                return typeface;
            }
        }

        return SKTypeface.FromFamilyName(null, style) ?? SKTypeface.Default;
    }

    private static SKColor Color(string hex) => SKColor.Parse(hex);

    private sealed class Surface(SKCanvas canvas) : IChartSurface
    {
        public void Line(double x1, double y1, double x2, double y2, string color, bool dashed)
        {
            using var paint = Stroke(color, 1);
            using var dash = dashed ? SKPathEffect.CreateDash([4, 3], 0) : null;
            paint.PathEffect = dash;
            canvas.DrawLine((float)x1, (float)y1, (float)x2, (float)y2, paint);
        }

        public void Polyline(IReadOnlyList<(double X, double Y)> points, string color, double strokeWidth)
        {
            using var paint = Stroke(color, strokeWidth);
            paint.StrokeCap = SKStrokeCap.Round;
            paint.StrokeJoin = SKStrokeJoin.Round;
            using var path = new SKPath();
            path.MoveTo((float)points[0].X, (float)points[0].Y);
            foreach (var (x, y) in points.Skip(1))
            {
                path.LineTo((float)x, (float)y);
            }

            canvas.DrawPath(path, paint);
        }

        public void Rect(double x, double y, double width, double height, double radius, string color, double? opacity)
        {
            using var paint = Fill(color);
            if (opacity is { } o)
            {
                paint.Color = paint.Color.WithAlpha((byte)Math.Round(Math.Clamp(o, 0, 1) * 255));
            }

            var rect = SKRect.Create((float)x, (float)y, (float)width, (float)height);
            canvas.DrawRoundRect(rect, (float)radius, (float)radius, paint);
        }

        public void Circle(double x, double y, double radius, string color)
        {
            using var paint = Fill(color);
            canvas.DrawCircle((float)x, (float)y, (float)radius, paint);
        }

        public void Text(double x, double y, string text, string color, double size, TextAnchor anchor, bool bold)
        {
            using var paint = Fill(color);
            var main = bold ? s_bold.Value : s_regular.Value;

            // A glyph the main face lacks (a Chinese shop name, say) comes from a face that has it.
            var missing = text.EnumerateRunes().FirstOrDefault(r => !main.ContainsGlyph(r.Value));
            using var fallback = missing.Value == 0
                ? null
                : SKFontManager.Default.MatchCharacter(main.FamilyName, main.FontStyle, null, missing.Value);
            using var font = new SKFont(fallback ?? main, (float)size) { Subpixel = true, Edging = SKFontEdging.Antialias };
            var align = anchor switch
            {
                TextAnchor.Middle => SKTextAlign.Center,
                TextAnchor.End => SKTextAlign.Right,
                _ => SKTextAlign.Left,
            };
            canvas.DrawText(text, (float)x, (float)y, align, font, paint);
        }

        private static SKPaint Stroke(string color, double width) => new()
        {
            Color = Color(color),
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeWidth = (float)width,
        };

        private static SKPaint Fill(string color) => new()
        {
            Color = Color(color),
            IsAntialias = true,
            Style = SKPaintStyle.Fill,
        };
    }
}
