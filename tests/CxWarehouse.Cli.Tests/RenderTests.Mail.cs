using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxWarehouse.Cli.Tests.Support;
using MimeKit;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// <c>cxw report --mail</c> against a real SMTP server the test starts (npm package smtp-server, run by
/// tests/tools/smtp-capture.mjs): the message it received is parsed, its parts checked, and its HTML rendered in
/// Chromium with the images taken from the message.
/// </summary>
public sealed partial class RenderTests
{
    private const string SmtpUser = "reports@lumen.example";

    [Fact]
    public void Mail_SentToARealSmtpServer_ArrivesWhole_AndRendersInChromiumWithItsImages()
    {
        Assert.True(sample.Report.ExitCode == 0, sample.Report.Stderr);
        var folder = Directory.CreateTempSubdirectory("cxw-mail-").FullName;
        var password = "pw-" + Guid.NewGuid().ToString("N");
        try
        {
            using var server = SmtpCapture.Start(Path.Combine(folder, "inbox"), SmtpUser, password);
            var config = MailConfig(folder, server.Port);

            var result = Cxw.Run(Cxw.RepoRoot, new Dictionary<string, string> { ["CXW_TEST_SMTP_PASSWORD"] = password },
                ["report", "--mail", "--config", config, "--input", Cxw.RepoRoot, .. sample.Globals]);

            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            Assert.DoesNotContain(password, result.Stdout + result.Stderr, StringComparison.Ordinal);
            Assert.Matches(@"sent cx-benchmark-2026-W47\.eml to 3 recipient\(s\) through 127\.0\.0\.1:\d+: .*queued as test-1",
                result.Stdout + result.Stderr);
            var received = server.WaitForMessage(TimeSpan.FromSeconds(30));
            using var message = MimeMessage.Load(received);
            using var written = MimeMessage.Load(Report("eml"));

            // The message sent is the message written.
            Assert.Equal(written.MessageId, message.MessageId);
            Assert.Equal("Lumen Studios CX benchmark 2026-W47: test of the weekly message", message.Subject);
            Assert.Equal(["ana@lumen.example", "bo@lumen.example"], message.To.Mailboxes.Select(m => m.Address));
            Assert.Equal(["ops@lumen.example"], message.Cc.Mailboxes.Select(m => m.Address));
            Assert.Equal(SmtpUser, message.From.Mailboxes.Single().Address);

            var images = message.BodyParts.OfType<MimePart>().Where(p => p.ContentType.MimeType == "image/png").ToList();
            var html = message.HtmlBody!;
            var cids = CidSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(images);
            Assert.Equal(images.Select(i => i.ContentId).Order(), cids.Order());
            Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Every figure", html, StringComparison.Ordinal);

            // Gmail clips a body over 102 KB; this one arrives whole, with the full report attached beside it.
            var body = message.BodyParts.OfType<TextPart>().Single(p => p.IsHtml && !p.IsAttachment);
            using (var sent = new MemoryStream())
            {
                body.Content!.WriteTo(sent);
                Assert.InRange(sent.Length, 1, 102 * 1000);
            }

            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(html), 1, 102 * 1000);
            var report = message.Attachments.OfType<TextPart>().Single();
            Assert.Equal("cx-benchmark-2026-W47.html", report.FileName);
            Assert.Equal(File.ReadAllText(Report("html")), report.Text);
            var workbook = message.Attachments.OfType<MimePart>().Single(p => p.FileName?.EndsWith(".xlsx", StringComparison.Ordinal) == true);
            Assert.Equal("cx-benchmark-2026-W47.xlsx", workbook.FileName);
            using (var bytes = new MemoryStream())
            {
                workbook.Content!.DecodeTo(bytes);
                Assert.Equal(File.ReadAllBytes(Report("xlsx")), bytes.ToArray());
            }

            RenderInChromium(html, images, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Mail_RefusedLogin_ExitsNonZero_NamingTheServersAnswer_NeverThePassword()
    {
        Assert.True(sample.Report.ExitCode == 0, sample.Report.Stderr);
        var folder = Directory.CreateTempSubdirectory("cxw-mail-").FullName;
        var wrong = "wrong-" + Guid.NewGuid().ToString("N");
        try
        {
            using var server = SmtpCapture.Start(Path.Combine(folder, "inbox"), SmtpUser, "the-right-one");
            var config = MailConfig(folder, server.Port);

            var result = Cxw.Run(Cxw.RepoRoot, new Dictionary<string, string> { ["CXW_TEST_SMTP_PASSWORD"] = wrong },
                ["report", "--mail", "--config", config, "--input", Cxw.RepoRoot, .. sample.Globals]);

            Assert.Equal(2, result.ExitCode);
            var said = result.Stdout + result.Stderr;
            // The log masks addresses, as it masks every email address it prints.
            Assert.Contains($"SMTP server 127.0.0.1:{server.Port} refused the login of r***@***", said, StringComparison.Ordinal);
            Assert.Contains("535: 5.7.8 Authentication credentials invalid", said, StringComparison.Ordinal);
            Assert.DoesNotContain(wrong, said, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(Path.Combine(folder, "inbox")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Mail_PasswordVariableUnset_ExitsNonZero_NamingTheVariable()
    {
        var folder = Directory.CreateTempSubdirectory("cxw-mail-").FullName;
        try
        {
            var config = MailConfig(folder, 2525);

            var result = Cxw.Run(Cxw.RepoRoot, new Dictionary<string, string> { ["CXW_TEST_SMTP_PASSWORD"] = "" },
                ["report", "--mail", "--config", config, "--input", Cxw.RepoRoot, .. sample.Globals]);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("mail.password_env: the environment variable CXW_TEST_SMTP_PASSWORD is not set",
                result.Stdout + result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The sample's configuration with a mail: section for the local server.</summary>
    private static string MailConfig(string folder, int port)
    {
        var path = Path.Combine(folder, "cxwarehouse.yml");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(Cxw.RepoRoot, "cxwarehouse.yml")) + $"""

            mail:
              host: 127.0.0.1
              port: {port}
              tls: none
              user: {SmtpUser}
              password_env: CXW_TEST_SMTP_PASSWORD
              from: "Lumen CX reports <{SmtpUser}>"
              to: [ana@lumen.example, "Bo Li <bo@lumen.example>"]
              cc: ops@lumen.example
              subject: "{"{title} {period}"}: test of the weekly message"

            """);
        return path;
    }

    /// <summary>
    /// Opens the message's HTML in headless Chromium with each <c>cid:</c> image resolved to its part saved as a
    /// file, and checks every image loaded (a script in a test wrapper counts them; the message has none).
    /// </summary>
    private static void RenderInChromium(string html, IReadOnlyList<MimePart> images, string folder)
    {
        var page = Path.Combine(folder, "page");
        Directory.CreateDirectory(page);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            var name = $"{files.Count + 1:000}.png";
            using (var file = File.Create(Path.Combine(page, name)))
            {
                image.Content!.DecodeTo(file);
            }
            files[image.ContentId!] = name;
        }
        var resolved = CidSource().Replace(html, m => $"src=\"{files[m.Groups[1].Value]}\"");
        var probe = """
            <script>
            window.addEventListener('load', () => {
              const images = [...document.images];
              const broken = images.filter(i => !i.complete || i.naturalWidth === 0).length;
              document.documentElement.setAttribute('data-images', images.length + '/' + broken);
            });
            </script>
            """;
        var viewer = Path.Combine(page, "message.html");
        File.WriteAllText(viewer, resolved + probe);
        var profile = Path.Combine(folder, "chromium");
        var screenshot = Path.Combine(folder, "message.png");
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"];
        var dom = Tool("chromium", [.. common, "--dump-dom", new Uri(viewer).AbsoluteUri]);
        var shot = Tool("chromium", [.. common, "--window-size=1000,2400", $"--screenshot={screenshot}",
            new Uri(viewer).AbsoluteUri]);

        Assert.Equal(0, dom.ExitCode);
        var counted = ImageCount().Match(dom.Stdout);
        Assert.True(counted.Success, "the page's images were not counted: " + dom.Stderr);
        Assert.Equal(images.Count, int.Parse(counted.Groups["all"].Value));
        Assert.Equal(0, int.Parse(counted.Groups["broken"].Value));
        Assert.DoesNotMatch(FailedLoad(), dom.Stderr + shot.Stderr);
        Assert.True(new FileInfo(screenshot).Length > 20_000, "the screenshot is (nearly) empty");
        if (Environment.GetEnvironmentVariable("CXW_KEEP_SCREENSHOT") is { Length: > 0 } keep)
        {
            File.Copy(screenshot, keep, overwrite: true);
        }
    }

    [GeneratedRegex("src=\"cid:([^\"]+)\"")]
    private static partial Regex CidSource();

    [GeneratedRegex("data-images=\"(?<all>\\d+)/(?<broken>\\d+)\"")]
    private static partial Regex ImageCount();

    /// <summary>The test SMTP server: a node process that saves each message it receives.</summary>
    private sealed class SmtpCapture : IDisposable
    {
        private readonly Process _process;
        private readonly string _inbox;

        private SmtpCapture(Process process, string inbox, int port)
        {
            _process = process;
            _inbox = inbox;
            Port = port;
        }

        public int Port { get; }

        public static SmtpCapture Start(string inbox, string user, string password)
        {
            Directory.CreateDirectory(inbox);
            var tools = Path.Combine(Cxw.RepoRoot, "tests", "tools");
            Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "smtp-server")),
                "smtp-server is not installed: run tests/tools/install-render-tools.sh (make test does)");
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = tools,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { "smtp-capture.mjs", inbox, user, password })
            {
                start.ArgumentList.Add(arg);
            }
            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            var line = process.StandardOutput.ReadLineAsync();
            if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result is null)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("the test SMTP server did not start");
            }
            using var json = JsonDocument.Parse(line.Result);
            return new SmtpCapture(process, inbox, json.RootElement.GetProperty("port").GetInt32());
        }

        public string WaitForMessage(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            var path = Path.Combine(_inbox, "1.eml");
            while (DateTime.UtcNow < deadline)
            {
                // The server logs after the file is complete; the client is told "queued" only after that.
                if (File.Exists(path) && new FileInfo(path).Length > 0)
                {
                    return path;
                }
                Thread.Sleep(100);
            }
            throw new TimeoutException("the test SMTP server received no message");
        }

        public void Dispose()
        {
            try
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
            finally
            {
                _process.Dispose();
            }
        }
    }
}
