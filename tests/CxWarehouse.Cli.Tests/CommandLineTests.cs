using CxWarehouse.Cli.Tests.Support;

namespace CxWarehouse.Cli.Tests;

/// <summary>The command line's contract: help, one-line errors and exit codes.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Help_ListsEveryVerb()
    {
        var result = Cxw.Run(Cxw.RepoRoot, "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "generate", "extract", "compile", "build", "test", "report", "run", "sql", "bench", "doctor" })
        {
            Assert.Contains(verb, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("extract")]
    [InlineData("compile")]
    [InlineData("build")]
    [InlineData("report")]
    [InlineData("run")]
    [InlineData("sql")]
    [InlineData("doctor")]
    public void VerbHelp_DescribesEveryOption(string verb)
    {
        var result = Cxw.Run(Cxw.RepoRoot, verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--config", result.Stdout, StringComparison.Ordinal);
        // System.CommandLine prints an option without a description as a bare name; every line of options has text.
        var options = result.Stdout.Split('\n').SkipWhile(l => !l.StartsWith("Options:", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Length > 0).Where(l => l.TrimStart().StartsWith('-')).ToList();
        Assert.NotEmpty(options);
        Assert.All(options, line => Assert.Matches(@"^\s+-\S.*\s{2,}\S", line));
    }

    [Fact]
    public void WrongOption_OneLineErrorAndExit2()
    {
        var result = Cxw.Run(Cxw.RepoRoot, "run", "--no-such-option");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("--no-such-option", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BadConfigValue_NamesKeyAndLine_Exit2()
    {
        var folder = Directory.CreateTempSubdirectory("cxw-cli-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "bad.yml"), "reporting:\n  time_zone: Moon/Base\n");

            var result = Cxw.Run(folder.FullName, "run", "--config", "bad.yml");

            Assert.Equal(2, result.ExitCode);
            Assert.Single(result.Stderr.Trim().Split('\n'));
            Assert.Contains("bad.yml:2:", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("reporting.time_zone", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Bench_Smoke_WritesEveryStageWithItsRatioToTheFloor()
    {
        var folder = Directory.CreateTempSubdirectory("cxw-bench-");
        try
        {
            var result = Cxw.Run(Cxw.RepoRoot, "bench", "--scale", "1", "--repeat", "1", "--output", folder.FullName);

            Assert.True(result.ExitCode == 0, result.Stderr);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.FullName, "bench", "results.json")));
            var root = json.RootElement;
            Assert.True(root.GetProperty("scales")[0].GetProperty("rows").GetInt64() > 1000);
            var scale = Assert.Single(root.GetProperty("scales").EnumerateArray().ToList());
            var stages = scale.GetProperty("stages").EnumerateArray().ToList();
            Assert.Equal(["floor (DuckDB read → Parquet)", "extract", "build", "test", "report", "run + report"],
                stages.Select(s => s.GetProperty("stage").GetString()));
            // The whole job is the sum of its stages, and every configured source's extraction is timed on its own.
            // (Compared on the unrounded times: the medians are rounded to the millisecond, their sum is not.)
            Assert.Equal(stages.Skip(1).SkipLast(1).Sum(s => s.GetProperty("runs_seconds")[0].GetDouble()),
                stages[^1].GetProperty("runs_seconds")[0].GetDouble(), 1e-9);
            var sources = scale.GetProperty("extract_by_source").EnumerateArray().ToList();
            Assert.Equal(["asterisk", "brightframe_dianping", "brightframe_google", "connect", "dianping", "ga4", "google",
                    "qualtrics", "salesforce", "snapshot_dianping", "snapshot_google"],
                sources.Select(s => s.GetProperty("source").GetString()));
            Assert.All(sources, s => Assert.True(s.GetProperty("rows").GetInt64() > 0 && s.GetProperty("median_seconds").GetDouble() > 0));
            Assert.All(stages, s =>
            {
                Assert.Single(s.GetProperty("runs_seconds").EnumerateArray());
                Assert.True(s.GetProperty("median_seconds").GetDouble() > 0);
                Assert.True(s.GetProperty("time_ratio_to_floor").GetDouble() > 0);
            });
            Assert.True(stages[1].GetProperty("peak_rss_mb").GetDouble() > 10);
            var markdown = File.ReadAllText(Path.Combine(folder.FullName, "bench", "results.md"));
            Assert.Contains("| extract |", markdown, StringComparison.Ordinal);
            Assert.Contains("| ga4 |", markdown, StringComparison.Ordinal);
            // Every goal that one scale can show is measured and judged.
            var goals = root.GetProperty("goals").EnumerateArray().Select(g => g.GetProperty("goal").GetString()).ToList();
            Assert.Contains("extraction rows/s relative to the floor", goals);
            Assert.Contains("run + report time relative to the floor", goals);
            Assert.Contains("peak memory (RSS) of any stage or weekly cxw run", goals);
            Assert.Contains("| goal | scale | measured | limit | met |", markdown, StringComparison.Ordinal);
            // The weekly run: the full run, the run after one new week and the run with nothing new, both ratios judged.
            var weekly = scale.GetProperty("incremental");
            Assert.Equal(104, weekly.GetProperty("weeks").GetInt32());
            Assert.All(new[] { "full_run_seconds", "new_week_run_seconds", "nothing_new_run_seconds", "full_run_peak_rss_mb",
                    "new_week_run_peak_rss_mb", "nothing_new_run_peak_rss_mb" },
                p => Assert.True(weekly.GetProperty(p).GetDouble() > 0, p));
            Assert.True(weekly.GetProperty("nothing_new_run_seconds").GetDouble() < weekly.GetProperty("full_run_seconds").GetDouble());
            Assert.Contains("run after one new weekly delivery / full run", goals);
            Assert.Contains("run with nothing new / full run", goals);
            Assert.Contains("| run with nothing new |", markdown, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Run_WhileAnotherRunHoldsTheLock_Exits75()
    {
        var folder = Directory.CreateTempSubdirectory("cxw-lock-");
        try
        {
            var warehouse = Path.Combine(folder.FullName, "cx.duckdb");
            using (new FileStream(warehouse + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                var result = Cxw.Run(Cxw.RepoRoot, "run", "--warehouse", warehouse, "--lake", Path.Combine(folder.FullName, "lake"));

                Assert.Equal(75, result.ExitCode);
                Assert.Contains("holds the lock", result.Stderr, StringComparison.Ordinal);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Run_NoSourcesConfigured_BuildsEmptyMartsAndReportsUnavailable()
    {
        var folder = Directory.CreateTempSubdirectory("cxw-empty-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "cxwarehouse.yml"), "project: empty\n");

            var run = Cxw.Run(folder.FullName, "run");
            var report = Cxw.Run(folder.FullName, "report", "--period", "2026-W47");

            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.True(report.ExitCode == 0, report.Stderr);
            var html = File.ReadAllText(Path.Combine(folder.FullName, "out", "reports", "cx-benchmark-2026-W47.html"));
            Assert.Contains("not available", html, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Run_WarehouseHeldOpenByAnotherProgram_ClearMessageAndExit2()
    {
        var folder = Directory.CreateTempSubdirectory("cxw-held-");
        try
        {
            var warehouse = Path.Combine(folder.FullName, "cx.duckdb");
            // A BI tool holding the file open for writing, in this (another) process.
            using (var holder = new DuckDB.NET.Data.DuckDBConnection($"Data Source={warehouse}"))
            {
                holder.Open();
                var result = Cxw.Run(Cxw.RepoRoot, "build", "--warehouse", warehouse, "--lake", Path.Combine(folder.FullName, "lake"));

                Assert.Equal(2, result.ExitCode);
                Assert.Contains("is locked by another process", result.Stderr, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("warn_after_hours: 1", 0, "warn")]
    [InlineData("error_after_hours: 1", 1, "error")]
    [InlineData("warn_after_hours: 80000", 0, null)]
    public void Run_StaleSource_WarnsOrFails(string setting, int exitCode, string? level)
    {
        var folder = Directory.CreateTempSubdirectory("cxw-fresh-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "fresh.yml"), $"""
                sources:
                  - name: qualtrics
                    profile: qualtrics
                    path: data-sample/surveys
                    time_zone: America/Denver
                    freshness:
                      {setting}
                """);

            var result = Cxw.Run(Cxw.RepoRoot, "run", "--config", Path.Combine(folder.FullName, "fresh.yml"),
                "--input", Cxw.RepoRoot, "--lake", Path.Combine(folder.FullName, "lake"),
                "--warehouse", Path.Combine(folder.FullName, "cx.duckdb"), "--output", Path.Combine(folder.FullName, "out"));

            Assert.True(exitCode == result.ExitCode, result.Stderr);
            if (level is null)
            {
                Assert.DoesNotContain("is stale", result.Stderr, StringComparison.Ordinal);
            }
            else
            {
                Assert.Matches($"{level} +qualtrics surveys.responses is stale", result.Stderr);
                var json = File.ReadAllText(Path.Combine(folder.FullName, "out", "run_results.json"));
                Assert.Contains($"\"freshness\": \"{level}\"", json, StringComparison.Ordinal);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("/etc/hostname")]
    [InlineData("lake/../../../../../../etc/hostname")]
    public void Build_ModelReadingOutsideTheRoots_IsRefused(string path)
    {
        var folder = Directory.CreateTempSubdirectory("cxw-confine-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "cxwarehouse.yml"), "project: confined\n");
            Directory.CreateDirectory(Path.Combine(folder.FullName, "sql", "marts"));
            File.WriteAllText(Path.Combine(folder.FullName, "sql", "marts", "evil.sql"), $"select * from read_csv('{path}')");

            var result = Cxw.Run(folder.FullName, "build");
            var query = Cxw.Run(folder.FullName, "sql", $"select * from read_csv('{path}')");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("sql/marts/evil.sql", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("Permission Error", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(2, query.ExitCode);
            Assert.Contains("Permission Error", query.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
