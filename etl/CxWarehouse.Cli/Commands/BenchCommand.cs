using System.CommandLine;
using CxWarehouse.Cli.Bench;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw bench</c>: stage timings against DuckDB's own floor.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var scale = new Option<double[]>("--scale")
        {
            Description = "Data scale(s) to benchmark (1 ≈ 100,000 touchpoints); several (--scale 10 100) also measure growth.",
            DefaultValueFactory = _ => [1],
            AllowMultipleArgumentsPerToken = true,
        };
        var repeat = new Option<int>("--repeat") { Description = "Repetitions of every stage (the median is reported).", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Generator seed; data is cached per scale and seed.", DefaultValueFactory = _ => 7 };
        var command = new Command("bench", """
            Time each stage of the pipeline (extract, build, test, report), each in its own process, on generated
            data of the given scale, beside DuckDB alone reading every raw file to Parquet (the floor), alternating
            the two. Reports median, min and max seconds, rows/s, MB/s, peak memory and the ratio to the floor in
            <output>/bench/results.json and results.md, each ratio beside its value in every repetition and the
            floor's own spread (a repetition whose floor is more than 20% off the median is warned of; --repeat 3 for
            reference figures), with the project's goals measured: extraction at least 1.0x the floor's rows/s,
            the build at most 0.8x and run + report at most 2x its time, linear growth, at most 3 GB of memory and
            at most twice the smallest scale's, the report under 1 s, and the weekly run's ratios.
            """) { scale, repeat, seed };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            return Guard.Run(context, () =>
            {
                if (parse.GetValue(repeat) is < 1 or > 50)
                {
                    throw new ArgumentException("--repeat must be between 1 and 50");
                }
                var scales = parse.GetValue(scale)!.Distinct().Order().ToList();
                if (scales.Count == 0 || scales.Any(s => s is <= 0 or > 1000))
                {
                    throw new ArgumentException("--scale must be between 0 and 1000");
                }
                var results = scales.Select(s => new BenchRunner(s, parse.GetValue(seed), parse.GetValue(repeat),
                    context.Output, context.Log).Run()).ToList();
                var path = BenchReport.Write(Path.Combine(context.Output, "bench"), results, parse.GetValue(seed),
                    parse.GetValue(repeat));
                context.Log.Info("\n" + File.ReadAllText(Path.ChangeExtension(path, ".md")));
                foreach (var warning in BenchReport.Warnings(results))
                {
                    context.Log.Warn(warning);
                }
                context.Log.Info($"benchmark results in {path}");
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
