using System.Text.Json;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Transform;
using CxWarehouse.IO;

namespace CxWarehouse.Etl.Runs;

/// <summary>The record of one run, written to <c>&lt;output&gt;/run_results.json</c>.</summary>
public sealed record RunResults
{
    public required string RunId { get; init; }

    public required string Command { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>success, failed (data problems) or error (infrastructure).</summary>
    public RunStatus Status { get; set; } = RunStatus.Running;

    public List<StreamResult> Streams { get; } = [];

    public List<ModelResult> Models { get; } = [];

    /// <summary>Past periods whose KPI values this run's build changed (late or changed data), oldest first.</summary>
    public List<Restatement> Restated { get; } = [];

    /// <summary>True when the build found nothing new since the last one and rebuilt no model.</summary>
    public bool BuildSkipped { get; set; }

    public List<DataTestResult> Tests { get; } = [];

    /// <summary>Orphans per relation between streams (rows whose reference names no row of the other stream).</summary>
    public List<OrphanResult> Orphans { get; } = [];

    public string? Message { get; set; }

    /// <summary>Writes the record; emails and phone numbers in its messages are masked.</summary>
    public void Write(string outputFolder)
    {
        Message = Message is null ? null : PersonalData.Mask(Message);
        for (var i = 0; i < Streams.Count; i++)
        {
            if (Streams[i].Message is { } message)
            {
                Streams[i] = Streams[i] with { Message = PersonalData.Mask(message) };
            }
        }
        AtomicFile.WriteAllText(Path.Combine(outputFolder, "run_results.json"), JsonSerializer.Serialize(this, Lake.s_json));
    }

    public static string NewRunId() =>
        $"{DateTimeOffset.UtcNow:yyyyMMddTHHmmssZ}-{Guid.NewGuid().ToString("N")[..6]}";
}

/// <summary>The outcome of one data test.</summary>
public sealed record DataTestResult(string Name, Severity Severity, DataTestStatus Status, long Failures,
    IReadOnlyList<string> Examples, string? Message);
