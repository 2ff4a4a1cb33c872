using System.Diagnostics;

namespace CxWarehouse.Cli.Tests.Support;

/// <summary>Runs the built cxw program in a child process and captures what it prints.</summary>
public static class Cxw
{
    public static string RepoRoot => RepoPaths.Root;

    public static string Program
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepoRoot, "etl", "CxWarehouse.Cli", "bin", configuration, "net10.0", "cxw.dll");
        }
    }

    public static CxwResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    public static CxwResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cxw {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return new CxwResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>The exit code and output of one cxw run.</summary>
public sealed record CxwResult(int ExitCode, string Stdout, string Stderr);
