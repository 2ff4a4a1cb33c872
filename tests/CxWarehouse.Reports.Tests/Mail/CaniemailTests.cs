using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxWarehouse.Reports.Tests.Support;
using Xunit.Abstractions;

namespace CxWarehouse.Reports.Tests.Mail;

/// <summary>
/// The message's HTML body checked against the caniemail support data (npm package caniemail, installed by
/// tests/tools/install-render-tools.sh) for every Gmail and Outlook client it knows.
/// </summary>
public sealed partial class CaniemailTests(GeneratedMessage generated, ITestOutputHelper output)
    : IClassFixture<GeneratedMessage>
{
    /// <summary>
    /// Features supported in part, each kept to the part every Gmail and Outlook client supports: the test below
    /// checks the body uses no other part. A feature supported in part that is not listed here fails the test.
    /// </summary>
    private static readonly Dictionary<string, string> s_reviewedPartial = new(StringComparer.Ordinal)
    {
        ["margin"] = "no negative or auto margin, none on a span and none on an element with a background of its own",
        ["padding"] = "on table cells only",
        ["background"] = "colours only",
        ["border"] = "on tables and their cells only, no wider than 8px",
        ["max-width"] = "on a table only",
        ["width attribute"] = "pixels, or a percentage on a table or cell (never on an image)",
        ["height attribute"] = "pixels only",
        ["width property"] = "on tables and cells only, never on body, span, div, p or img",
        ["height property"] = "on tables and cells only, never on body, span, div, p or img",
        ["font-size"] = "pixel sizes only, no rem, percentage or relative size",
        ["font-weight"] = "400, 600 and 700 only: Outlook shows 600 and above bold, as meant",
        ["line-height"] = "pixel line heights, exact in Outlook (mso-line-height-rule:exactly) for text",
        ["align attribute"] = "no table aligned left or right; cells' align works everywhere",
    };

    [Fact]
    public void MessageBody_UsesNoFeatureGmailOrOutlookLacks()
    {
        var file = generated.File("body.html");
        File.WriteAllText(file, generated.Html);
        var result = Check(file);
        var errors = result.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("feature").GetString()}@{e.GetProperty("client").GetString()}")
            .Distinct()
            .ToList();
        var partial = result.RootElement.GetProperty("warnings").EnumerateArray()
            .Select(e => (Feature: e.GetProperty("feature").GetString()!, Client: e.GetProperty("client").GetString()!,
                Notes: string.Join(" ", e.GetProperty("notes").EnumerateArray().Select(n => n.GetString()))))
            .Distinct()
            .ToList();
        foreach (var error in errors)
        {
            output.WriteLine($"not supported: {error}");
        }
        foreach (var group in partial.GroupBy(p => p.Feature))
        {
            output.WriteLine($"partly supported: {group.Key} in {string.Join(", ", group.Select(p => p.Client).Distinct())}");
        }

        Assert.Empty(errors);
        Assert.All(partial, p => Assert.True(s_reviewedPartial.ContainsKey(p.Feature),
            $"{p.Feature} is only partly supported by {p.Client} ({p.Notes}): review it or stop using it"));
    }

    [Fact]
    public void MessageBody_KeepsToThePartsOfPartlySupportedFeaturesThatWork()
    {
        var html = generated.Html;
        var tags = Tag().Matches(html).Select(m => (Name: m.Groups["name"].Value, Tag: m.Value,
            Style: StyleAttribute().Match(m.Value) is { Success: true } s ? s.Groups[1].Value : "")).ToList();
        Assert.NotEmpty(tags);
        string[] cells = ["table", "td", "th"];

        Assert.All(tags, t =>
        {
            Assert.DoesNotMatch(@"(^|;)\s*margin[a-z-]*:[^;]*(-\d|auto)", t.Style);
            if (t.Name == "span" || t.Style.Contains("background", StringComparison.Ordinal))
            {
                Assert.DoesNotMatch(@"(^|;)\s*margin", t.Style);
            }

            if (!cells.Contains(t.Name))
            {
                Assert.DoesNotMatch(@"(^|;)\s*(padding|border|width|height|max-width)[a-z-]*:", t.Style);
            }

            if (t.Name != "table")
            {
                Assert.DoesNotMatch(@"(^|;)\s*max-width:", t.Style);
            }

            Assert.DoesNotMatch(@"(^|;)\s*display:", t.Style);
            Assert.DoesNotMatch(@"(^|;)\s*(background-image|background:[^;]*url)", t.Style);
        });
        Assert.All(Background().Matches(html), m => Assert.Matches("^#[0-9a-f]{6}$", m.Groups[1].Value));
        Assert.All(BorderWidth().Matches(html), m => Assert.InRange(int.Parse(m.Groups[1].Value), 1, 8));
        Assert.All(FontSize().Matches(html), m => Assert.Matches(@"^\d+px$", m.Groups[1].Value));
        Assert.All(FontWeight().Matches(html), m => Assert.Contains(m.Groups[1].Value, new[] { "400", "600", "700" }));
        Assert.All(LineHeight().Matches(html), m =>
        {
            Assert.Matches(@"^(0|\d+px)$", m.Groups["value"].Value);
            if (m.Groups["value"].Value is var v && v.EndsWith("px", StringComparison.Ordinal) && int.Parse(v[..^2]) >= 10)
            {
                Assert.Contains("mso-line-height-rule:exactly;", m.Groups["before"].Value, StringComparison.Ordinal);
            }
        });
        Assert.All(SizeAttribute().Matches(html), m =>
        {
            Assert.Matches(@"^\d+%?$", m.Groups["value"].Value);
            if (m.Groups["value"].Value.EndsWith('%'))
            {
                Assert.Contains(m.Groups["tag"].Value, cells);
                Assert.Equal("width", m.Groups["name"].Value);
            }
        });
        Assert.DoesNotMatch(@"<table [^>]*align=""(left|right)""", html);
    }

    private static JsonDocument Check(string htmlFile)
    {
        var tools = Path.Combine(TestPaths.RepositoryRoot, "tests", "tools");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "caniemail")),
            "the caniemail package is not installed: run tests/tools/install-render-tools.sh (make test does)");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("caniemail-check.mjs");
        start.ArgumentList.Add(htmlFile);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the caniemail check did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, stderr.Result);
        return JsonDocument.Parse(stdout.Result);
    }

    [GeneratedRegex(@"<(?<name>[a-z0-9]+)(?:\s[^>]*)?>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\sstyle=""([^""]*)""")]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"background(?:-color)?:\s*([^;""]+)")]
    private static partial Regex Background();

    [GeneratedRegex(@"border(?:-[a-z]+)?:\s*(\d+)px")]
    private static partial Regex BorderWidth();

    [GeneratedRegex(@"font-size:\s*([^;""]+)")]
    private static partial Regex FontSize();

    [GeneratedRegex(@"font-weight:\s*([^;""]+)")]
    private static partial Regex FontWeight();

    [GeneratedRegex(@"style=""(?<before>[^""]*?)line-height:\s*(?<value>[^;""]+)")]
    private static partial Regex LineHeight();

    [GeneratedRegex(@"<(?<tag>[a-z0-9]+) [^>]*?\b(?<name>width|height)=""(?<value>[^""]*)""")]
    private static partial Regex SizeAttribute();
}
