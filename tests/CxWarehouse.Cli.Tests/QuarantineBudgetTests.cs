using System.Text.Json;
using CxWarehouse.Cli.Tests.Support;

namespace CxWarehouse.Cli.Tests;

/// <summary>
/// A run never ends "success" when a stream's rows were all quarantined (an Asterisk file with every row
/// quarantined once ended "success", exit 0), nor when a stream exceeds its quarantine budget.
/// </summary>
public sealed class QuarantineBudgetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cxw-budget-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Run_AsteriskFileWithEveryRowQuarantined_Exits1NamingTheStreamAndItsTopReason()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "pbx"));
        // Day-first dates this PBX was never configured for: every row unreadable.
        File.WriteAllText(Path.Combine(_folder, "pbx", "Master.csv"), string.Concat(Enumerable.Range(1, 5).Select(i =>
            $"\"lumen\",\"1195081066{i}\",\"1130420000\",\"from-trunk\",\"x\",\"SIP/a\",\"SIP/b\",\"Queue\",\"q\","
            + $"\"28/05/2026 14:2{i}:29\",\"28/05/2026 14:2{i}:39\",\"28/05/2026 14:2{i}:59\",30,20,\"ANSWERED\",\"DOCUMENTATION\",\"17799892{i}.1\",\"ag\"\n")));
        File.WriteAllText(Path.Combine(_folder, "cxwarehouse.yml"), """
            sources:
              - name: pbx
                profile: asterisk
                path: pbx
                location: SAO
            """);

        var result = Cxw.Run(_folder, ["run", "--config", "cxwarehouse.yml"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pbx calls.calls failed: every row read (5) was quarantined", result.Stderr, StringComparison.Ordinal);
        // The failing dates' shape, not their values, says what is wrong: day first.
        Assert.Contains("top reasons: start: cannot read '...' as a timestamp (5 rows, e.g. shaped '99/99/9999 99:99:99')",
            result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out", "run_results.json")));
        Assert.NotEqual("success", json.RootElement.GetProperty("status").GetString());
        var stream = json.RootElement.GetProperty("streams").EnumerateArray().Single();
        Assert.Equal(("failed", 5L, 5L), (stream.GetProperty("status").GetString(), stream.GetProperty("rows_read").GetInt64(),
            stream.GetProperty("rows_quarantined").GetInt64()));
    }
}
