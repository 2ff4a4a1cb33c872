using System.CommandLine;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw compile</c>: every statement the warehouse would run, written out, nothing built.</summary>
internal static class CompileCommand
{
    public static Command Create()
    {
        var command = new Command("compile", """
            Write every SQL statement a run generates or runs to <output>/compiled/, building nothing: each
            model's runnable select (<schema>/<model>.sql, marts/kpi_values.sql included), each configured
            stream's typed select (extract/<source>/<stream>.sql) and the DDL of the warehouse's catalogue
            (ddl/<schema>.sql). cxw extract, build and run write the same files as they go.
            """);
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            return Guard.Run(context, () =>
            {
                var config = context.LoadConfig();
                var summary = context.Pipeline(config).Compile(DateTimeOffset.UtcNow);
                context.Log.Info($"compiled {summary.Models} models, {summary.Streams} extraction selects and "
                    + $"{summary.DdlFiles} DDL files into {summary.Folder}");
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
