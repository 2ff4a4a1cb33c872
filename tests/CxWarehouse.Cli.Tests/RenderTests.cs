using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CxWarehouse.Cli.Tests.Support;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// The sample's reports opened by real programs: the HTML in headless Chromium, the workbook converted to PDF by
/// headless LibreOffice (both from Debian's packages; `make test` installs them).
/// </summary>
public sealed partial class RenderTests(SampleRun sample) : IClassFixture<SampleRun>
{
    private string Report(string extension) =>
        Path.Combine(sample.Output, "reports", $"cx-benchmark-2026-W47.{extension}");

    internal static (int ExitCode, string Stdout, string Stderr) Tool(string program, IEnumerable<string> args,
        string? home = null)
    {
        var path = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);
        Assert.True(path is not null, $"{program} is not installed: run tests/tools/install-render-tools.sh (make test does)");
        var start = new ProcessStartInfo(path!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        if (home is not null)
        {
            start.Environment["HOME"] = home;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 2 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Html_RendersEverySectionInChromium_WithoutLoadingAnything()
    {
        Assert.True(sample.Report.ExitCode == 0, sample.Report.Stderr);
        var profile = Directory.CreateTempSubdirectory("cxw-chromium-").FullName;
        try
        {
            var screenshot = Path.Combine(profile, "report.png");
            string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0"];
            var dom = Tool("chromium", [.. common, "--dump-dom", new Uri(Report("html")).AbsoluteUri]);
            var shot = Tool("chromium", [.. common, "--window-size=1000,3000", $"--screenshot={screenshot}",
                new Uri(Report("html")).AbsoluteUri]);

            Assert.Equal(0, dom.ExitCode);
            foreach (var section in new[] { "headline", "changes", "benchmark", "trends", "voice", "data-quality" })
            {
                Assert.Contains($"id=\"{section}\"", dom.Stdout, StringComparison.Ordinal);
            }
            Assert.DoesNotContain("<script", dom.Stdout, StringComparison.OrdinalIgnoreCase);
            // Nothing external was requested and no page error was logged.
            Assert.DoesNotMatch(FailedLoad(), dom.Stderr + shot.Stderr);
            Assert.True(new FileInfo(screenshot).Length > 20_000, "the screenshot is (nearly) empty");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    /// <summary>
    /// axe-core (tests/tools/node_modules, pinned by package-lock.json; make test installs it) run on the sample's
    /// report in Chromium: a copy of the page loads axe.min.js and writes its violations into the DOM it dumps.
    /// </summary>
    [Fact]
    public void Html_AxeCoreInChromium_NoViolation()
    {
        Assert.True(sample.Report.ExitCode == 0, sample.Report.Stderr);
        var axe = Path.Combine(Cxw.RepoRoot, "tests", "tools", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), $"{axe} is missing: run tests/tools/install-render-tools.sh (make test does)");
        var folder = Directory.CreateTempSubdirectory("cxw-axe-").FullName;
        try
        {
            File.Copy(axe, Path.Combine(folder, "axe.min.js"));
            const string runner = """
                <script src="axe.min.js"></script><script>
                axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
                  var out = document.createElement('pre'); out.id = 'axe-result';
                  out.textContent = JSON.stringify(r.violations.map(function (v) {
                    return v.id + ' (' + v.impact + ', ' + v.nodes.length + ' nodes): ' + v.help + ' at '
                      + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join('; ');
                  }));
                  document.body.appendChild(out);
                }, function (e) {
                  var out = document.createElement('pre'); out.id = 'axe-result'; out.textContent = 'axe failed: ' + e;
                  document.body.appendChild(out);
                });
                </script>
                """;
            var page = Path.Combine(folder, "report.html");
            File.WriteAllText(page, File.ReadAllText(Report("html")).Replace("</body>", runner + "</body>", StringComparison.Ordinal));
            string[] args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={Path.Combine(folder, "profile")}", "--virtual-time-budget=30000", "--dump-dom",
                new Uri(page).AbsoluteUri];

            var dom = Tool("chromium", args);

            Assert.Equal(0, dom.ExitCode);
            var result = AxeResult().Match(dom.Stdout);
            Assert.True(result.Success, "axe-core wrote no result: " + dom.Stderr);
            Assert.Equal("[]", System.Net.WebUtility.HtmlDecode(result.Groups[1].Value));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Workbook_ConvertsToPdfInLibreOffice_EverySheetPrinted()
    {
        Assert.True(sample.Report.ExitCode == 0, sample.Report.Stderr);
        var folder = Directory.CreateTempSubdirectory("cxw-soffice-").FullName;
        try
        {
            var result = Tool("soffice", ["--headless", "--norestore", $"-env:UserInstallation=file://{folder}/profile",
                "--convert-to", "pdf", "--outdir", folder, Report("xlsx")], home: folder);

            var pdf = Path.Combine(folder, "cx-benchmark-2026-W47.pdf");
            Assert.True(result.ExitCode == 0 && File.Exists(pdf), result.Stdout + result.Stderr);
            var bytes = File.ReadAllBytes(pdf);
            Assert.StartsWith("%PDF", Encoding.ASCII.GetString(bytes, 0, 4), StringComparison.Ordinal);
            var pages = PageObject().Matches(Encoding.Latin1.GetString(bytes)).Count;
            Assert.True(pages >= 7, $"{pages} pages: expected at least one per sheet");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex("<pre id=\"axe-result\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex AxeResult();

    [GeneratedRegex(@"/Type\s*/Page[^s]")]
    private static partial Regex PageObject();

    [GeneratedRegex("ERR_FILE_NOT_FOUND|ERR_NAME_NOT_RESOLVED|Failed to load resource|Uncaught|CONSOLE\\(")]
    private static partial Regex FailedLoad();
}
