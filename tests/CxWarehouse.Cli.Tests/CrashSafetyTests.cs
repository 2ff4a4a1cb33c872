using System.Diagnostics;
using System.Text.Json;
using CxWarehouse.Cli.Tests.Support;
using DuckDB.NET.Data;
using Xunit.Abstractions;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// cxw run and cxw report killed with SIGKILL at random moments of each stage (extract, build, report): no committed
/// manifest may ever name a partial file, the warehouse always holds the last complete build, every report under its
/// final name is whole, and the runs after the kills leave the lake and the marts exactly as an uninterrupted run.
/// </summary>
/// <remarks>
/// CI delivers <see cref="CiKillsPerStage"/> kills per stage; <c>make crashtest</c> sets <c>CXW_KILLS=20</c> for the full
/// loop. Kills are aimed from each stage's marker in the log, at a random moment within the stage's duration in an
/// uninterrupted run (narrowed to the shortest the stage was seen to take), and counted by the stage the process was
/// in when it died.
/// </remarks>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int CiKillsPerStage = 8;
    private const string Period = "2026-W47";
    private readonly string _folder = Directory.CreateTempSubdirectory("cxw-kill-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Globals(string name) =>
        ["--lake", Path.Combine(_folder, name, "lake"), "--warehouse", Path.Combine(_folder, name, "cx.duckdb"),
         "--output", Path.Combine(_folder, name, "out"), "--quiet"];

    [Fact]
    public void RunAndReport_KilledInEveryStage_NeverExposePartialFiles_AndRecoverIdentically()
    {
        var kills = KillHarness.KillsPerStage(CiKillsPerStage);
        var clock = Stopwatch.StartNew();
        var (cleanRun, runStages) = KillHarness.Timed(["run", .. Globals("clean")]);
        Assert.True(cleanRun.ExitCode == 0, cleanRun.Stderr);
        var (cleanReport, reportStages) = KillHarness.Timed(["report", "--period", Period, .. Globals("clean")]);
        Assert.True(cleanReport.ExitCode == 0, cleanReport.Stderr);
        var stageTime = new Dictionary<string, TimeSpan>(runStages.Concat(reportStages), StringComparer.Ordinal);
        Assert.All(KillHarness.Stages, stage => Assert.True(stageTime.ContainsKey(stage), cleanRun.Stderr));
        var expectedMarts = MartsFingerprint(Path.Combine(_folder, "clean", "cx.duckdb"));
        var expectedLake = LakeContent(Path.Combine(_folder, "clean", "lake"));
        Assert.NotEmpty(expectedMarts);

        var lake = Path.Combine(_folder, "killed", "lake");
        var warehouse = Path.Combine(_folder, "killed", "cx.duckdb");
        var reports = Path.Combine(_folder, "killed", "out", "reports");
        var delivered = new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            ["extract"] = 0,
            ["build"] = 0,
            ["test"] = 0,
            ["report"] = 0,
        };
        var attempts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var verified = 0;
        var random = new Random(20261203);

        void KillUntilDelivered(string stage, string[] args, bool warehouseMayBeEmpty)
        {
            attempts[stage] = 0;
            while (delivered[stage] < kills && attempts[stage] < 3 * kills + 5)
            {
                attempts[stage]++;
                var after = TimeSpan.FromMilliseconds(random.NextDouble() * stageTime[stage].TotalMilliseconds);
                var outcome = KillHarness.KillIn(stage, after, args);
                Assert.True(outcome.Killed || outcome.ExitCode == 0, $"exit {outcome.ExitCode}: {outcome.Stderr}");
                if (outcome is { Killed: true, Stage: { } at })
                {
                    delivered[at] = delivered.GetValueOrDefault(at) + 1;
                }
                if (outcome.StageTook is { } took && took < stageTime[stage])
                {
                    // The stage ran shorter than aimed for (a machine less busy than during the clean run): aim within that.
                    stageTime[stage] = took;
                }

                // Whatever the moment: every file a manifest names is whole Parquet,
                AssertEveryManifestFileIsWhole(lake);
                // the warehouse holds the last complete build (or, before the first one, no marts at all),
                if (File.Exists(warehouse))
                {
                    var marts = MartsFingerprint(warehouse);
                    Assert.True(marts == expectedMarts || (warehouseMayBeEmpty && marts.Length == 0),
                        $"after a kill in {outcome.Stage} the marts differ from an uninterrupted run's:\n{marts}");
                }
                // and each report under its final name is a whole file.
                AssertReportsAreWhole(reports);
                verified++;
            }
        }

        // Extract: a full refresh every time, so each run does the whole extraction (the first one into an empty lake).
        KillUntilDelivered("extract", ["run", "--full-refresh", .. Globals("killed")], warehouseMayBeEmpty: true);
        var resumed = Cxw.Run(Cxw.RepoRoot, ["run", .. Globals("killed")]);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(expectedLake, LakeContent(lake));
        Assert.Equal(expectedMarts, MartsFingerprint(warehouse));

        // Build: an incremental run finds every file loaded before and goes on to rebuild the models.
        KillUntilDelivered("build", ["run", .. Globals("killed")], warehouseMayBeEmpty: false);
        KillUntilDelivered("report", ["report", "--period", Period, .. Globals("killed")], warehouseMayBeEmpty: false);

        var rerun = Cxw.Run(Cxw.RepoRoot, ["run", .. Globals("killed")]);
        var report = Cxw.Run(Cxw.RepoRoot, ["report", "--period", Period, .. Globals("killed")]);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Equal(expectedLake, LakeContent(lake));
        Assert.Equal(expectedMarts, MartsFingerprint(warehouse));
        AssertReportsAreWhole(reports);
        Assert.Equal(2, Directory.EnumerateFiles(reports, $"cx-benchmark-{Period}.*").Count());

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var counts = delivered.Select(d => $"{d.Key} {d.Value}" + (attempts.TryGetValue(d.Key, out var a) ? $" ({a})" : ""));
        var times = runStages.Concat(reportStages)
            .Select(s => string.Create(invariant, $"{s.Key} {s.Value.TotalSeconds:0.0} s"));
        output.WriteLine(string.Create(invariant, $"kills delivered per stage (aimed attempts): {string.Join(", ", counts)}; "
            + $"{verified} post-kill states verified, 0 mismatches; uninterrupted stage times {string.Join(", ", times)}; "
            + $"{clock.Elapsed.TotalSeconds:0} s in all"));
        Assert.All(KillHarness.Stages, stage => Assert.True(delivered[stage] >= kills,
            $"only {delivered[stage]} of {kills} kills landed in {stage} ({attempts[stage]} attempts)"));
    }

    private static void AssertReportsAreWhole(string reports)
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

        // Each process's exit is timed when it happens (the Exited event), not when the loop below reaches it: the
        // processes are waited for in turn, so a clock read there would count the wait for those before it.
        var clock = Stopwatch.StartNew();
        var processes = starts.Select(s =>
        {
            var process = new Process { StartInfo = s, EnableRaisingEvents = true };
            var exited = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.Exited += (_, _) => exited.TrySetResult(clock.Elapsed);
            var started = clock.Elapsed;
            process.Start();
            return (Process: process, Started: started, Exited: exited.Task);
        }).ToList();
        var results = processes.Select(p =>
        {
            var stderr = p.Process.StandardError.ReadToEndAsync();
            p.Process.WaitForExit();
            var result = (p.Process.ExitCode, Seconds: (p.Exited.Result - p.Started).TotalSeconds, Stderr: stderr.Result);
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
                AND table_name NOT IN ('dim_customer_history', 'customer_key_map', 'customer_key_events', 'identity_matches')
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
