using System.CommandLine;
using CxWarehouse.Etl;
using CxWarehouse.Etl.Runs;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw run</c>: extract, then build; the shared driver of extract and build.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", """
            Extract every configured source, build the warehouse and run the data tests (cxw extract + build +
            test), under the run lock. Exits 1 if a stream failed or an error-severity data test failed.
            """) { ExtractCommand.Source, ExtractCommand.Stream, ExtractCommand.FullRefresh, BuildCommand.Select };
        command.SetAction(parse => Execute(parse, "run", extract: true, build: true, test: true));
        return command;
    }

    internal static int Execute(ParseResult parse, string verb, bool extract, bool build, bool test = false)
    {
        var context = CliContext.From(parse);
        return Guard.Run(context, () =>
        {
            var config = context.LoadConfig();
            using var runLock = RunLock.Acquire(context.WarehousePath, "cxw " + verb);
            var pipeline = context.Pipeline(config);
            var run = new RunResults { RunId = RunResults.NewRunId(), Command = verb, StartedAt = DateTimeOffset.UtcNow };
            context.Log.Info($"run {run.RunId}: {verb} with {Path.GetFileName(config.FilePath)}, "
                + $"{config.Sources.Count} source(s)");
            Directory.CreateDirectory(context.Output);
            try
            {
                if (extract)
                {
                    ExtractCommand.ExtractStep(pipeline, run, parse);
                }
                if (build)
                {
                    pipeline.Build(run, parse.GetValue(BuildCommand.Select), parse.GetValue(ExtractCommand.FullRefresh));
                }
                if (test)
                {
                    pipeline.Test(run);
                }
                var failed = run.Streams.Where(s => s.Status == StreamStatus.Failed).Select(s => s.Message)
                    .Concat(run.Streams.Where(s => s.Freshness == FreshnessStatus.Error)
                        .Select(s => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"{s.Input} {s.Stream} is stale ({s.AgeHours:0} h since its newest record)")))
                    .Concat(run.Tests.Where(t => t.Status is DataTestStatus.Fail or DataTestStatus.Error)
                        .Select(t => $"data test {t.Name} failed ({t.Failures} rows)"))
                    .ToList();
                run.Status = failed.Count > 0 ? RunStatus.Failed : RunStatus.Success;
                run.Message = failed.Count > 0 ? string.Join("; ", failed) : null;
            }
            catch (Exception ex)
            {
                run.Status = RunStatus.Error;
                run.Message = ex.Message;
                throw;
            }
            finally
            {
                run.EndedAt = DateTimeOffset.UtcNow;
                run.Write(context.Output);
                if (run.Streams.Count > 0 || build || test)
                {
                    TryRecord(pipeline, run, context);
                }
            }
            // A failed stream commits nothing, its quarantined rows included: its message names their reasons.
            var quarantined = run.Streams.Where(s => s.Status != StreamStatus.Failed).Sum(s => s.RowsQuarantined);
            if (quarantined > 0)
            {
                context.Log.Info($"{quarantined} row(s) quarantined with reasons: see audit.quarantine "
                    + $"(cxw sql \"select * from audit.quarantine\")");
            }
            context.Log.Info($"run {run.RunId} {run.Status.Spelled()}; results in {Path.Combine(context.Output, "run_results.json")}");
            return run.Status == RunStatus.Success ? ExitCodes.Success : ExitCodes.DataProblems;
        });
    }

    private static void TryRecord(Etl.Pipeline pipeline, RunResults run, CliContext context)
    {
        try
        {
            pipeline.Record(run);
        }
        catch (Exception ex) when (ex is IOException or DuckDB.NET.Data.DuckDBException)
        {
            context.Log.Warn($"could not record the run in audit tables: {ex.Message.Split('\n')[0]}");
        }
    }
}
