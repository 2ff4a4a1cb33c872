using System.CommandLine;
using System.Globalization;
using CxWarehouse.Generator;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw generate</c>: writes a deterministic simulated business's exports.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var scale = new Option<double>("--scale")
        {
            Description = "Size: 1 is about 100,000 touchpoints; fractions allowed (data-sample uses 0.2).",
            DefaultValueFactory = _ => 1,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed; the same scale and seed give byte-identical files.",
            DefaultValueFactory = _ => 7,
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder to write the source files and the ground truth into.",
            Required = true,
        };
        var start = new Option<string?>("--start") { Description = "First day simulated (yyyy-MM-dd, default 2024-11-25)." };
        var end = new Option<string?>("--end") { Description = "Last day simulated (yyyy-MM-dd, default 2026-11-22)." };
        var dirty = new Option<double?>("--dirty-share")
        {
            Description = "Share of records per file corrupted with faults from the bad-input catalogue (default 0.002).",
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Write the files delivered by the end of this day (yyyy-MM-dd), as a drop folder holds them: "
                + "GA4 and Connect daily files, late events, CRM exports as records then stood, growing exports. The "
                + "whole history is generated once into <out>/.history; rerun with later days to replay deliveries.",
        };
        var command = new Command("generate", """
            Simulate a multi-location photo and video studio chain and write its exports as real systems do:
            Salesforce CSV and SQLite, GA4 NDJSON, Amazon Connect and Asterisk call logs, a Qualtrics survey
            export, Google and Dianping reviews, plus the ground truth (identities, planted faults) under truth/.
            """) { scale, seed, output, start, end, dirty, asOf };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            return Guard.Run(context, () =>
            {
                var options = new GeneratorOptions(parse.GetValue(scale), parse.GetValue(seed),
                    Path.GetFullPath(parse.GetValue(output)!));
                if (parse.GetValue(start) is { } s)
                {
                    options = options with { Start = ParseDate("--start", s) };
                }
                if (parse.GetValue(end) is { } e)
                {
                    options = options with { End = ParseDate("--end", e) };
                }
                if (parse.GetValue(dirty) is { } d)
                {
                    options = options with { DirtyShare = d };
                }
                if (parse.GetValue(asOf) is { } a)
                {
                    var day = ParseDate("--as-of", a);
                    var drop = options.OutputDirectory;
                    var history = Path.Combine(drop, ".history");
                    if (!Deliveries.HistoryMatches(history, options))
                    {
                        new CxDataGenerator(options with { OutputDirectory = history }).Generate(
                            new Progress<string>(message => context.Log.Debug(message)));
                    }
                    var written = Deliveries.WriteAsOf(history, drop, day);
                    context.Log.Info($"delivered {written.Count} new or changed files to {drop} as of {day:yyyy-MM-dd}");
                    return ExitCodes.Success;
                }
                var summary = new CxDataGenerator(options).Generate(
                    new Progress<string>(message => context.Log.Debug(message)));
                context.Log.Info($"wrote {summary.Files.Count} files to {options.OutputDirectory}: "
                    + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{summary.Persons:N0} persons, {summary.Touchpoints:N0} touchpoints"));
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static DateOnly ParseDate(string option, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ArgumentException($"{option}: '{text}' is not a date in yyyy-MM-dd form");
}
