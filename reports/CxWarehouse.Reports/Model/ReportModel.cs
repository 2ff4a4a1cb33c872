using CxWarehouse.Reports.Data;

namespace CxWarehouse.Reports.Model;

/// <summary>A KPI's line on the scorecard: the period's value at dimension <c>all</c> and its comparisons.</summary>
internal sealed record ScorecardEntry(
    KpiDefinition Kpi,
    bool HasData,
    string? MissingReason,
    double? Value,
    double? Target,
    double? Baseline,
    double? Prior,
    double? Delta,
    KpiStatus Status,
    KpiStatus PriorStatus,
    long? N,
    bool IsLowSample,
    IReadOnlyList<double?> Trend);

/// <summary>One peer (location, channel, agent...) in a ranked benchmark table.</summary>
internal sealed record BenchmarkEntry(
    int? Rank,
    string Peer,
    double? Value,
    long? N,
    double? PeerPercentile,
    KpiStatus Status,
    bool IsLowSample,
    double? Delta);

/// <summary>The ranked peers of one KPI within one dimension, best first.</summary>
internal sealed record BenchmarkGroup(string Dimension, KpiDefinition Kpi, IReadOnlyList<BenchmarkEntry> Entries);

/// <summary>A KPI whose value moved notably since the prior period.</summary>
internal sealed record ChangeEntry(ScorecardEntry Entry, double Score, int Improvement, bool StatusChanged);

/// <summary>Outcome of <c>rows_read = loaded + quarantined + deduplicated</c>.</summary>
internal enum Reconciliation
{
    Unknown,
    Ok,
    Mismatch,
}

/// <summary>Age of the newest record, against the run start: warn at 26 h, stale at 50 h.</summary>
internal enum Freshness
{
    Unknown,
    Fresh,
    Warn,
    Stale,
}

/// <summary>One stream of the latest run with its checks.</summary>
internal sealed record StreamQuality(
    StreamRunRecord Run, Reconciliation Reconciliation, long? Difference, Freshness Freshness, TimeSpan? Age);

/// <summary>Data quality of the latest ETL run.</summary>
internal sealed record DataQualityModel(
    bool HasRunsTable,
    RunRecord? Run,
    TimeSpan? RunAge,
    Freshness RunFreshness,
    IReadOnlyList<StreamQuality>? Streams);

/// <summary>Everything both renderers show, computed once so the workbook and the HTML agree.</summary>
internal sealed class ReportModel
{
    public required string Title { get; init; }

    public required ReportPeriod Period { get; init; }

    public required ReportPeriod PriorPeriod { get; init; }

    /// <summary>Generation time in the reporting time zone.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    public required string TimeZoneId { get; init; }

    public required bool ShowPersonalData { get; init; }

    /// <summary>Registry KPIs in display order, plus any KPI with values but no registry row.</summary>
    public required IReadOnlyList<KpiDefinition> Kpis { get; init; }

    public required bool HasRegistry { get; init; }

    public required bool HasValues { get; init; }

    public required IReadOnlyList<ScorecardEntry> Scorecard { get; init; }

    /// <summary>Monday of each of the 12 trend weeks, oldest first.</summary>
    public required IReadOnlyList<DateOnly> TrendWeeks { get; init; }

    /// <summary>Dimensions shown in the benchmark, in order, each with its ranked groups (empty = no data).</summary>
    public required IReadOnlyList<KeyValuePair<string, IReadOnlyList<BenchmarkGroup>>> Benchmarks { get; init; }

    public required IReadOnlyList<ChangeEntry> Changes { get; init; }

    /// <summary>Null when <c>marts.voice_of_customer</c> is absent.</summary>
    public required IReadOnlyList<VoiceRecord>? Voice { get; init; }

    /// <summary>Null when <c>marts.customers_at_risk</c> is absent.</summary>
    public required IReadOnlyList<CustomerAtRiskRecord>? CustomersAtRisk { get; init; }

    public required DataQualityModel DataQuality { get; init; }

    public int KpisReported => Scorecard.Count(s => s.Value is not null);

    public DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, TimeZone);
}
