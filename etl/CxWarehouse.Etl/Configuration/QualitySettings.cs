namespace CxWarehouse.Etl.Configuration;

/// <summary>
/// How a source's streams treat values that parse but cannot be true, and how many bad rows a stream may have
/// before it fails: <c>quality:</c> on a source, with per-stream overrides under <c>quality.streams</c>.
/// </summary>
public sealed record QualitySettings
{
    /// <summary>The share of a run's rows (percent) a stream may quarantine; above it (and above
    /// <see cref="QuarantineBudgetRows"/>) the stream fails. Every row quarantined always fails.</summary>
    public double QuarantineBudgetPercent { get; init; } = 5;

    /// <summary>Quarantined rows a stream may always have, whatever their share: one bad row never fails a run.</summary>
    public long QuarantineBudgetRows { get; init; } = 10;

    /// <summary>
    /// quarantine (the default): a row whose events are in an impossible order is quarantined; null_and_flag: it is loaded
    /// with the later value nulled and flagged in <c>audit.flagged</c>.
    /// </summary>
    public string ImpossibleOrder { get; init; } = "quarantine";

    /// <summary>Timestamps and dates before this are implausible (quarantined).</summary>
    public DateOnly EarliestDate { get; init; } = new(2000, 1, 1);

    /// <summary>Timestamps later than the run's time plus this are in the future (quarantined).</summary>
    public double FutureToleranceHours { get; init; } = 24;

    /// <summary>Whether <paramref name="quarantined"/> of <paramref name="read"/> rows exceeds the budget.</summary>
    public bool OverBudget(long read, long quarantined) =>
        read > 0 && (quarantined == read
            || (quarantined > QuarantineBudgetRows && quarantined * 100.0 > QuarantineBudgetPercent * read));
}

/// <summary>Checks of the relations between streams (reliability.md item 33).</summary>
public sealed record OrphanSettings
{
    /// <summary>A relation whose orphans exceed this share (percent) of its rows is warned about.</summary>
    public double WarnPercent { get; init; } = 5;
}
