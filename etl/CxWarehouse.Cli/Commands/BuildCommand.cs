using System.CommandLine;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw build</c>: the SQL models.</summary>
internal static class BuildCommand
{
    public static readonly Option<string?> Select = new("--select")
    {
        Description = "Build only these models: 'name', 'name+' (and everything downstream), '+name' (and upstream).",
    };

    public static Command Create()
    {
        var command = new Command("build", """
            Build the warehouse from the lake: the SQL models under sql/ (staging views, core star schema, marts),
            in dependency order, in one transaction.
            """) { Select, ExtractCommand.FullRefresh };
        command.SetAction(parse => RunCommand.Execute(parse, "build", extract: false, build: true));
        return command;
    }
}
