using System.Diagnostics;
using System.Text.Json;
using CxWarehouse.Cli.Tests.Support;
using DuckDB.NET.Data;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// cxw extract killed with SIGKILL at random moments: no committed manifest may ever name a partial file, and the
/// run after the kills must leave the lake exactly as an uninterrupted run does.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int Kills = 8;
    private readonly string _folder = Directory.CreateTempSubdirectory("cxw-kill-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Globals(string name) =>
        ["--lake", Path.Combine(_folder, name, "lake"), "--warehouse", Path.Combine(_folder, name, "cx.duckdb"),
         "--output", Path.Combine(_folder, name, "out"), "--quiet"];

    [Fact]
    public void Extract_KilledAtRandomMoments_NeverExposesPartialFiles_AndRecovers()
    {
        var random = new Random(20261123);
        for (var i = 0; i < Kills; i++)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Cxw.RepoRoot, RedirectStandardError = true };
            start.ArgumentList.Add(Cxw.Program);
            foreach (var arg in (string[])["extract", .. Globals("killed")])
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            process.WaitForExit(TimeSpan.FromMilliseconds(random.Next(300, 3000)));
            if (!process.HasExited)
            {
                process.Kill(); // SIGKILL on Linux
                process.WaitForExit();
            }
            AssertEveryManifestFileIsWhole(Path.Combine(_folder, "killed", "lake"));
        }

        var resumed = Cxw.Run(Cxw.RepoRoot, ["extract", .. Globals("killed")]);
        var clean = Cxw.Run(Cxw.RepoRoot, ["extract", .. Globals("clean")]);

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.True(clean.ExitCode == 0, clean.Stderr);
        Assert.Equal(LakeContent(Path.Combine(_folder, "clean", "lake")), LakeContent(Path.Combine(_folder, "killed", "lake")));
    }

    private void KillAtRandomMoments(Random random, string[] args, Action afterKill)
    {
        for (var i = 0; i < Kills; i++)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Cxw.RepoRoot, RedirectStandardError = true };
            start.ArgumentList.Add(Cxw.Program);
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            process.WaitForExit(TimeSpan.FromMilliseconds(random.Next(200, 2500)));
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }
            afterKill();
        }
    }

    [Fact]
    public void BuildAndReport_KilledAtRandomMoments_LeaveTheWarehouseAndReportsWhole()
    {
        var extract = Cxw.Run(Cxw.RepoRoot, ["extract", .. Globals("killed")]);
        Assert.True(extract.ExitCode == 0, extract.Stderr);
        var clean = Cxw.Run(Cxw.RepoRoot, ["build", .. Globals("killed")]);
        Assert.True(clean.ExitCode == 0, clean.Stderr);
        var expected = MartsFingerprint(Path.Combine(_folder, "killed", "cx.duckdb"));
        var random = new Random(11);

        KillAtRandomMoments(random, ["build", "--full-refresh", .. Globals("killed")], () =>
        {
            // Whatever the moment, the warehouse opens and holds the last complete build.
            Assert.Equal(expected, MartsFingerprint(Path.Combine(_folder, "killed", "cx.duckdb")));
        });
        var reports = Path.Combine(_folder, "killed", "out", "reports");
        KillAtRandomMoments(random, ["report", "--period", "2026-W47", .. Globals("killed")], () =>
        {
            // No half-written report under a final name: each one present opens as a whole file.
            foreach (var xlsx in Directory.Exists(reports) ? Directory.EnumerateFiles(reports, "cx-*.xlsx") : [])
            {
                using var zip = System.IO.Compression.ZipFile.OpenRead(xlsx);
                Assert.Contains(zip.Entries, e => e.FullName == "xl/workbook.xml");
            }
            foreach (var html in Directory.Exists(reports) ? Directory.EnumerateFiles(reports, "cx-*.html") : [])
            {
                Assert.EndsWith("</html>", File.ReadAllText(html).TrimEnd(), StringComparison.Ordinal);
            }
        });

        var rebuilt = Cxw.Run(Cxw.RepoRoot, ["build", .. Globals("killed")]);
        var report = Cxw.Run(Cxw.RepoRoot, ["report", "--period", "2026-W47", .. Globals("killed")]);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Stderr);
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Equal(expected, MartsFingerprint(Path.Combine(_folder, "killed", "cx.duckdb")));
    }

    [Fact]
    public void Run_TwiceOnTheSameInputs_AddsNoRowsAndYieldsIdenticalMarts()
    {
        var first = Cxw.Run(Cxw.RepoRoot, ["run", .. Globals("twice")]);
        var lakeAfterFirst = LakeContent(Path.Combine(_folder, "twice", "lake"));
        var martsAfterFirst = MartsFingerprint(Path.Combine(_folder, "twice", "cx.duckdb"));

        var second = Cxw.Run(Cxw.RepoRoot, ["run", .. Globals("twice")]);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Stderr + second.Stderr);
        Assert.Equal(lakeAfterFirst, LakeContent(Path.Combine(_folder, "twice", "lake")));
        Assert.Equal(martsAfterFirst, MartsFingerprint(Path.Combine(_folder, "twice", "cx.duckdb")));
    }

    [Fact]
    public void Run_TenConcurrentStarts_ExactlyOneWorksTheOthersExit75AtOnce()
    {
        var starts = Enumerable.Range(0, 10).Select(_ =>
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Cxw.RepoRoot,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            start.ArgumentList.Add(Cxw.Program);
            foreach (var arg in (string[])["run", .. Globals("concurrent")])
            {
                start.ArgumentList.Add(arg);
            }
            return start;
        }).ToList();

        var clock = Stopwatch.StartNew();
        var processes = starts.Select(s => (Process: Process.Start(s)!, Started: clock.Elapsed)).ToList();
        var results = processes.Select(p =>
        {
            var stderr = p.Process.StandardError.ReadToEndAsync();
            p.Process.WaitForExit();
            var result = (p.Process.ExitCode, Seconds: (clock.Elapsed - p.Started).TotalSeconds, Stderr: stderr.Result);
            p.Process.Dispose();
            return result;
        }).ToList();

        Assert.Equal(1, results.Count(r => r.ExitCode == 0));
        var refused = results.Where(r => r.ExitCode == 75).ToList();
        Assert.Equal(9, refused.Count);
        Assert.All(refused, r => Assert.Contains("holds the lock", r.Stderr, StringComparison.Ordinal));
        // Refused starts end as soon as the program is up (process start-up included), long before the run does.
        Assert.All(refused, r => Assert.True(r.Seconds < results.Single(w => w.ExitCode == 0).Seconds, $"{r.Seconds:0.0} s"));
    }

    /// <summary>A content hash of every mart and core table.</summary>
    private static string MartsFingerprint(string warehouse)
    {
        using var db = new DuckDBConnection($"Data Source={warehouse};ACCESS_MODE=READ_ONLY");
        db.Open();
        using var tables = db.CreateCommand();
        tables.CommandText = """
            SELECT table_schema || '.' || table_name FROM information_schema.tables
            WHERE table_schema IN ('core', 'marts') AND table_type = 'BASE TABLE'
                AND table_name NOT IN ('dim_customer_history')
            ORDER BY 1
            """;
        var names = new List<string>();
        using (var reader = tables.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }
        var parts = new List<string>();
        foreach (var name in names)
        {
            using var command = db.CreateCommand();
            command.CommandText = $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)), '') FROM {name} AS t";
            parts.Add(name + "=" + command.ExecuteScalar());
        }
        return string.Join("\n", parts);
    }

    private static IEnumerable<string> ManifestFiles(string lake, string property)
    {
        var manifests = Path.Combine(lake, "_manifests");
        if (!Directory.Exists(manifests))
        {
            yield break;
        }
        foreach (var file in Directory.EnumerateFiles(manifests, "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var path in json.RootElement.GetProperty(property).EnumerateArray())
            {
                yield return Path.Combine(lake, path.GetString()!);
            }
        }
    }

    private static void AssertEveryManifestFileIsWhole(string lake)
    {
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        foreach (var file in ManifestFiles(lake, "files").Concat(ManifestFiles(lake, "quarantine_files")))
        {
            Assert.True(File.Exists(file), $"a manifest names {file}, which is missing");
            using var command = db.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM read_parquet('{file.Replace("'", "''", StringComparison.Ordinal)}')";
            command.ExecuteScalar(); // throws on a partial or corrupt Parquet file
        }
    }

    /// <summary>Every stream's rows, in key order, as one fingerprint per manifest.</summary>
    private static SortedDictionary<string, string> LakeContent(string lake)
    {
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        var content = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var manifest in Directory.EnumerateFiles(Path.Combine(lake, "_manifests"), "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            var files = json.RootElement.GetProperty("files").EnumerateArray()
                .Select(f => "'" + Path.Combine(lake, f.GetString()!).Replace("'", "''", StringComparison.Ordinal) + "'").ToList();
            using var command = db.CreateCommand();
            command.CommandText = files.Count == 0
                ? "SELECT 'empty'"
                : $"SELECT count(*) || ':' || md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) FROM read_parquet([{string.Join(",", files)}]) AS t";
            content[Path.GetFileName(manifest)] = Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        return content;
    }
}
