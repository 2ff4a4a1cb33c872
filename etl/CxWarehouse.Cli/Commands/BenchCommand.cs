using System.CommandLine;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw bench</c>: stage timings against DuckDB's own floor.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var scale = new Option<double>("--scale") { Description = "Data scale to benchmark.", DefaultValueFactory = _ => 1 };
        var repeat = new Option<int>("--repeat") { Description = "Repetitions per stage.", DefaultValueFactory = _ => 3 };
        var command = new Command("bench", """
            (Not available yet.) Time each stage of the pipeline on generated data of the given scale, beside DuckDB's own
            read-to-Parquet floor on the same files, and write the results under <output>/bench/.
            """) { scale, repeat };
        command.SetAction(_ => NotAvailable.Say("bench", "the benchmark harness is a later piece of work"));
        return command;
    }
}
