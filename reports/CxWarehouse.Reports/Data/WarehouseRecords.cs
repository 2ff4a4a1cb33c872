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
    bool IsLowSample);

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
    bool IsLowSample);

/// <summary>One row of <c>audit.runs</c>.</summary>
internal sealed record RunRecord(string RunId, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string Status);

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
    string Message);

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
