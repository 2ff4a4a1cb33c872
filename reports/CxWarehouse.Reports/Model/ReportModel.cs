using CxWarehouse.Reports.Data;
using CxWarehouse.Reports.Formatting;

namespace CxWarehouse.Reports.Model;

/// <summary>A KPI's line on the scorecard: the period's value at dimension <c>all</c> and its comparisons.</summary>
internal sealed record ScorecardEntry(
    KpiDefinition Kpi,
    bool HasData,
    string? MissingReason,
    double? Value,
    double? Target,
    double? Baseline,
    string BaselineSource,
    double? Prior,
    double? Delta,
    KpiStatus Status,
    KpiStatus PriorStatus,
    long? N,
    bool IsLowSample,
    IReadOnlyList<double?> Trend)
{
    /// <summary>Why the value has no status against its target (sql/kpis.yml status_when), when it has none.</summary>
    public string? StatusNote { get; init; }

    /// <summary>The half-width of the value's 95% interval (marts.benchmark margin); null where it has none.</summary>
    public double? Margin { get; init; }

    /// <summary>The mart's verdict on <see cref="Delta"/>: significant at 95%, within noise (false), or none.</summary>
    public bool? IsChangeSignificant { get; init; }
}

/// <summary>One peer (location, channel, agent...) in a ranked benchmark table.</summary>
internal sealed record BenchmarkEntry(
    int? Rank,
    string Peer,
    double? Value,
    long? N,
    double? PeerPercentile,
    KpiStatus Status,
    bool IsLowSample,
    double? Delta)
{
    /// <summary>The half-width of the value's 95% interval; null where it has none.</summary>
    public double? Margin { get; init; }

    /// <summary>The unit's value less the whole business's.</summary>
    public double? PeerGap { get; init; }

    /// <summary>The mart's verdict on <see cref="PeerGap"/>: significant at 95%, within noise (false), or none.</summary>
    public bool? IsPeerGapSignificant { get; init; }
}

/// <summary>The ranked peers of one KPI within one dimension, best first.</summary>
internal sealed record BenchmarkGroup(string Dimension, KpiDefinition Kpi, IReadOnlyList<BenchmarkEntry> Entries);

/// <summary>A KPI whose value moved since the prior period, with the mart's verdict on the move.</summary>
internal sealed record ChangeEntry(ScorecardEntry Entry, double Score, int Improvement, bool StatusChanged)
{
    /// <summary>Significant at 95% (true), within noise (false), or no verdict (a median: no interval).</summary>
    public bool? IsSignificant => Entry.IsChangeSignificant;
}

/// <summary>Outcome of <c>rows_read = loaded + quarantined + deduplicated</c>.</summary>
internal enum Reconciliation
{
    Unknown,
    Ok,
    Mismatch,
}

/// <summary>Age of a stream's newest record at run start against its thresholds.</summary>
internal enum Freshness
{
    /// <summary>No newest record time, so no age.</summary>
    Unknown,

    /// <summary>The run recorded no verdict: the source has no freshness thresholds configured.</summary>
    NoThreshold,
    Fresh,

    /// <summary>Past the warning age (<c>warn</c>).</summary>
    Warn,

    /// <summary>Past the error age (<c>error</c>): stale.</summary>
    Error,
}

/// <summary>One stream of the latest run with its checks.</summary>
/// <param name="Run">The stream's row of <c>audit.stream_runs</c>.</param>
/// <param name="Reconciliation">Outcome of rows read = loaded + quarantined + deduplicated.</param>
/// <param name="Difference">Rows read less the three outcomes; null when a count is missing.</param>
/// <param name="Freshness">The run's verdict, or the report's estimate (<paramref name="FreshnessEstimated"/>).</param>
/// <param name="Age">Age of the newest record at run start.</param>
/// <param name="FreshnessEstimated">
/// True when the warehouse predates <c>audit.stream_runs.freshness</c> and the report classified the age
/// itself (late after 26 h, stale after 50 h); false when the run's own verdict is shown.
/// </param>
internal sealed record StreamQuality(
    StreamRunRecord Run,
    Reconciliation Reconciliation,
    long? Difference,
    Freshness Freshness,
    TimeSpan? Age,
    bool FreshnessEstimated)
{
    public string Name => $"{Run.Source}.{Run.Stream}";

    public bool IsLate => Freshness is Freshness.Warn or Freshness.Error;
}

/// <summary>Data quality of the latest ETL run.</summary>
internal sealed record DataQualityModel(
    bool HasRunsTable,
    RunRecord? Run,
    TimeSpan? RunAge,
    Freshness RunFreshness,
    IReadOnlyList<StreamQuality>? Streams)
{
    /// <summary>Orphans per relation between streams; null when the warehouse does not count them.</summary>
    public IReadOnlyList<OrphanRecord>? Orphans { get; init; }

    /// <summary>Streams past their warning or error age, errors first: these raise the stale-data banner.</summary>
    public IReadOnlyList<StreamQuality> LateStreams { get; } = [.. (Streams ?? [])
        .Where(s => s.IsLate)
        .OrderByDescending(s => s.Freshness)
        .ThenByDescending(s => s.Age)
        .ThenBy(s => s.Name, StringComparer.Ordinal)];
}

/// <summary>The banner at the top of both reports when a stream was past its freshness limit.</summary>
/// <param name="Headline">One sentence saying the data is late or stale.</param>
/// <param name="Details">Each late stream with the age of its newest record.</param>
/// <param name="IsError">True when a stream was past its error age (stale), false when only its warning age.</param>
internal sealed record FreshnessWarning(string Headline, string Details, bool IsError);

/// <summary>One stage of a journey funnel.</summary>
internal sealed record FunnelStage(
    string Stage,
    int Order,
    long? Customers,
    long? ReachedNext,
    double? ConversionPct,
    double? DropOffPct,
    double? MedianDaysToNext);

/// <summary>The funnel of the customers whose first touch was <paramref name="Channel"/>.</summary>
internal sealed record ChannelFunnel(string Channel, IReadOnlyList<FunnelStage> Stages);

/// <summary>One cohort's retention; <paramref name="Retention"/> is indexed by months since the cohort month.</summary>
internal sealed record CohortRow(DateOnly CohortMonth, long? Customers, IReadOnlyList<double?> Retention);

/// <summary>The journey section: funnel, paths and cohort retention. Null lists mean "table absent".</summary>
internal sealed class JourneyModel
{
    /// <summary>The month whose journeys are shown (null when there are none up to the report's month).</summary>
    public required DateOnly? Month { get; init; }

    /// <summary>The calendar month of the report period.</summary>
    public required DateOnly ReportMonth { get; init; }

    /// <summary>Null when <c>marts.journey_funnel</c> is absent.</summary>
    public required IReadOnlyList<FunnelStage>? Funnel { get; init; }

    /// <summary>Stages in order, for the columns of the by-channel funnel.</summary>
    public required IReadOnlyList<string> Stages { get; init; }

    public required IReadOnlyList<ChannelFunnel> Channels { get; init; }

    /// <summary>Null when <c>marts.journey_paths</c> is absent.</summary>
    public required IReadOnlyList<JourneyPathRecord>? BuyerPaths { get; init; }

    public required IReadOnlyList<JourneyPathRecord>? NonBuyerPaths { get; init; }

    /// <summary>Null when <c>marts.cohort_retention</c> is absent.</summary>
    public required IReadOnlyList<CohortRow>? Cohorts { get; init; }

    /// <summary>Columns of the retention matrix: months since 0 to this minus one.</summary>
    public required int MonthsSinceCount { get; init; }

    public bool IsEarlierMonth => Month is { } m && m != ReportMonth;

    public string? FunnelMissing => Funnel switch
    {
        null => ReportModelBuilder.NotConfigured("journey funnel"),
        { Count: 0 } => $"not available: no journeys started by {KpiFormat.Month(ReportMonth)}",
        _ => null,
    };

    public string? PathsMissing => BuyerPaths is null
        ? ReportModelBuilder.NotConfigured("journey path")
        : null;

    public string? CohortsMissing => Cohorts switch
    {
        null => ReportModelBuilder.NotConfigured("cohort retention"),
        { Count: 0 } => $"not available: no cohorts up to {KpiFormat.Month(ReportMonth)}",
        _ => null,
    };
}

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

    /// <summary>Null when <c>marts.key_drivers</c> is absent.</summary>
    public IReadOnlyList<KeyDriverRecord>? KeyDrivers { get; init; }

    /// <summary>Open and overdue follow-ups; null when <c>marts.follow_ups</c> is absent.</summary>
    public IReadOnlyList<FollowUpRecord>? FollowUps { get; init; }

    /// <summary>Follow-up counts per owner; null when <c>marts.follow_ups</c> is absent.</summary>
    public IReadOnlyList<FollowUpOwnerRecord>? FollowUpOwners { get; init; }

    /// <summary>The period's emerging terms and phrases; null when <c>marts.emerging_topics</c> is absent.</summary>
    public IReadOnlyList<EmergingTopicRecord>? EmergingTopics { get; init; }

    /// <summary>The business beside its competitors; null when <c>marts.competitor_benchmark</c> is absent.</summary>
    public IReadOnlyList<CompetitorRecord>? Competitors { get; init; }

    /// <summary>Null when <c>marts.customers_at_risk</c> is absent.</summary>
    public required IReadOnlyList<CustomerAtRiskRecord>? CustomersAtRisk { get; init; }

    public required DataQualityModel DataQuality { get; init; }

    public required JourneyModel Journey { get; init; }

    /// <summary>Null when no stream of the latest run was late or stale.</summary>
    public required FreshnessWarning? FreshnessWarning { get; init; }

    public int KpisReported => Scorecard.Count(s => s.Value is not null);

    public DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, TimeZone);
}
