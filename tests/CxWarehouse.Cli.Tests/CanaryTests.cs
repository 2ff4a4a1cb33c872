using System.IO.Compression;
using CxWarehouse.Cli.Tests.Support;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// Planted canaries: a database password, an email and a phone number, pushed through failures and data-test
/// reports; none may appear in the logs (plain or JSON), run_results.json or the reports.
/// </summary>
public sealed class CanaryTests : IDisposable
{
    private const string Password = "Canary-Pa55word-7f3a";
    private const string Email = "canary.leak@example.com";
    private const string Phone = "+44 20 7946 0999";
    private readonly string _folder = Directory.CreateTempSubdirectory("cxw-canary-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public void Canaries_NeverReachLogsRunResultsOrReports()
    {
        CopyFolder(Path.Combine(Cxw.RepoRoot, "sql"), Path.Combine(_folder, "sql"));
        CopyFolder(Path.Combine(Cxw.RepoRoot, "templates"), Path.Combine(_folder, "templates"));
        // A SQL test that fails on the canary row, so its example row is printed.
        File.WriteAllText(Path.Combine(_folder, "sql", "tests", "assert_no_canary_contact.sql"),
            "select customer_id, email, phone from staging.stg_crm__customers where email like 'canary%'");
        Directory.CreateDirectory(Path.Combine(_folder, "crm"));
        File.WriteAllText(Path.Combine(_folder, "crm", "Contact.csv"),
            "\"Id\",\"FirstName\",\"LastName\",\"Email\",\"Phone\",\"CreatedDate\",\"LastModifiedDate\"\r\n"
            + $"\"003A\",\"Can\",\"Ary\",\"{Email}\",\"{Phone}\",\"2026-01-05T10:00:00.000Z\",\"2026-01-06T10:00:00.000Z\"\r\n"
            + $"\"003B\",\"Bad\",\"Row\",\"{Email}\",\"{Phone}\",\"2025-02-30T10:00:00.000Z\",\"2026-01-06T10:00:00.000Z\"\r\n");
        File.WriteAllText(Path.Combine(_folder, "cxwarehouse.yml"), """
            sources:
              - name: salesforce
                profile: salesforce
                path: crm
                streams: [crm.customers]
              - name: crm_pg
                profile: salesforce-db
                database: postgres
                connection: "Host=127.0.0.1;Port=1;Database=crm;Username=reader;Timeout=3"
                password_env: CXW_CANARY_PG_PASSWORD
                streams: [crm.orders]
            """);
        var environment = new Dictionary<string, string> { ["CXW_CANARY_PG_PASSWORD"] = Password };

        var plain = Cxw.Run(_folder, environment, "run", "--verbose");
        var json = Cxw.Run(_folder, environment, "run", "--log-format", "json", "--verbose");
        var report = Cxw.Run(_folder, environment, "report", "--period", "2026-W02");
        var doctor = Cxw.Run(_folder, environment, "doctor");

        Assert.Equal(1, plain.ExitCode);                                   // the PostgreSQL source failed
        Assert.Contains("test assert_no_canary_contact (error): 1 failing row", plain.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("{\"time\":", json.Stderr.TrimStart(), StringComparison.Ordinal);
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Contains("fail  source crm_pg  PostgreSQL reader@127.0.0.1:1/crm: transient fault", doctor.Stdout,
            StringComparison.Ordinal);
        var places = new Dictionary<string, string>
        {
            ["plain log"] = plain.Stdout + plain.Stderr,
            ["json log"] = json.Stdout + json.Stderr,
            ["report log"] = report.Stdout + report.Stderr,
            ["doctor output"] = doctor.Stdout + doctor.Stderr,
            ["run_results.json"] = File.ReadAllText(Path.Combine(_folder, "out", "run_results.json")),
            ["html report"] = File.ReadAllText(Path.Combine(_folder, "out", "reports", "cx-benchmark-2026-W02.html")),
            ["xlsx report"] = XlsxText(Path.Combine(_folder, "out", "reports", "cx-benchmark-2026-W02.xlsx")),
        };
        foreach (var (place, text) in places)
        {
            foreach (var canary in new[] { Password, Email, Phone, Phone.Replace(" ", "", StringComparison.Ordinal) })
            {
                Assert.False(text.Contains(canary, StringComparison.OrdinalIgnoreCase), $"{place} leaks '{canary}'");
            }
        }
    }

    private static string XlsxText(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
    }
}
