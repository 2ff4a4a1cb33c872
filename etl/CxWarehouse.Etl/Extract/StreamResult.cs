using CxWarehouse.Etl.Load;

namespace CxWarehouse.Etl.Extract;

/// <summary>What extracting one stream of one input did; reconciles read = loaded + quarantined + deduplicated + deleted.</summary>
public sealed record StreamResult
{
    public required string Input { get; init; }

    public required string Stream { get; init; }

    /// <summary>ok, empty (no rows), unchanged (nothing new since the last run) or failed.</summary>
    public required StreamStatus Status { get; init; }

    public long RowsRead { get; init; }

    public long RowsLoaded { get; init; }

    public long RowsQuarantined { get; init; }

    public long RowsDeduplicated { get; init; }

    /// <summary>Records the source marks deleted (a Zendesk ticket with status deleted, a Salesforce IsDeleted row).</summary>
    public long RowsDeleted { get; init; }

    /// <summary>Rows loaded with a value nulled by a domain rule (kept in <c>audit.flagged</c>); part of loaded.</summary>
    public long RowsFlagged { get; init; }

    public double Seconds { get; init; }

    public DateTimeOffset? LatestRecordAt { get; init; }

    public string? Message { get; init; }

    public IReadOnlyList<SourceFileRecord> Files { get; init; } = [];

    /// <summary>What the run should say but that does not fail the stream (files no stream recognised, say).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>fresh, warn or error against the source's freshness ages; null when none are configured.</summary>
    public FreshnessStatus? Freshness { get; init; }

    /// <summary>Hours between the newest record and the start of the run.</summary>
    public double? AgeHours { get; init; }

    public bool Reconciles => RowsRead == RowsLoaded + RowsQuarantined + RowsDeduplicated + RowsDeleted;
}
