namespace CxWarehouse.Reports.Data;

/// <summary>One row of <c>marts.kpi_values</c>.</summary>
internal sealed record KpiValueRecord(
    string Grain,
    DateOnly PeriodStart,
    string Kpi,
    string Dimension,
    string DimensionValue,
    double? Value,
    double? Numerator,
    double? Denominator,
    long? N,
    bool IsLowSample)
{
    /// <summary>Why the value has no status against its target (sql/kpis.yml status_when); null when it has one.</summary>
    public string? NoStatusReason { get; init; }
}

/// <summary>One KPI's availability in the report period (<c>marts.kpi_availability</c>): what is missing, if anything.</summary>
internal sealed record KpiAvailabilityRecord(string Kpi, bool IsAvailable, string? Missing);

/// <summary>One row of <c>marts.benchmark</c>.</summary>
internal sealed record BenchmarkRecord(
    string Kpi,
    string Dimension,
    string DimensionValue,
    double? Value,
    double? Target,
    double? Baseline,
    double? PriorValue,
    double? Delta,
    double? PeerPercentile,
    string Status,
    long? N,
    bool IsLowSample)
{
    /// <summary>Citation of <see cref="Baseline"/>, e.g. "ACSI 2024"; empty when none.</summary>
    public string BaselineSource { get; init; } = "";

    /// <summary>1 = best among the peers of the same dimension, KPI and period; null for <c>all</c>.</summary>
    public int? PeerRank { get; init; }

    public int? PeerCount { get; init; }

    /// <summary>The amber band around <see cref="Target"/>, in the KPI's unit.</summary>
    public double? Tolerance { get; init; }

    /// <summary>Why the value has no status against its target; null when it has one.</summary>
    public string? NoStatusReason { get; init; }

    public DateOnly PeriodStart { get; init; }

    /// <summary>The half-width of the value's 95% interval, in the KPI's unit; null where it has none.</summary>
    public double? Margin { get; init; }

    /// <summary>The change since the prior period: significant at 95% (true), within noise (false), or no verdict.</summary>
    public bool? IsChangeSignificant { get; init; }

    /// <summary>The unit's value less the whole business's (dimension all); null for <c>all</c>.</summary>
    public double? PeerGap { get; init; }

    /// <summary>The gap to the whole business: significant at 95% (true), within noise (false), or no verdict.</summary>
    public bool? IsPeerGapSignificant { get; init; }

    /// <summary>How the interval is computed (wilson, mean, nps, poisson, none).</summary>
    public string? IntervalMethod { get; init; }
}

/// <summary>One row of <c>audit.runs</c>.</summary>
internal sealed record RunRecord(string RunId, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string Status);

/// <summary>One relation's orphans in <c>audit.orphans</c>.</summary>
internal sealed record OrphanRecord(string Relation, string Child, string Parent, long? Rows, long? Orphans,
    double? Percent, OrphanState Status, string Message);

/// <summary>An orphan check's outcome, spelt ok, warn or not_checked in <c>audit.orphans</c>.</summary>
internal enum OrphanState
{
    Ok,
    Warn,
    NotChecked,
}

/// <summary>A follow-up's state, spelt open, answered or overdue in <c>marts.follow_ups</c>.</summary>
internal enum FollowUpState
{
    Open,
    Answered,
    Overdue,
}

/// <summary>The warehouse's one spelling of each state, read once where a row is read and written where shown.</summary>
internal static class StateSpelling
{
    public static OrphanState Orphan(string value) => value switch
    {
        "ok" => OrphanState.Ok,
        "warn" => OrphanState.Warn,
        "not_checked" => OrphanState.NotChecked,
        _ => throw new InvalidDataException($"audit.orphans: unknown status '{value}' (ok, warn or not_checked)"),
    };

    public static FollowUpState FollowUp(string value) => value switch
    {
        "open" => FollowUpState.Open,
        "answered" => FollowUpState.Answered,
        "overdue" => FollowUpState.Overdue,
        _ => throw new InvalidDataException($"marts.follow_ups: unknown status '{value}' (open, answered or overdue)"),
    };

    /// <summary>How a report shows the state: "ok", "warn", "not checked".</summary>
    public static string Text(OrphanState state) => state switch
    {
        OrphanState.Ok => "ok",
        OrphanState.Warn => "warn",
        _ => "not checked",
    };

    public static string Text(FollowUpState state) => state switch
    {
        FollowUpState.Open => "open",
        FollowUpState.Answered => "answered",
        _ => "overdue",
    };
}

/// <summary>One row of <c>audit.stream_runs</c>.</summary>
internal sealed record StreamRunRecord(
    string Source,
    string Stream,
    string Status,
    long? RowsRead,
    long? RowsLoaded,
    long? RowsQuarantined,
    long? RowsDeduplicated,
    double? Seconds,
    DateTimeOffset? LatestRecordAt,
    string Message)
{
    /// <summary>
    /// The run's verdict: <c>fresh</c>, <c>warn</c>, <c>error</c>, or empty when no thresholds are configured.
    /// Null when the warehouse predates the column (the report then estimates freshness itself).
    /// </summary>
    public string? Freshness { get; init; }

    /// <summary>Age in hours of the newest record at run start, as the run measured it; null when unknown.</summary>
    public double? AgeHours { get; init; }
}

/// <summary>One row of <c>marts.customers_at_risk</c>.</summary>
internal sealed record CustomerAtRiskRecord(
    string CustomerKey,
    string Name,
    string Email,
    string Phone,
    string Segment,
    string Location,
    double? LifetimeRevenue,
    DateTimeOffset? LastOrderAt,
    double? ChurnRisk);

/// <summary>One row of <c>marts.voice_of_customer</c>.</summary>
internal sealed record VoiceRecord(
    DateOnly PeriodStart,
    string Location,
    string Topic,
    long? Mentions,
    double? ShareNegative,
    string Quote);

/// <summary>One stage of one cohort of <c>marts.journey_funnel</c>.</summary>
internal sealed record JourneyFunnelRecord(
    DateOnly PeriodStart,
    string Segment,
    string Channel,
    string Stage,
    int StageOrder,
    long? Customers,
    long? ReachedNext,
    double? ConversionPct,
    double? DropOffPct,
    double? MedianDaysToNext);

/// <summary>One row of <c>marts.journey_paths</c>.</summary>
internal sealed record JourneyPathRecord(
    string PathKind,
    string Path,
    int? Steps,
    long? Customers,
    double? SharePct,
    int? PathRank,
    string LastStage,
    double? MedianDays);

/// <summary>One row of <c>marts.cohort_retention</c>.</summary>
internal sealed record CohortRetentionRecord(
    DateOnly CohortMonth,
    int MonthsSince,
    long? CohortCustomers,
    long? ActiveCustomers,
    double? RetentionPct);

/// <summary>One driver of <c>marts.key_drivers</c> (quarter holding the report period, all units).</summary>
internal sealed record KeyDriverRecord(
    DateOnly PeriodStart,
    string Driver,
    string Kind,
    long? ResponsesWith,
    long? Responses,
    double? Frequency,
    double? NpsEffect,
    double? NpsLow,
    double? NpsHigh,
    double? CsatEffect,
    double? CsatLow,
    double? CsatHigh,
    bool Significant,
    long? Rank);

/// <summary>One open or overdue item of <c>marts.follow_ups</c>.</summary>
internal sealed record FollowUpRecord(
    string Kind,
    DateTimeOffset? RaisedAt,
    DateTimeOffset? DueAt,
    FollowUpState Status,
    string Owner,
    string OwnerType,
    string Location,
    string Customer,
    string Text);

/// <summary>Follow-up counts of one owner in <c>marts.follow_ups</c>.</summary>
internal sealed record FollowUpOwnerRecord(
    string Owner,
    string OwnerType,
    long? Open,
    long? Overdue,
    long? Answered,
    long? AnsweredLate);
