using System.Globalization;
using System.Text.RegularExpressions;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// The workbook printed by LibreOffice: its native charts are drawn, and no text is drawn over other text (the
/// words' boxes, read back from the PDF with poppler's pdftotext, do not overlap), on any page.
/// </summary>
public sealed partial class RenderTests
{
    private sealed record Word(double X0, double Y0, double X1, double Y1, string Text);

    [Fact]
    public void Workbook_InLibreOffice_ChartsDrawn_NoTextOverText()
    {
        Assert.True(sample.Report.ExitCode == 0, sample.Report.Stderr);
        var folder = Directory.CreateTempSubdirectory("cxw-soffice-").FullName;
        try
        {
            var convert = Tool("soffice", ["--headless", "--norestore", $"-env:UserInstallation=file://{folder}/profile",
                "--convert-to", "pdf", "--outdir", folder, Report("xlsx")], home: folder);
            var pdf = Path.Combine(folder, "cx-benchmark-2026-W47.pdf");
            Assert.True(convert.ExitCode == 0 && File.Exists(pdf), convert.Stdout + convert.Stderr);
            var boxes = Path.Combine(folder, "words.html");
            var text = Tool("pdftotext", ["-bbox", pdf, boxes]);
            Assert.True(text.ExitCode == 0, text.Stderr);

            var pages = File.ReadAllText(boxes).Split("<page ")[1..].Select(Words).ToList();
            var all = string.Join(' ', pages.SelectMany(p => p).Select(w => w.Text));

            // The charts' titles are text LibreOffice drew: a trend on the first pages, the benchmark's bars later.
            Assert.Contains("NPS (score)", string.Join(' ', pages.Take(3).SelectMany(p => p).Select(w => w.Text)), StringComparison.Ordinal);
            Assert.Contains("NPS by location", all, StringComparison.Ordinal);
            var overlaps = pages.SelectMany((words, page) => Overlapping(words)
                    .Select(pair => $"page {page + 1}: '{pair.A.Text}' and '{pair.B.Text}' at "
                        + string.Create(CultureInfo.InvariantCulture, $"({pair.A.X0:0},{pair.A.Y0:0})")))
                .ToList();
            Assert.True(overlaps.Count == 0, $"{overlaps.Count} words drawn over others: {string.Join("; ", overlaps.Take(10))}");

            // The first two pages as images, to look at (CXW_KEEP_PAGES=folder keeps them).
            var png = Tool("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "2", pdf, Path.Combine(folder, "page")]);
            Assert.True(png.ExitCode == 0, png.Stderr);
            var images = Directory.GetFiles(folder, "page-*.png");
            Assert.Equal(2, images.Length);
            if (Environment.GetEnvironmentVariable("CXW_KEEP_PAGES") is { Length: > 0 } keep)
            {
                Directory.CreateDirectory(keep);
                foreach (var image in images)
                {
                    File.Copy(image, Path.Combine(keep, Path.GetFileName(image)), overwrite: true);
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<Word> Words(string page) => [.. WordBox().Matches(page).Select(m => new Word(
        double.Parse(m.Groups["x0"].Value, CultureInfo.InvariantCulture),
        double.Parse(m.Groups["y0"].Value, CultureInfo.InvariantCulture),
        double.Parse(m.Groups["x1"].Value, CultureInfo.InvariantCulture),
        double.Parse(m.Groups["y1"].Value, CultureInfo.InvariantCulture),
        System.Net.WebUtility.HtmlDecode(m.Groups["text"].Value)))];

    /// <summary>Pairs of words whose boxes cross by more than half a line and half a point.</summary>
    private static IEnumerable<(Word A, Word B)> Overlapping(List<Word> words)
    {
        var sorted = words.OrderBy(w => w.Y0).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var a = sorted[i];
            for (var j = i + 1; j < sorted.Count && sorted[j].Y0 < a.Y1; j++)
            {
                var b = sorted[j];
                var width = Math.Min(a.X1, b.X1) - Math.Max(a.X0, b.X0);
                var height = Math.Min(a.Y1, b.Y1) - Math.Max(a.Y0, b.Y0);
                if (width > 0.5 && height > 0.5 * Math.Min(a.Y1 - a.Y0, b.Y1 - b.Y0))
                {
                    yield return (a, b);
                }
            }
        }
    }

    [GeneratedRegex("<word xMin=\"(?<x0>[0-9.]+)\" yMin=\"(?<y0>[0-9.]+)\" xMax=\"(?<x1>[0-9.]+)\" yMax=\"(?<y1>[0-9.]+)\">(?<text>[^<]*)</word>")]
    private static partial Regex WordBox();
}
