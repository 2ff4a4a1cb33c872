namespace CxWarehouse.Etl.Load;

/// <summary>
/// The committed state of one (input, stream) in the lake. Readers take file lists from here, never from globs,
/// so a file is visible only once the manifest naming it has been renamed into place.
/// </summary>
public sealed record StreamManifest
{
    public required string Input { get; init; }

    public required string Stream { get; init; }

    public required string RunId { get; init; }

    public required DateTimeOffset CommittedAt { get; init; }

    /// <summary>Lake-relative paths of the Parquet files holding the stream's loaded rows.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Lake-relative paths of the Parquet files holding quarantined rows.</summary>
    public IReadOnlyList<string> QuarantineFiles { get; init; } = [];

    /// <summary>Lake-relative paths of the Parquet files of rows loaded with a value nulled by a domain rule.</summary>
    public IReadOnlyList<string> FlaggedFiles { get; init; } = [];

    public long Rows { get; init; }

    /// <summary>
    /// How many of <see cref="Files"/> incremental merges added since the stream was last written whole (a first
    /// load keeps a part per source file; a compaction writes one file): past a limit, the next run compacts.
    /// </summary>
    public int FilesAdded { get; init; }

    /// <summary>The source files the last run read, with their hashes.</summary>
    public IReadOnlyList<SourceFileRecord> SourceFiles { get; init; } = [];

    /// <summary>
    /// The sha256 of every source file whose rows this state holds: a file delivered again with the same
    /// content is skipped. A full refresh starts the ledger anew.
    /// </summary>
    public IReadOnlyList<string> Ledger { get; init; } = [];

    /// <summary>The highest cursor value loaded (UTC, ISO 8601), the bookmark of incremental SQL reads.</summary>
    public string? CursorValue { get; init; }

    /// <summary>Every lake file the manifest names: data, quarantined and flagged rows.</summary>
    public IEnumerable<string> Named() => Files.Concat(QuarantineFiles).Concat(FlaggedFiles);
}

/// <summary>One source file as read by a run, for reconciliation and the content-hash ledger.</summary>
public sealed record SourceFileRecord(string Path, string Sha256, long Bytes, long RowsRead, long RowsQuarantined,
    SourceFileStatus Status, string? Message)
{
    /// <summary>The file's last write time (UTC) when it was read: with its size, how the next run knows it unchanged.</summary>
    public DateTime? Modified { get; init; }
}
