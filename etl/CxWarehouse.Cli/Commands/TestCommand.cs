using System.CommandLine;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw test</c>: the data tests beside the models.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var command = new Command("test", """
            Run the data tests declared beside the models (unique, not_null, accepted_values, relationships,
            expressions) and the SQL tests under sql/tests/; exit 1 when an error-severity test fails.
            """);
        command.SetAction(_ => NotAvailable.Say("test", "the data-test runner arrives with the warehouse work"));
        return command;
    }
}
