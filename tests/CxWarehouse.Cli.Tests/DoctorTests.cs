using System.Diagnostics;
using System.Text.Json;
using CxWarehouse.Cli.Tests.Support;
using Npgsql;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// cxw doctor against a real sample run, and against the faults it is for: a missing source folder, stale data, a
/// held and a stale lock, a damaged warehouse, a missing lake file and a database that refuses the password.
/// </summary>
public sealed class DoctorTests(SampleRun sample) : IClassFixture<SampleRun>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cxw-doctor-");

    public void Dispose() => _folder.Delete(recursive: true);

    private CxwResult Doctor(params string[] args) => Cxw.Run(Cxw.RepoRoot, ["doctor", .. sample.Globals, .. args]);

    /// <summary>The sample run's lake, warehouse and output, with one of them swapped for a damaged copy.</summary>
    private CxwResult DoctorWith(string option, string path) => Cxw.Run(Cxw.RepoRoot,
        ["doctor", .. sample.Globals.Chunk(2).Where(pair => pair[0] != option).SelectMany(pair => pair), option, path]);

    private static string[] Lines(CxwResult result) =>
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string Config(string yaml)
    {
        var path = Path.Combine(_folder.FullName, "doctor.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Doctor_HealthySampleRun_EveryCheckOkExit0()
    {
        Assert.True(sample.Run.ExitCode == 0, sample.Run.Stderr);

        var result = Doctor();

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var lines = Lines(result);
        Assert.All(lines, line => Assert.StartsWith("ok  ", line, StringComparison.Ordinal));
        foreach (var check in new[] { "config", "source salesforce", "source ga4", "freshness qualtrics surveys.responses",
                     "disk ", "lock", "warehouse", "last run", "reconcile", "lake" })
        {
            Assert.Contains(lines, line => line[4..].TrimStart().StartsWith(check, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Doctor_Help_DocumentsTheLineFormatAndExitCodes()
    {
        var result = Cxw.Run(Cxw.RepoRoot, "doctor", "--help");

        Assert.Equal(0, result.ExitCode);
        var help = string.Join(" ", result.Stdout.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'ok|warn|fail <check> <detail>; fix: <what to do>'", help, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 every check ok, 1 any warning, 2 any failure.", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_LogFormatJson_OneObjectPerCheck()
    {
        var plain = Lines(Doctor());
        var result = Doctor("--log-format", "json");

        var lines = Lines(result);
        Assert.Equal(plain.Length, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Contains(json.RootElement.GetProperty("status").GetString(), new[] { "ok", "warn", "fail" });
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("check").GetString()));
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("detail").GetString()));
        }
    }

    [Fact]
    public void Doctor_MissingSourceFolder_FailsNamingIt()
    {
        var config = Config("""
            sources:
              - name: crm
                profile: salesforce
                path: exports/crm
            """);

        var result = Doctor("--config", config);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result), l => l.StartsWith("fail  source crm  ", StringComparison.Ordinal));
        Assert.Contains($"folder not found: {Path.Combine(_folder.FullName, "exports", "crm")}", line,
            StringComparison.Ordinal);
        Assert.Contains("; fix: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_BadConfig_FailsWithFileLineAndColumn_AndStops()
    {
        var config = Config("reporting:\n  time_zone: Moon/Base\n");

        var result = Doctor("--config", config);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result));
        Assert.Matches(@"^fail +config +.*doctor\.yml:2:\d+", line);
    }

    [Theory]
    [InlineData("warn_after_hours: 1", 1, "warn")]
    [InlineData("error_after_hours: 1", 2, "fail")]
    [InlineData("warn_after_hours: 80000", 0, "ok")]
    public void Doctor_StaleSource_WarnsOrFails(string setting, int exitCode, string status)
    {
        var config = Config($"""
            sources:
              - name: qualtrics
                profile: qualtrics
                path: data-sample/surveys
                freshness:
                  {setting}
            """);

        var result = Doctor("--config", config, "--input", Cxw.RepoRoot);

        Assert.True(exitCode == result.ExitCode, result.Stdout + result.Stderr);
        Assert.Contains(Lines(result), l => System.Text.RegularExpressions.Regex.IsMatch(l,
            $"^{status} +freshness qualtrics surveys.responses +newest record .* h old"));
    }

    [Fact]
    public void Doctor_LockHeldByARun_NamesTheHolder_ThenAStaleLockAfterKill9()
    {
        var warehouse = Path.Combine(_folder.FullName, "cx.duckdb");
        string[] globals = ["--lake", Path.Combine(_folder.FullName, "lake"), "--warehouse", warehouse,
            "--output", Path.Combine(_folder.FullName, "out")];
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Cxw.RepoRoot, RedirectStandardError = true };
        start.ArgumentList.Add(Cxw.Program);
        foreach (var arg in (string[])["extract", "--quiet", .. globals])
        {
            start.ArgumentList.Add(arg);
        }
        using var run = Process.Start(start)!;
        try
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(warehouse + ".lock.holder") && !run.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(20);
            }
            Assert.False(run.HasExited, "the extract ended before the doctor could look");

            var held = Cxw.Run(Cxw.RepoRoot, ["doctor", .. globals]);

            Assert.Contains(Lines(held), l => l.StartsWith(
                $"warn  lock  held by pid {run.Id} on {Environment.MachineName} (cxw extract) since ", StringComparison.Ordinal));
            Assert.False(run.HasExited, "the doctor must not disturb the run");
        }
        finally
        {
            run.Kill(); // SIGKILL: the holder file stays behind, the kernel releases the lock
            run.WaitForExit();
        }

        var stale = Cxw.Run(Cxw.RepoRoot, ["doctor", .. globals]);

        Assert.Contains(Lines(stale), l => l.StartsWith($"ok    lock  free: a stale holder file names pid {run.Id} ",
            StringComparison.Ordinal) && l.Contains("not blocking", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("zeroed header")]
    public void Doctor_DamagedWarehouse_Fails(string damage)
    {
        var copy = Path.Combine(_folder.FullName, "cx.duckdb");
        File.Copy(sample.Warehouse, copy);
        using (var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite))
        {
            if (damage == "truncated")
            {
                file.SetLength(file.Length / 2);
            }
            else
            {
                file.Write(new byte[16384]);
            }
        }

        var result = DoctorWith("--warehouse", copy);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Lines(result), l => l.StartsWith("fail  warehouse  ", StringComparison.Ordinal)
            && l.Contains(copy, StringComparison.Ordinal) && l.Contains("; fix: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Doctor_ParquetFileMissingFromTheLake_FailsNamingIt()
    {
        var lake = Path.Combine(_folder.FullName, "lake");
        var source = Path.Combine(sample.Folder, "lake");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(lake, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        using var manifest = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(lake, "_manifests", "qualtrics__surveys_responses.json")));
        var missing = manifest.RootElement.GetProperty("files")[0].GetString()!;
        File.Delete(Path.Combine(lake, missing));

        var result = DoctorWith("--lake", lake);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result), l => l.StartsWith("fail  lake  ", StringComparison.Ordinal));
        Assert.Contains($"qualtrics surveys.responses: the manifest names 1 missing Parquet file(s): {missing}", line,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_PostgresSourceWithWrongPassword_FailsAsAuthentication_NeverPrintingThePassword()
    {
        const string Right = "Right-horse-battery-7";
        const string Wrong = "Wrong-staple-correct-9";
        using var cluster = new PostgresCluster();
        cluster.Execute($"CREATE ROLE cxw_reader LOGIN PASSWORD '{Right}'");
        string dataDirectory;
        using (var admin = cluster.OpenConnection())
        using (var show = new NpgsqlCommand("SHOW data_directory", admin))
        {
            dataDirectory = (string)show.ExecuteScalar()!;
        }
        // The helper's cluster trusts everyone; make it ask cxw_reader for a password (the superuser stays trusted).
        cluster.Execute($"""
            COPY (SELECT line FROM (VALUES (1, 'local all postgres trust'), (2, 'host all postgres 127.0.0.1/32 trust'),
                (3, 'local all all scram-sha-256'), (4, 'host all all 127.0.0.1/32 scram-sha-256')) AS hba (n, line)
                ORDER BY n) TO '{dataDirectory}/pg_hba.conf';
            SELECT pg_reload_conf();
            """);
        var config = Config($"""
            sources:
              - name: crm_pg
                profile: salesforce-db
                database: postgres
                connection: "Host=127.0.0.1;Port={cluster.Port};Database={PostgresCluster.DatabaseName};Username=cxw_reader"
                password_env: CXW_DOCTOR_PG_PASSWORD
            """);
        CxwResult WithPassword(string password) => Cxw.Run(Cxw.RepoRoot,
            new Dictionary<string, string> { ["CXW_DOCTOR_PG_PASSWORD"] = password },
            ["doctor", "--config", config, .. sample.Globals]);
        var clock = Stopwatch.StartNew();
        var wrong = WithPassword(Wrong);
        while (!wrong.Stdout.Contains("28P01", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(200); // the server rereads pg_hba.conf on the reload signal, a moment later
            wrong = WithPassword(Wrong);
        }

        var right = WithPassword(Right);

        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains(Lines(wrong), l => l.StartsWith(
            $"fail  source crm_pg  PostgreSQL cxw_reader@127.0.0.1:{cluster.Port}/{PostgresCluster.DatabaseName}: "
            + "authentication failed (28P01)", StringComparison.Ordinal) && l.Contains("; fix: ", StringComparison.Ordinal));
        Assert.DoesNotContain(Wrong, wrong.Stdout + wrong.Stderr, StringComparison.Ordinal);
        Assert.Contains(Lines(right), l => l.StartsWith("ok    source crm_pg  PostgreSQL cxw_reader@", StringComparison.Ordinal)
            && l.Contains("select 1 answered", StringComparison.Ordinal));
        Assert.DoesNotContain(Right, right.Stdout + right.Stderr, StringComparison.Ordinal);
    }
}
