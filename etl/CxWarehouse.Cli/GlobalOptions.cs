using System.CommandLine;

namespace CxWarehouse.Cli;

/// <summary>Options every verb takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Config = new("--config", "-c")
    {
        Description = "Configuration file, relative to the current folder.",
        DefaultValueFactory = _ => "cxwarehouse.yml",
        Recursive = true,
    };

    public static readonly Option<string?> Input = new("--input", "-i")
    {
        Description = "Root folder for relative source paths (default: the configuration file's folder).",
        Recursive = true,
    };

    public static readonly Option<string> Output = new("--output", "-o")
    {
        Description = "Folder for reports and run_results.json.",
        DefaultValueFactory = _ => "out",
        Recursive = true,
    };

    public static readonly Option<string> Warehouse = new("--warehouse", "-w")
    {
        Description = "The DuckDB warehouse file.",
        DefaultValueFactory = _ => "warehouse/cx.duckdb",
        Recursive = true,
    };

    public static readonly Option<string> Lake = new("--lake")
    {
        Description = "The Parquet lake folder.",
        DefaultValueFactory = _ => "lake",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log debugging detail.",
        Recursive = true,
    };

    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Log only warnings and errors (for cron).",
        Recursive = true,
    };

    public static readonly Option<string> LogFormat = new("--log-format")
    {
        Description = "plain (timestamped lines, the default) or json (one JSON object per line).",
        DefaultValueFactory = _ => "plain",
        Recursive = true,
    };

    static GlobalOptions() => LogFormat.AcceptOnlyFromAmong("plain", "json");

    public static IEnumerable<Option> All => [Config, Input, Output, Warehouse, Lake, Verbose, Quiet, LogFormat];
}
