using System.CommandLine;
using System.Text.Json;
using CxWarehouse.Cli.Doctor;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw doctor</c>: what is wrong with this installation and what to do about it, changing nothing.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", """
            Check the configuration, each source (its folder and files, or its database: one 'select 1' with a
            5 s timeout, no retries), each stream's freshness in the lake, free disk space, the run lock, the
            warehouse (opens read-only, schemas and models present, the last run's status and reconciliation)
            and the lake's Parquet files. Prints one line per check, 'ok|warn|fail  <check>  <detail>; fix: <what
            to do>' (one JSON object per check with --log-format json). Changes nothing and never takes the run
            lock. Exit codes: 0 every check ok, 1 any warning, 2 any failure.
            """);
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            var json = parse.GetValue(GlobalOptions.LogFormat) == "json";
            return Guard.Run(context, () =>
            {
                var checks = new Checkup(context, check => Console.Out.WriteLine(json
                    ? JsonSerializer.Serialize(new Dictionary<string, string?>
                    {
                        ["status"] = check.Status,
                        ["check"] = check.Check,
                        ["detail"] = check.Detail,
                        ["fix"] = check.Fix,
                    })
                    : check.ToString())).Run();
                return Checkup.ExitCode(checks);
            });
        });
        return command;
    }
}
