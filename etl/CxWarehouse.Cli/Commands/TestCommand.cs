using System.CommandLine;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw test</c>: the data tests beside the models.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var command = new Command("test", """
            Run the data tests declared beside the models (unique, not_null, accepted_values, relationships,
            expression) and the SQL tests under sql/tests/ on the warehouse, opened read-only. Prints each
            failure's count and a few example rows; exits 1 when an error-severity test fails.
            """);
        command.SetAction(parse => RunCommand.Execute(parse, "test", extract: false, build: false, test: true));
        return command;
    }
}
