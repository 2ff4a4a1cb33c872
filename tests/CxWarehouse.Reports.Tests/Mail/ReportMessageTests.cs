using System.Text.RegularExpressions;
using ClosedXML.Excel;
using CxWarehouse.Reports.Tests.Support;
using MimeKit;
using SkiaSharp;

namespace CxWarehouse.Reports.Tests.Mail;

/// <summary>The weekly message as written to the .eml: its MIME structure, headers, images and attachment.</summary>
public sealed partial class ReportMessageTests(GeneratedMessage generated) : IClassFixture<GeneratedMessage>
{
    private MimeMessage Message => generated.Message;

    [Fact]
    public void Eml_IsWrittenBesideTheOtherFiles_AndNotTheHtmlPageWhenNotAsked()
    {
        Assert.EndsWith(Path.Combine("reports", "cx-benchmark-2026-W47.eml"), generated.Result.EmlPath, StringComparison.Ordinal);
        Assert.Null(generated.Result.HtmlPath);
        Assert.NotNull(generated.Result.XlsxPath);
    }

    [Fact]
    public void Headers_ComeFromTheOptions_WithTheSubjectFilledIn()
    {
        Assert.Equal("\"CX reports\" <reports@example.com>", Message.From.ToString());
        Assert.Equal(["ana@example.com", "bo@example.com"], Message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["ops@example.com"], Message.Cc.Mailboxes.Select(m => m.Address));
        Assert.Matches(
            @"^CX benchmark 2026-W47 \(2026-11-16 – 2026-11-22, vs 2026-W46\): \d+ off, \d+ near, \d+ on target, \d+ without data$",
            Message.Subject);
        Assert.Equal(SampleWarehouse.GeneratedAt, Message.Date);
        Assert.EndsWith("@example.com", Message.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public void Structure_TextAndHtmlAlternatives_ImagesRelatedToTheHtml_ReportAndWorkbookAttached()
    {
        var mixed = Assert.IsType<Multipart>(Message.Body, exactMatch: false);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        Assert.Equal(3, mixed.Count);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal("text/plain", alternative[0].ContentType.MimeType);
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        Assert.Equal("text/html", related.Root!.ContentType.MimeType);
        Assert.All(related.Skip(1), part =>
        {
            Assert.Equal("image/png", part.ContentType.MimeType);
            Assert.False(string.IsNullOrEmpty(part.ContentId));
        });

        var report = Assert.IsType<TextPart>(mixed[1], exactMatch: false);
        Assert.True(report.IsAttachment);
        Assert.Equal("cx-benchmark-2026-W47.html", report.FileName);
        Assert.Equal("text/html", report.ContentType.MimeType);

        var workbook = Assert.IsType<MimePart>(mixed[2], exactMatch: false);
        Assert.True(workbook.IsAttachment);
        Assert.Equal("cx-benchmark-2026-W47.xlsx", workbook.FileName);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.ContentType.MimeType);
    }

    [Fact]
    public void Workbook_Attached_IsTheWorkbookWritten()
    {
        var attachment = Message.Attachments.OfType<MimePart>().Single(p => p.FileName?.EndsWith(".xlsx", StringComparison.Ordinal) == true);
        using var bytes = new MemoryStream();
        attachment.Content!.DecodeTo(bytes);

        Assert.Equal(File.ReadAllBytes(generated.Result.XlsxPath!), bytes.ToArray());
        bytes.Position = 0;
        using var workbook = new XLWorkbook(bytes);
        Assert.Equal("Summary", workbook.Worksheets.First().Name);
    }

    [Fact]
    public void Html_EveryImageIsAnAttachedPng_AndEveryAttachedPngIsShown()
    {
        var parts = Message.BodyParts.OfType<MimePart>()
            .Where(p => p.ContentType.MimeType == "image/png")
            .ToDictionary(p => p.ContentId!, StringComparer.Ordinal);
        var sources = ImageSource().Matches(generated.Html).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.StartsWith("cid:", source, StringComparison.Ordinal));
        Assert.Equal(parts.Keys.Order(), sources.Select(s => s[4..]).Order());
        foreach (var part in parts.Values)
        {
            using var png = new MemoryStream();
            part.Content!.DecodeTo(png);
            using var bitmap = SKBitmap.Decode(png.ToArray());
            Assert.NotNull(bitmap);

            // Drawn at twice the size the HTML shows, for sharp high-density screens.
            var tag = ImageTag().Matches(generated.Html).Single(m => m.Groups["id"].Value == part.ContentId);
            Assert.Equal(2 * int.Parse(tag.Groups["w"].Value), bitmap.Width);
            Assert.Equal(2 * int.Parse(tag.Groups["h"].Value), bitmap.Height);
        }
    }

    [Fact]
    public void Png_FirstSparkline_IsDrawnInItsTilesStatusColour()
    {
        var first = ImageTag().Match(generated.Html);
        Assert.True(first.Success, "the body shows no image");
        var tileColour = TileBorder().Matches(generated.Html[..first.Index]).Last().Groups["colour"].Value;
        var part = Message.BodyParts.OfType<MimePart>().Single(p => p.ContentId == first.Groups["id"].Value);
        using var png = new MemoryStream();
        part.Content!.DecodeTo(png);
        using var bitmap = SKBitmap.Decode(png.ToArray());

        var drawn = Enumerable.Range(0, bitmap.Width)
            .SelectMany(x => Enumerable.Range(0, bitmap.Height).Select(y => bitmap.GetPixel(x, y)))
            .Where(c => c != SKColors.White)
            .ToList();
        Assert.True(drawn.Count > 200, $"{drawn.Count} drawn pixels: the chart is (nearly) blank");
        Assert.Contains(SKColor.Parse(tileColour), drawn);
    }

    [Fact]
    public void Html_HasNoSvgStyleElementScriptOrExternalResource()
    {
        Assert.DoesNotContain("<svg", generated.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", generated.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", generated.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<body", generated.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("src=\"(?!cid:)", generated.Html);
        Assert.DoesNotContain("white-space", generated.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_EveryTextCellCarriesItsFont()
    {
        var html = generated.Html;
        var cells = CellTag().Matches(html).ToList();

        Assert.NotEmpty(cells);
        Assert.All(cells, cell =>
        {
            // A cell drawn as a bar (line-height:1px) or holding only an image (line-height:0) holds no text.
            var textless = cell.Value.Contains("line-height:1px", StringComparison.Ordinal)
                || (cell.Value.Contains("line-height:0", StringComparison.Ordinal)
                    && ImageOnly().IsMatch(html[(cell.Index + cell.Length)..Math.Min(html.Length, cell.Index + cell.Length + 500)]));
            if (!textless)
            {
                Assert.Contains("font-family:", cell.Value, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void Report_Attached_IsTheFullHtmlPage_WithItsSvgCharts()
    {
        var report = Message.Attachments.OfType<TextPart>().Single(p => p.FileName == "cx-benchmark-2026-W47.html");
        var page = report.Text;

        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("<main>", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.DoesNotContain("cid:", page, StringComparison.Ordinal);
        foreach (var section in new[] { "headline", "changes", "benchmark", "journey", "trends", "voice", "drivers",
            "follow-ups", "data-quality" })
        {
            Assert.Contains($"id=\"{section}\"", page, StringComparison.Ordinal);
        }
    }

    /// <summary>Gmail clips a message whose HTML is over 102 KB ("[Message clipped]") and hides the rest.</summary>
    [Fact]
    public void Html_IsUnderGmailsClippingLimit_AsWrittenAndAsSentOverASevenBitLink()
    {
        const int limit = 102 * 1000;
        var html = Message.BodyParts.OfType<TextPart>().Single(p => p.IsHtml && !p.IsAttachment);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(generated.Html), 1, limit);

        // A server without 8BITMIME gets the body quoted-printable: every '=' and non-ASCII byte grows.
        using var clone = MimeMessage.Load(generated.Result.EmlPath!);
        clone.Prepare(EncodingConstraint.SevenBit);
        var part = clone.BodyParts.OfType<TextPart>().Single(p => p.IsHtml && !p.IsAttachment);
        using var encoded = new MemoryStream();
        part.Content!.WriteTo(encoded);
        Assert.NotEqual(ContentEncoding.EightBit, part.ContentTransferEncoding);
        Assert.InRange(encoded.Length, 1, limit);
        Assert.Equal(html.Text, part.Text);
    }

    [Fact]
    public void Html_IsTheWeekAtAGlance_EveryKpiWithDataWithItsMarginChangeAndVerdict()
    {
        var html = generated.Html;
        foreach (var section in new[] { "headline", "changes", "drivers", "follow-ups", "benchmark", "data-quality" })
        {
            Assert.Contains($"id=\"{section}\"", html, StringComparison.Ordinal);
        }

        // One row per KPI with a value, each with its sparkline, and the rest in one line.
        var rows = KpiRow().Matches(html);
        Assert.Equal(Message.TextBody!.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)
            && !l.Contains("more KPIs have no data", StringComparison.Ordinal)), rows.Count);
        Assert.All(rows, r => Assert.Contains("<img src=\"cid:", r.Value, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Value.Contains("± ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Value.Contains("significant", StringComparison.Ordinal)
            || r.Value.Contains("within noise", StringComparison.Ordinal));
        Assert.Matches("id=\"noise\"[^>]*>.*Within noise \\(\\d+\\):", html);

        // The voice, the journey and the follow-ups' customers stay in the attachments.
        Assert.DoesNotContain("id=\"journey\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"voice\"", html, StringComparison.Ordinal);
        Assert.Contains("attached as cx-benchmark-2026-W47.html", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_ListsTheKpisWithData_AndNamesTheWorkbook()
    {
        var text = Message.TextBody;

        Assert.StartsWith("CX benchmark · 2026-W47", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^- NPS: -?\d+\.\d \(", text);
        Assert.Contains("attached workbook cx-benchmark-2026-W47.xlsx", text, StringComparison.Ordinal);
        Assert.Contains("attached as cx-benchmark-2026-W47.html", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_UnknownField_IsRefused()
    {
        var options = new ReportOptions(
            SampleWarehouse.Create(generated.File("subject.duckdb")),
            generated.File("subject-out"),
            ReportPeriod.Parse("2026-W47", SampleWarehouse.Week))
        {
            TemplatesDirectory = TestPaths.TemplatesDirectory,
            WriteEml = true,
            Message = new Reports.Mail.MessageOptions { Subject = "{title} {red}" },
        };

        var ex = Assert.Throws<ArgumentException>(() => new ReportGenerator().Generate(options));

        Assert.Contains("unknown field {red}", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(generated.File("subject-out"), "reports")));
    }

    [GeneratedRegex("<img [^>]*src=\"([^\"]*)\"")]
    private static partial Regex ImageSource();

    [GeneratedRegex("<img src=\"cid:(?<id>[^\"]+)\" width=\"(?<w>\\d+)\" height=\"(?<h>\\d+)\"")]
    private static partial Regex ImageTag();

    [GeneratedRegex("border-left:4px solid (?<colour>#[0-9a-f]{6});")]
    private static partial Regex TileBorder();

    [GeneratedRegex("<tr>\n<td [^>]*border-left:4px solid #[0-9a-f]{6};.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex KpiRow();

    [GeneratedRegex("<t[dh][ >][^>]*>")]
    private static partial Regex CellTag();

    [GeneratedRegex("^<img [^>]*></td>")]
    private static partial Regex ImageOnly();
}
