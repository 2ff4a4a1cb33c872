using System.Globalization;
using System.Text;
using System.Text.Json;
using CxWarehouse.IO;

namespace CxWarehouse.Cli.Bench;

/// <summary>One of the benchmark's goals, as measured.</summary>
internal sealed record GoalResult(string Goal, string Scale, double Measured, double Limit, bool AtMost, string Unit)
{
    public bool Met => AtMost ? Measured <= Limit : Measured >= Limit;

    /// <summary>
    /// The measured value rounded to two decimals, or to as many more as it takes (up to six) not to read as the limit
    /// itself when it is not: 0.998x against "at least 1x" is shown 0.998, not 1, beside its "no".
    /// </summary>
    public double Shown
    {
        get
        {
            var digits = 2;
            while (digits < 6 && Measured != Limit && Math.Round(Measured, digits) == Limit)
                digits++;
            return Math.Round(Measured, digits);
        }
    }

    /// <summary>For a goal relative to the floor: its value in each repetition, of which it is the median.</summary>
    public IReadOnlyList<double>? Runs { get; init; }

    /// <summary>For a goal relative to the floor: how far the floor itself moved between repetitions.</summary>
    public FloorSpread? Floor { get; init; }
}

/// <summary>
/// Writes <c>results.json</c> and <c>results.md</c> for every scale benchmarked, with the goals the project holds the
/// pipeline to, each measured: extraction at least 1.0x the floor's rows/s, the build at most 0.8x and the whole job at
/// most 2x the floor's time, growth no worse than linear (plus a tenth), peak memory at most 3 GB and at most twice the smallest scale's,
/// and the report under 1 s; and the weekly run: one new week's delivery at most 0.15x the full run, nothing new at
/// most 0.05x.
/// </summary>
internal static class BenchReport
{
    private const string RunAndReport = "run + report";

    public static string Write(string root, IReadOnlyList<ScaleResult> scales, int seed, int repeat)
    {
        Directory.CreateDirectory(root);
        var machine = new
        {
            cores = Environment.ProcessorCount,
            memory_gb = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9, 1),
            os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            dotnet = Environment.Version.ToString(),
        };
        var command = $"cxw bench --scale {string.Join(' ', scales.Select(s => Number(s.Scale)))} --repeat {repeat} --seed {seed}";
        var goals = Goals(scales);
        var json = new
        {
            command,
            machine,
            seed,
            repeat,
            scales = scales.Select(x => new
            {
                scale = x.Scale,
                files = x.Files,
                rows = x.Rows,
                bytes = x.Bytes,
                floor_spread = FloorJson(FloorSpread.Of(x.Floor)),
                stages = x.Stages.Select(r => new
                {
                    stage = r.Stage,
                    runs_seconds = r.Seconds,
                    median_seconds = Math.Round(r.Median, 3),
                    min_seconds = Math.Round(r.Min, 3),
                    max_seconds = Math.Round(r.Max, 3),
                    rows_per_second = Math.Round(r.RowsPerSecond),
                    megabytes_per_second = Math.Round(r.MegabytesPerSecond, 1),
                    peak_rss_mb = r.PeakRssMb.Any(double.IsNaN) ? (double?)null : Math.Round(r.PeakRssMb.Max()),
                    time_ratio_to_floor = Math.Round(r.RatioTo(x.Floor), 2),
                    time_ratio_to_floor_runs = r.RatiosTo(x.Floor).Select(v => Math.Round(v, 3)),
                }),
                incremental = x.Incremental is { } i
                    ? new
                    {
                        weeks = i.Weeks,
                        full_run_seconds = Math.Round(i.FullSeconds, 3),
                        new_week_run_seconds = Math.Round(i.NewWeekSeconds, 3),
                        nothing_new_run_seconds = Math.Round(i.NothingNewSeconds, 3),
                        new_week_ratio = Math.Round(i.NewWeekRatio, 3),
                        nothing_new_ratio = Math.Round(i.NothingNewRatio, 3),
                        full_run_peak_rss_mb = Math.Round(i.FullPeakRssMb),
                        new_week_run_peak_rss_mb = Math.Round(i.NewWeekPeakRssMb),
                        nothing_new_run_peak_rss_mb = Math.Round(i.NothingNewPeakRssMb),
                    }
                    : null,
                extract_by_source = x.Sources.Select(s => new
                {
                    source = s.Source,
                    runs_seconds = s.Seconds,
                    median_seconds = Math.Round(s.Median, 3),
                    rows = s.Rows,
                    bytes = s.Bytes,
                    rows_per_second = Math.Round(s.Rows / s.Median),
                    megabytes_per_second = Math.Round(s.Bytes / 1e6 / s.Median, 1),
                }),
            }),
            goals = goals.Select(g => new
            {
                goal = g.Goal,
                scale = g.Scale,
                measured = g.Shown,
                limit = g.Limit,
                unit = g.Unit,
                met = g.Met,
                runs = g.Runs?.Select(v => Math.Round(v, 3)),
                floor_spread = g.Floor is { } f ? FloorJson(f) : null,
            }),
            warnings = Warnings(scales),
        };
        var jsonPath = Path.Combine(root, "results.json");
        AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"`{command}` — {machine.cores} cores, {machine.memory_gb} GB, {machine.os}, .NET {machine.dotnet}");
        foreach (var x in scales)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Scale {Number(x.Scale)}: {x.Files} files, {x.Rows:N0} rows, {x.Bytes / 1e6:N1} MB");
            md.AppendLine();
            Table(md, "| stage | median s | min s | max s | rows/s | MB/s | peak RSS MB | time / floor | each repetition |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
                x.Stages.Select(r => string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Stage} | {r.Median:0.00} | {r.Min:0.00} | {r.Max:0.00} | {r.RowsPerSecond:N0} | {r.MegabytesPerSecond:0.0} | {Rss(r)} | {r.RatioTo(x.Floor):0.00} | {(r == x.Floor ? "–" : Runs(r.RatiosTo(x.Floor)))} |")));
            md.AppendLine();
            md.AppendLine(SpreadSentence(FloorSpread.Of(x.Floor)));
            foreach (var warning in Warnings([x]))
            {
                md.AppendLine().AppendLine("**Warning:** " + warning);
            }
            md.AppendLine();
            Table(md, "| extract, by source | median s | rows | MB | rows/s | MB/s |", "|---|---:|---:|---:|---:|---:|",
                x.Sources.Select(s => string.Create(CultureInfo.InvariantCulture,
                    $"| {s.Source} | {s.Median:0.00} | {s.Rows:N0} | {s.Bytes / 1e6:N1} | {s.Rows / s.Median:N0} | {s.Bytes / 1e6 / s.Median:0.0} |")));
            if (x.Incremental is { } i)
            {
                md.AppendLine();
                Table(md, $"| weekly run, {i.Weeks} weeks of deliveries | s | / full run | peak RSS MB |", "|---|---:|---:|---:|",
                [
                    string.Create(CultureInfo.InvariantCulture, $"| full run, {i.Weeks - 1} weeks delivered | {i.FullSeconds:0.00} | 1.00 | {i.FullPeakRssMb:0} |"),
                    string.Create(CultureInfo.InvariantCulture, $"| run after one new weekly delivery | {i.NewWeekSeconds:0.00} | {i.NewWeekRatio:0.00} | {i.NewWeekPeakRssMb:0} |"),
                    string.Create(CultureInfo.InvariantCulture, $"| run with nothing new | {i.NothingNewSeconds:0.00} | {i.NothingNewRatio:0.00} | {i.NothingNewPeakRssMb:0} |"),
                ]);
            }
        }
        md.AppendLine();
        md.AppendLine("Time / floor is the median, over repetitions, of a stage's time over the floor's in the same repetition;");
        md.AppendLine("`run + report` is extract + build + test + report, as `cxw run` and `cxw report` do them.");
        md.AppendLine();
        md.AppendLine("Each repetition: a ratio's value in each repetition, of which it is the median. Floor spread: how far");
        md.AppendLine("a repetition's floor was from the median floor; a ratio moves with the floor, so read the two together.");
        md.AppendLine();
        Table(md, "| goal | scale | measured | limit | met | each repetition | floor spread |", "|---|---|---:|---:|---|---:|---:|",
            goals.Select(g => string.Create(CultureInfo.InvariantCulture,
            $"| {g.Goal} | {g.Scale} | {g.Shown:0.######} {g.Unit} | {(g.AtMost ? "≤" : "≥")} {g.Limit:0.##} {g.Unit} | {(g.Met ? "yes" : "**no**")} | {(g.Runs is { } runs ? Runs(runs) : "–")} | {(g.Floor is { } f ? Spread(f) : "–")} |")));
        AtomicFile.WriteAllText(Path.Combine(root, "results.md"), md.ToString());
        return jsonPath;
    }

    /// <summary>
    /// The repetitions whose floor was more than <see cref="FloorSpread.Tolerance"/> off the median floor of their
    /// scale, each in a sentence: their ratios were taken on a machine in another state than the others'.
    /// </summary>
    internal static List<string> Warnings(IReadOnlyList<ScaleResult> scales)
    {
        var warnings = new List<string>();
        foreach (var x in scales)
        {
            var spread = FloorSpread.Of(x.Floor);
            foreach (var repetition in spread.Outliers)
            {
                var deviation = spread.Deviations[repetition - 1];
                warnings.Add(FormattableString.Invariant(
                    $"scale {Number(x.Scale)}, repetition {repetition}: the floor took {x.Floor.Seconds[repetition - 1]:0.00} s, ")
                    + FormattableString.Invariant(
                    $"{Math.Abs(deviation):0%} {(deviation > 0 ? "above" : "below")} the median floor ({spread.Median:0.00} s), ")
                    + FormattableString.Invariant($"more than the {FloorSpread.Tolerance:0%} a steady machine stays within: ")
                    + "that repetition ran on a machine in another state, so its ratios are not comparable with the others'; "
                    + "run the benchmark again on a quieter machine");
            }
        }
        return warnings;
    }

    private static string SpreadSentence(FloorSpread spread) => spread.Deviations.Count == 1
        ? "Floor spread: one repetition, so unknown; `make bench REPEAT=3` (`cxw bench --repeat 3`) measures it, as the "
            + "reference figures need."
        : FormattableString.Invariant($"Floor spread: {spread.Min:0.00}–{spread.Max:0.00} s over {spread.Deviations.Count} repetitions, ")
            + FormattableString.Invariant($"at most {spread.MaxDeviation:0%} off its median of {spread.Median:0.00} s.");

    private static string Spread(FloorSpread spread) => spread.Deviations.Count == 1
        ? "unknown (1 repetition)"
        : string.Create(CultureInfo.InvariantCulture, $"±{spread.MaxDeviation:0%}");

    private static string Runs(IEnumerable<double> runs) =>
        string.Join(" / ", runs.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)));

    private static object FloorJson(FloorSpread spread) => new
    {
        median_seconds = Math.Round(spread.Median, 3),
        min_seconds = Math.Round(spread.Min, 3),
        max_seconds = Math.Round(spread.Max, 3),
        deviation_from_median = spread.Deviations.Select(d => Math.Round(d, 3)),
        max_deviation = Math.Round(spread.MaxDeviation, 3),
        repetitions_over_tolerance = spread.Outliers,
    };

    private static void Table(StringBuilder md, string header, string rule, IEnumerable<string> rows)
    {
        md.AppendLine(header).AppendLine(rule);
        foreach (var row in rows)
        {
            md.AppendLine(row);
        }
    }

    private static string Rss(StageResult r) =>
        r.PeakRssMb.Any(double.IsNaN) ? "–" : r.PeakRssMb.Max().ToString("N0", CultureInfo.InvariantCulture);

    internal static List<GoalResult> Goals(IReadOnlyList<ScaleResult> scales)
    {
        var goals = new List<GoalResult>();
        foreach (var x in scales)
        {
            var scale = Number(x.Scale);
            // Same rows in both, so rows/s relative to the floor is the floor's time over extraction's, pair by pair.
            var extract = x.Stage("extract");
            var floor = FloorSpread.Of(x.Floor);
            var speeds = x.Floor.Seconds.Zip(extract.Seconds, (f, e) => f / e).ToList();
            // The engine's floor (issue 19): extraction as fast as DuckDB alone writes raw Parquet, the build in at
            // most 0.8x and run + report in at most 2x the floor's time.
            var extraction = new GoalResult("extraction rows/s relative to the floor", scale, Bench.Median(speeds), 1.0,
                AtMost: false, "x");
            var build = new GoalResult("build time relative to the floor", scale, x.Stage("build").RatioTo(x.Floor),
                0.8, AtMost: true, "x");
            var job = new GoalResult("run + report time relative to the floor", scale, x.Stage(RunAndReport).RatioTo(x.Floor),
                2.0, AtMost: true, "x");
            goals.Add(extraction with { Runs = speeds, Floor = floor });
            goals.Add(build with { Runs = x.Stage("build").RatiosTo(x.Floor), Floor = floor });
            goals.Add(job with { Runs = x.Stage(RunAndReport).RatiosTo(x.Floor), Floor = floor });
            goals.Add(new GoalResult("report rendering, slowest repetition", scale, x.Stage("report").Max, 1, AtMost: true, "s"));
            if (x.Incremental is { } i)
            {
                goals.Add(new GoalResult("run after one new weekly delivery / full run", scale, i.NewWeekRatio, 0.15,
                    AtMost: true, "x"));
                goals.Add(new GoalResult("run with nothing new / full run", scale, i.NothingNewRatio, 0.05, AtMost: true, "x"));
            }
        }
        var largest = scales.MaxBy(s => s.Scale)!;
        var smallest = scales.MinBy(s => s.Scale)!;
        goals.Add(new GoalResult("peak memory (RSS) of any stage or weekly cxw run", Number(largest.Scale), PeakMb(largest) / 1024, 3,
            AtMost: true, "GB"));
        if (largest.Scale > smallest.Scale)
        {
            var pair = $"{Number(largest.Scale)} vs {Number(smallest.Scale)}";
            var growth = largest.Scale / smallest.Scale;
            goals.Add(new GoalResult($"run + report time growth (linear is {growth:0.#}x)", pair,
                largest.Stage(RunAndReport).Median / smallest.Stage(RunAndReport).Median, Math.Round(growth * 1.1, 2),
                AtMost: true, "x"));
            goals.Add(new GoalResult("peak memory growth", pair, PeakMb(largest) / PeakMb(smallest), 2, AtMost: true, "x"));
        }
        return goals;
    }

    /// <summary>The largest peak of a stage, each run as its own process, or of a weekly cxw run, the whole job in one.</summary>
    private static double PeakMb(ScaleResult x) =>
        Math.Max(x.Stages.Where(s => !s.PeakRssMb.Any(double.IsNaN)).Max(s => s.PeakRssMb.Max()),
            x.Incremental?.PeakRssMb ?? 0);

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
