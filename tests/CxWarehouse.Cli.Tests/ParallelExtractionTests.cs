using System.Text.Json;
using System.Text.RegularExpressions;
using CxWarehouse.Cli.Tests.Support;
using DuckDB.NET.Data;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// Sources are extracted side by side (two at a time on two cores): the lake, the counts, the quarantine and the log
/// are those of one source at a time (<c>warehouse: threads: 1</c>), in the configuration's order.
/// </summary>
public sealed partial class ParallelExtractionTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cxw-parallel-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void SourcesExtractedSideBySide_LoadAndReportAsOneAtATime()
    {
        var sample = File.ReadAllText(Path.Combine(Cxw.RepoRoot, "cxwarehouse.yml"));
        Assert.Contains("  threads: 2\n", sample, StringComparison.Ordinal);
        var side = Extract("side-by-side", sample);
        var one = Extract("one-at-a-time", sample.Replace("  threads: 2\n", "  threads: 1\n", StringComparison.Ordinal));

        // The log names the streams in the configuration's order, whichever finished first.
        var configured = SourceName().Matches(sample).Select(m => m.Groups[1].Value).ToList();
        var logged = side.Logged.Select(l => l.Split(' ')[0]).Distinct().ToList();
        Assert.Equal(configured, logged);
        Assert.Equal(one.Logged.Select(WithoutSeconds), side.Logged.Select(WithoutSeconds));
        Assert.Equal(one.Streams, side.Streams);
        Assert.Equal(one.Lake, side.Lake);
        Assert.True(side.Lake.Count >= 10, string.Join("\n", side.Lake));
    }

    private static string WithoutSeconds(string line) => Seconds().Replace(line, "");

    private (List<string> Logged, List<string> Streams, List<string> Lake) Extract(string name, string yaml)
    {
        var folder = Path.Combine(_folder.FullName, name);
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "cx.yml");
        File.WriteAllText(config, yaml);
        var lake = Path.Combine(folder, "lake");
        var output = Path.Combine(folder, "out");
        var result = Cxw.Run(Cxw.RepoRoot, "extract", "--config", config, "--input", Cxw.RepoRoot, "--lake", lake,
            "--warehouse", Path.Combine(folder, "cx.duckdb"), "--output", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var logged = result.Stderr.Split('\n')
            .Select(l => StreamLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run_results.json")));
        var streams = json.RootElement.GetProperty("streams").EnumerateArray()
            .Select(s => string.Join(" ", s.GetProperty("input").GetString(), s.GetProperty("stream").GetString(),
                s.GetProperty("status").GetString(), s.GetProperty("rows_read").GetInt64(),
                s.GetProperty("rows_loaded").GetInt64(), s.GetProperty("rows_quarantined").GetInt64(),
                s.GetProperty("rows_deduplicated").GetInt64()))
            .ToList();

        // Each stream's rows in the lake and in quarantine, as content: the part files are named by run, not by
        // content, so their rows are compared (order included: line numbers and file order are kept).
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        var contents = new List<string>();
        foreach (var kind in new[] { "raw", "quarantine" })
        {
            var root = Path.Combine(lake, kind);
            foreach (var stream in Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories)
                .GroupBy(f => Path.GetRelativePath(root, Path.GetDirectoryName(f)!)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var files = string.Join(", ", stream.Order(StringComparer.Ordinal).Select(f => $"'{f}'"));
                using var command = db.CreateCommand();
                command.CommandText = kind == "raw"
                    ? $"SELECT count(*), sum(hash(t)) FROM read_parquet([{files}]) AS t"
                    : $"SELECT count(*), sum(hash(source, stream, file, line, \"column\", reason, raw)) FROM read_parquet([{files}])";
                using var reader = command.ExecuteReader();
                reader.Read();
                contents.Add($"{kind}/{stream.Key}: {reader.GetValue(0)} rows, {reader.GetValue(1)}");
            }
        }
        return (logged, streams, contents);
    }

    [GeneratedRegex(@"^  - name: (\S+)", RegexOptions.Multiline)]
    private static partial Regex SourceName();

    [GeneratedRegex(@" info  (\S+ \S+: (?:read|unchanged).*)$")]
    private static partial Regex StreamLine();

    [GeneratedRegex(@" \([0-9.]+ s\)$")]
    private static partial Regex Seconds();
}
