using System.CommandLine;
using CxWarehouse.Etl.Runs;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw extract</c>: sources into the Parquet lake.</summary>
internal static class ExtractCommand
{
    public static readonly Option<string?> Source = new("--source", "-s")
    {
        Description = "Extract only this configured source (by name or kind: crm, web, calls, surveys, reviews).",
    };

    public static readonly Option<string?> Stream = new("--stream")
    {
        Description = "Extract only this canonical stream (e.g. crm.orders or orders).",
    };

    public static readonly Option<bool> FullRefresh = new("--full-refresh")
    {
        Description = "Rebuild from scratch: each stream from its current files alone (by default a run adds new "
            + "and changed files and skips files it has seen), and incremental and snapshot models in full.",
    };

    public static Command Create()
    {
        var command = new Command("extract", """
            Read the configured sources into the lake: each file is checked, typed by its source profile, bad
            rows are quarantined with file, line, column and reason, duplicates resolved on the primary key,
            and the result committed atomically. Writes <output>/run_results.json.
            """) { Source, Stream, FullRefresh };
        command.SetAction(parse => RunCommand.Execute(parse, "extract", extract: true, build: false));
        return command;
    }

    internal static void ExtractStep(Etl.Pipeline pipeline, RunResults run, System.CommandLine.ParseResult parse) =>
        pipeline.Extract(run, parse.GetValue(Source), parse.GetValue(Stream), parse.GetValue(FullRefresh));
}
