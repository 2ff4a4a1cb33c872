using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Runs;
using CxWarehouse.Generator;
using DuckDB.NET.Data;

namespace CxWarehouse.Cli.Bench;

/// <summary>One stage's timings over the repetitions.</summary>
internal sealed record StageResult(string Stage, IReadOnlyList<double> Seconds, IReadOnlyList<double> PeakRssMb,
    long Rows, long Bytes)
{
    public double Median => Bench.Median(Seconds);

    public double Min => Seconds.Min();

    public double Max => Seconds.Max();

    public double RowsPerSecond => Rows / Median;

    public double MegabytesPerSecond => Bytes / 1e6 / Median;

    /// <summary>The median of this stage's time over the floor's in the same repetition, pair by pair.</summary>
    public double RatioTo(StageResult floor) => Bench.Median(RatiosTo(floor));

    /// <summary>This stage's time over the floor's, one per repetition.</summary>
    public IReadOnlyList<double> RatiosTo(StageResult floor) => Seconds.Zip(floor.Seconds, (a, b) => a / b).ToList();
}

/// <summary>
/// How far the floor moved between repetitions: each repetition's floor relative to the median floor. A ratio is only
/// as steady as the floor it is taken against, so the spread is reported beside every ratio, and a repetition whose
/// floor is more than <see cref="Tolerance"/> off the median is named.
/// </summary>
internal sealed record FloorSpread(double Median, double Min, double Max, IReadOnlyList<double> Deviations)
{
    public const double Tolerance = 0.2;

    public static FloorSpread Of(StageResult floor) => new(floor.Median, floor.Min, floor.Max,
        floor.Seconds.Select(s => (s - floor.Median) / floor.Median).ToList());

    /// <summary>The largest deviation of a repetition's floor from the median, as a fraction of it.</summary>
    public double MaxDeviation => Deviations.Max(Math.Abs);

    /// <summary>The repetitions (numbered from 1) whose floor is more than the tolerance off the median.</summary>
    public IReadOnlyList<int> Outliers => Deviations.Select((d, i) => (d, i))
        .Where(x => Math.Abs(x.d) > Tolerance).Select(x => x.i + 1).ToList();
}

/// <summary>One source's share of the extract stage, from the extract run's own results.</summary>
internal sealed record SourceResult(string Source, IReadOnlyList<double> Seconds, long Rows, long Bytes)
{
    public double Median => Bench.Median(Seconds);
}

/// <summary>
/// The weekly run: <c>cxw run</c> over a drop folder holding every delivery but the last week's (a full run into a
/// new warehouse), then again once the last week is delivered, then again with nothing new. Each is one cxw run
/// process, as cron starts it, so its peak RSS is the whole job's, not the largest of its stages run apart.
/// </summary>
internal sealed record IncrementalResult(int Weeks, double FullSeconds, double NewWeekSeconds, double NothingNewSeconds,
    double FullPeakRssMb, double NewWeekPeakRssMb, double NothingNewPeakRssMb)
{
    public double PeakRssMb => Math.Max(FullPeakRssMb, Math.Max(NewWeekPeakRssMb, NothingNewPeakRssMb));

    public double NewWeekRatio => NewWeekSeconds / FullSeconds;

    public double NothingNewRatio => NothingNewSeconds / FullSeconds;
}

/// <summary>Every stage and source of one scale.</summary>
internal sealed record ScaleResult(double Scale, int Files, long Rows, long Bytes, IReadOnlyList<StageResult> Stages,
    IReadOnlyList<SourceResult> Sources)
{
    public IncrementalResult? Incremental { get; init; }

    public StageResult Floor => Stages[0];

    public StageResult Stage(string name) => Stages.Single(s => s.Stage == name);
}

internal static class Bench
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>
/// <c>cxw bench</c>: generates data of a scale (cached by scale and seed), then times each stage of the real
/// pipeline in its own process — extract, build, test, report — R times, beside DuckDB alone reading every raw
/// file to Parquet (the floor), alternating floor and extract so machine drift cancels.
/// </summary>
internal sealed class BenchRunner(double scale, int seed, int repeat, string output, RunLog log)
{
    /// <summary>The stages of the job a user runs, each timed in its own cxw process.</summary>
    private static readonly string[] s_pipelineStages = ["extract", "build", "test", "report"];

    private readonly string _root = Path.Combine(output, "bench");

    public ScaleResult Run()
    {
        var data = Path.Combine(_root, string.Create(CultureInfo.InvariantCulture, $"data-scale{scale}-seed{seed}"));
        // Data written by another build of the generator (say, before it wrote competitors' reviews) is not the
        // data this one writes: the stamp names the generator build, and a different one generates again.
        var stamp = Path.Combine(data, "generator.stamp");
        var generator = typeof(CxDataGenerator).Assembly.ManifestModule.ModuleVersionId.ToString();
        if (!File.Exists(Path.Combine(data, "manifest.json")) || !File.Exists(stamp) || File.ReadAllText(stamp) != generator)
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
            log.Info($"generating scale {scale} data (seed {seed}) into {data}");
            new CxDataGenerator(new GeneratorOptions(scale, seed, data)).Generate();
            File.WriteAllText(stamp, generator);
        }
        var config = Path.Combine(data, "bench.yml");
        File.WriteAllText(config, BenchConfig);
        var files = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}truth{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetExtension(f) is ".csv" or ".ndjson" or ".json" && Path.GetFileName(f) != "manifest.json")
            .Order(StringComparer.Ordinal).ToList();
        var bytes = files.Sum(f => new FileInfo(f).Length);

        var work = Path.Combine(_root, "work");
        string[] globals = ["--config", config, "--lake", Path.Combine(work, "lake"), "--warehouse",
            Path.Combine(work, "cx.duckdb"), "--output", Path.Combine(work, "out"), "--quiet"];
        var stages = new Dictionary<string, (List<double> Seconds, List<double> Rss)>
        {
            ["floor (DuckDB read → Parquet)"] = ([], []),
            ["extract"] = ([], []),
            ["build"] = ([], []),
            ["test"] = ([], []),
            ["report"] = ([], []),
            // The whole job as a user runs it: cxw run (extract, build, test) and cxw report.
            ["run + report"] = ([], []),
        };
        var sources = new SortedDictionary<string, (List<double> Seconds, long Rows, long Bytes)>(StringComparer.Ordinal);
        for (var r = 1; r <= repeat; r++)
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
            log.Info($"repetition {r} of {repeat}");
            var floor = Floor(files, Path.Combine(_root, "floor"));
            stages["floor (DuckDB read → Parquet)"].Seconds.Add(floor);
            stages["floor (DuckDB read → Parquet)"].Rss.Add(double.NaN);
            foreach (var stage in s_pipelineStages)
            {
                var (seconds, rss) = Child([stage, .. globals]);
                stages[stage].Seconds.Add(seconds);
                stages[stage].Rss.Add(rss);
                if (stage == "extract")
                {
                    // Each source's streams, timed by the extract run itself (run_results.json).
                    foreach (var (source, time, rowsRead, sourceBytes) in SourceTimes(Path.Combine(work, "out", "run_results.json")))
                    {
                        var entry = sources.GetValueOrDefault(source, ([], 0, 0));
                        entry.Seconds.Add(time);
                        sources[source] = (entry.Seconds, rowsRead, sourceBytes);
                    }
                }
            }
            stages["run + report"].Seconds.Add(s_pipelineStages.Sum(w => stages[w].Seconds[^1]));
            stages["run + report"].Rss.Add(s_pipelineStages.Max(w => stages[w].Rss[^1]));
        }
        // Rows read, from the lake's manifests of the last extraction (every stage rewrites run_results.json).
        var rows = new Lake(Path.Combine(work, "lake")).ReadManifests().Sum(m => m.SourceFiles.Sum(f => f.RowsRead));
        var results = stages.Select(s => new StageResult(s.Key, s.Value.Seconds, s.Value.Rss, rows, bytes)).ToList();
        var bySource = sources.Select(s => new SourceResult(s.Key, s.Value.Seconds, s.Value.Rows, s.Value.Bytes)).ToList();
        return new ScaleResult(scale, files.Count, rows, bytes, results, bySource) { Incremental = Incremental(data) };
    }

    /// <summary>The weekly run's cost: the generated history replayed as deliveries (cxw generate --as-of).</summary>
    private IncrementalResult Incremental(string data)
    {
        var end = new GeneratorOptions(scale, seed, data).End;
        var weeks = (int)((end.DayNumber - new GeneratorOptions(scale, seed, data).Start.DayNumber + 1) / 7);
        var drop = Path.Combine(_root, "deliveries");
        var work = Path.Combine(_root, "incremental");
        foreach (var folder in new[] { drop, work })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        log.Info($"incremental scenario: {weeks - 1} weeks delivered, then one more, then nothing new");
        Deliveries.WriteAsOf(data, drop, end.AddDays(-7));
        var config = Path.Combine(drop, "bench.yml");
        File.WriteAllText(config, BenchConfig);
        string[] run = ["run", "--config", config, "--lake", Path.Combine(work, "lake"), "--warehouse",
            Path.Combine(work, "cx.duckdb"), "--output", Path.Combine(work, "out"), "--quiet"];
        var full = Child(run);
        Deliveries.WriteAsOf(data, drop, end);
        var week = Child(run);
        var nothing = Child(run);
        return new IncrementalResult(weeks, full.Seconds, week.Seconds, nothing.Seconds, full.PeakRssMb, week.PeakRssMb,
            nothing.PeakRssMb);
    }

    private static IEnumerable<(string Source, double Seconds, long Rows, long Bytes)> SourceTimes(string runResults)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(runResults));
        return json.RootElement.GetProperty("streams").EnumerateArray()
            .GroupBy(s => s.GetProperty("input").GetString()!)
            .Select(g => (g.Key, g.Sum(s => s.GetProperty("seconds").GetDouble()),
                g.Sum(s => s.GetProperty("rows_read").GetInt64()),
                g.Sum(s => s.TryGetProperty("files", out var f) ? f.EnumerateArray().Sum(x => x.GetProperty("bytes").GetInt64()) : 0)))
            .ToList();
    }

    /// <summary>DuckDB alone: every raw file read with its own reader and copied to Parquet.</summary>
    private static double Floor(IReadOnlyList<string> files, string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        var clock = Stopwatch.StartNew();
        var i = 0;
        // DuckDB cannot read GB18030 (the Dianping export), so that one small file is left out of the floor.
        foreach (var file in files.Where(f => !f.Contains("dianping", StringComparison.Ordinal)))
        {
            var reader = Path.GetExtension(file) switch
            {
                ".csv" => $"read_csv({SqlText.Literal(file)}, all_varchar = true, ignore_errors = true)",
                ".ndjson" => $"read_json({SqlText.Literal(file)}, format = 'newline_delimited', ignore_errors = true)",
                _ => $"read_json({SqlText.Literal(file)})",
            };
            using var command = db.CreateCommand();
            command.CommandText = $"COPY (SELECT * FROM {reader}) TO {SqlText.Literal(Path.Combine(folder, $"{i++}.parquet"))} (FORMAT parquet)";
            command.ExecuteNonQuery();
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Runs cxw in a child process; peak RSS is read from /proc while it runs.</summary>
    private static (double Seconds, double PeakRssMb) Child(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cxw.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        double peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakRssMb(process.Id));
        }
        var seconds = clock.Elapsed.TotalSeconds;
        _ = stdout.Result;
        // Exit 1 (data problems: a planted fault's stream, a warned test) still times the stage; worse is fatal.
        if (process.ExitCode is not (0 or 1))
        {
            throw new IOException($"cxw {args[0]} failed during the benchmark: {stderr.Result.Split('\n')[0]}");
        }
        return (seconds, peak);
    }

    private static double PeakRssMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private const string BenchConfig = """
        # Written by cxw bench: the generated business's exports, as the sample configuration reads them.
        project: cxw bench
        reporting:
          time_zone: Europe/London
          currency: GBP
        sources:
          - {name: salesforce, profile: salesforce, path: crm}
          - {name: ga4, profile: ga4, path: web}
          - {name: connect, profile: amazon-connect, path: calls/amazon-connect}
          - {name: asterisk, profile: asterisk, path: calls/asterisk, time_zone: America/Sao_Paulo, location: SAO}
          - {name: qualtrics, profile: qualtrics, path: surveys, time_zone: America/Denver}
          - {name: google, profile: google-reviews, path: reviews/google}
          - name: dianping
            profile: dianping
            path: reviews/dianping
            location_map: {"93284716": SHA, "131507942": SZX}
          - {name: brightframe_google, profile: google-reviews, path: reviews/competitors/brightframe/google,
             competitor: Brightframe Studios}
          - {name: brightframe_dianping, profile: dianping, path: reviews/competitors/brightframe/dianping,
             competitor: Brightframe Studios}
          - {name: snapshot_google, profile: google-reviews, path: reviews/competitors/snapshot/google,
             competitor: Snapshot Photo Co.}
          - {name: snapshot_dianping, profile: dianping, path: reviews/competitors/snapshot/dianping,
             competitor: Snapshot Photo Co.}
        """;
}
