using System.CommandLine;
using CxWarehouse.Etl;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Runs;

namespace CxWarehouse.Cli;

/// <summary>What a verb needs from the global options: the configuration, the paths and the log.</summary>
internal sealed class CliContext
{
    private CliContext(ParseResult parse)
    {
        Log = RunLog.Console(parse.GetValue(GlobalOptions.Verbose), parse.GetValue(GlobalOptions.Quiet),
            parse.GetValue(GlobalOptions.LogFormat) == "json");
        ConfigPath = parse.GetValue(GlobalOptions.Config)!;
        InputRoot = parse.GetValue(GlobalOptions.Input);
        Output = Path.GetFullPath(parse.GetValue(GlobalOptions.Output)!);
        WarehousePath = Path.GetFullPath(parse.GetValue(GlobalOptions.Warehouse)!);
        LakePath = Path.GetFullPath(parse.GetValue(GlobalOptions.Lake)!);
    }

    public RunLog Log { get; }

    public string ConfigPath { get; }

    public string? InputRoot { get; }

    public string Output { get; }

    public string WarehousePath { get; }

    public string LakePath { get; }

    public static CliContext From(ParseResult parse) => new(parse);

    public CxConfig LoadConfig()
    {
        if (InputRoot is not null && !Directory.Exists(InputRoot))
        {
            throw new ConfigException($"--input: folder not found: {InputRoot}");
        }
        return ConfigLoader.Load(ConfigPath, InputRoot);
    }

    public Pipeline Pipeline(CxConfig config) =>
        new(config, new PipelinePaths(LakePath, WarehousePath, Output, ProjectFolder(config, "sql")), Log);

    /// <summary>
    /// The project's <c>sql/</c> or <c>templates/</c>: beside the configuration when the user keeps their own
    /// copy, else in the current folder, else the copy shipped with the program.
    /// </summary>
    public static string ProjectFolder(CxConfig config, string name)
    {
        foreach (var candidate in new[]
                 {
                     Path.Combine(Path.GetDirectoryName(config.FilePath)!, name),
                     Path.Combine(Environment.CurrentDirectory, name),
                     Path.Combine(AppContext.BaseDirectory, name),
                 })
        {
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new ConfigException($"cannot find the project's {name}/ folder");
    }
}
