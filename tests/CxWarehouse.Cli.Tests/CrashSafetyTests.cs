using System.Diagnostics;
using System.Text.Json;
using CxWarehouse.Cli.Tests.Support;
using DuckDB.NET.Data;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// cxw extract killed with SIGKILL at random moments: no committed manifest may ever name a partial file, and the
/// run after the kills must leave the lake exactly as an uninterrupted run does.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int Kills = 8;
    private readonly string _folder = Directory.CreateTempSubdirectory("cxw-kill-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Globals(string name) =>
        ["--lake", Path.Combine(_folder, name, "lake"), "--warehouse", Path.Combine(_folder, name, "cx.duckdb"),
         "--output", Path.Combine(_folder, name, "out"), "--quiet"];

    [Fact]
    public void Extract_KilledAtRandomMoments_NeverExposesPartialFiles_AndRecovers()
    {
        var random = new Random(20261123);
        for (var i = 0; i < Kills; i++)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Cxw.RepoRoot, RedirectStandardError = true };
            start.ArgumentList.Add(Cxw.Program);
            foreach (var arg in (string[])["extract", .. Globals("killed")])
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            process.WaitForExit(TimeSpan.FromMilliseconds(random.Next(300, 3000)));
            if (!process.HasExited)
            {
                process.Kill(); // SIGKILL on Linux
                process.WaitForExit();
            }
            AssertEveryManifestFileIsWhole(Path.Combine(_folder, "killed", "lake"));
        }

        var resumed = Cxw.Run(Cxw.RepoRoot, ["extract", .. Globals("killed")]);
        var clean = Cxw.Run(Cxw.RepoRoot, ["extract", .. Globals("clean")]);

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.True(clean.ExitCode == 0, clean.Stderr);
        Assert.Equal(LakeContent(Path.Combine(_folder, "clean", "lake")), LakeContent(Path.Combine(_folder, "killed", "lake")));
    }

    private static IEnumerable<string> ManifestFiles(string lake, string property)
    {
        var manifests = Path.Combine(lake, "_manifests");
        if (!Directory.Exists(manifests))
        {
            yield break;
        }
        foreach (var file in Directory.EnumerateFiles(manifests, "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var path in json.RootElement.GetProperty(property).EnumerateArray())
            {
                yield return Path.Combine(lake, path.GetString()!);
            }
        }
    }

    private static void AssertEveryManifestFileIsWhole(string lake)
    {
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        foreach (var file in ManifestFiles(lake, "files").Concat(ManifestFiles(lake, "quarantine_files")))
        {
            Assert.True(File.Exists(file), $"a manifest names {file}, which is missing");
            using var command = db.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM read_parquet('{file.Replace("'", "''", StringComparison.Ordinal)}')";
            command.ExecuteScalar(); // throws on a partial or corrupt Parquet file
        }
    }

    /// <summary>Every stream's rows, in key order, as one fingerprint per manifest.</summary>
    private static SortedDictionary<string, string> LakeContent(string lake)
    {
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        var content = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var manifest in Directory.EnumerateFiles(Path.Combine(lake, "_manifests"), "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            var files = json.RootElement.GetProperty("files").EnumerateArray()
                .Select(f => "'" + Path.Combine(lake, f.GetString()!).Replace("'", "''", StringComparison.Ordinal) + "'").ToList();
            using var command = db.CreateCommand();
            command.CommandText = files.Count == 0
                ? "SELECT 'empty'"
                : $"SELECT count(*) || ':' || md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) FROM read_parquet([{string.Join(",", files)}]) AS t";
            content[Path.GetFileName(manifest)] = Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        return content;
    }
}
