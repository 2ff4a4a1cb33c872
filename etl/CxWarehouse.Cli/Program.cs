using System.CommandLine;
using CxWarehouse.Cli;
using CxWarehouse.Cli.Commands;

var root = new RootCommand("""
    cxw: the CxWarehouse command line. Extracts CRM, web analytics, call, survey and review exports into a
    Parquet lake, builds a DuckDB customer-360 warehouse with KPI marts, and renders the Excel and HTML
    benchmark reports. Exit codes: 0 success, 1 data problems, 2 usage or infrastructure errors,
    75 another run holds the lock.
    """);
foreach (var option in GlobalOptions.All)
{
    root.Options.Add(option);
}
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(CompileCommand.Create());
root.Subcommands.Add(BuildCommand.Create());
root.Subcommands.Add(TestCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(SqlCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(TrainSentimentCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    Console.Error.WriteLine($"cxw: {parse.Errors[0].Message} (see cxw --help)");
    return ExitCodes.Usage;
}
return parse.Invoke();
