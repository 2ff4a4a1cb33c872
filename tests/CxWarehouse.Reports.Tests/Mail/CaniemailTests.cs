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
    /// Features some Gmail or Outlook client lacks, that the body still uses on purpose, with the reason. Only
    /// <c>role</c>: Windows Mail (Windows 10's mail app, in caniemail's Outlook family) strips it, which leaves its
    /// layout tables as if it were not there; every other client tells screen readers the tables are layout.
    /// </summary>
    private static readonly Dictionary<string, string> s_acceptedGaps = new(StringComparer.Ordinal)
    {
        ["role attribute@outlook.windows-mail"] = "role=presentation marks layout tables for screen readers elsewhere",
    };

    /// <summary>Features supported in part, each reviewed: why the missing part does not matter here.</summary>
    private static readonly Dictionary<string, string> s_reviewedPartial = new(StringComparer.Ordinal)
    {
        ["margin"] = "no negative or auto margin (checked below); Outlook's margin on span/body is not used",
        ["padding"] = "Outlook pads only table cells: the padding of a div or span is spacing, the text stays",
        ["background"] = "only colours (checked below), which every client supports",
        ["border"] = "no border wider than 8px (checked below)",
        ["max-width"] = "only on the 900px table (checked below), where Outlook applies it",
        ["width attribute"] = "pixel widths only, no percentage on images (checked below)",
        ["height attribute"] = "pixel heights only",
        ["width property"] = "the width attribute beside it sizes images in Outlook",
        ["height property"] = "the height attribute beside it sizes images in Outlook",
        ["font-size"] = "pixel sizes only, no rem, percentage or relative size (checked below)",
        ["font-weight"] = "600 and 700, which Outlook shows bold as meant",
        ["line-height"] = "pixel line heights: Outlook may space lines a little differently",
        ["display"] = "only display:block on images (checked below): it removes the gap under an image elsewhere",
        ["align attribute"] = "no table aligned left or right (checked below); cells' align works everywhere",
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

        Assert.All(errors, e => Assert.True(s_acceptedGaps.ContainsKey(e), $"{e}: a client lacks this feature"));
        Assert.All(partial, p => Assert.True(s_reviewedPartial.ContainsKey(p.Feature),
            $"{p.Feature} is only partly supported by {p.Client} ({p.Notes}): review it or stop using it"));
    }

    [Fact]
    public void MessageBody_KeepsToThePartsOfPartlySupportedFeaturesThatWork()
    {
        var html = generated.Html;

        Assert.DoesNotMatch(@"margin:[^;""]*(-\d|auto)", html);
        Assert.All(Background().Matches(html), m => Assert.Matches("^#[0-9a-f]{6}$", m.Groups[1].Value));
        Assert.All(BorderWidth().Matches(html), m => Assert.InRange(int.Parse(m.Groups[1].Value), 1, 8));
        Assert.All(MaxWidth().Matches(html), m => Assert.StartsWith("<table", m.Value, StringComparison.Ordinal));
        Assert.All(FontSize().Matches(html), m => Assert.Matches(@"^\d+px$", m.Groups[1].Value));
        Assert.All(Display().Matches(html), m =>
        {
            Assert.Equal("block", m.Groups["value"].Value);
            Assert.Equal("img", m.Groups["tag"].Value);
        });
        Assert.DoesNotMatch(@"<img [^>]*width=""\d+%""", html);
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

    [GeneratedRegex(@"background(?:-color)?:\s*([^;""]+)")]
    private static partial Regex Background();

    [GeneratedRegex(@"border(?:-[a-z]+)?:\s*(\d+)px")]
    private static partial Regex BorderWidth();

    [GeneratedRegex(@"<[a-z0-9]+ [^>]*max-width[^>]*>")]
    private static partial Regex MaxWidth();

    [GeneratedRegex(@"font-size:\s*([^;""]+)")]
    private static partial Regex FontSize();

    [GeneratedRegex(@"<(?<tag>[a-z0-9]+) [^>]*display:\s*(?<value>[a-z-]+)[^>]*>")]
    private static partial Regex Display();
}
