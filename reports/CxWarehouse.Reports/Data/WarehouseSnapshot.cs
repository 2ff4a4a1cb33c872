namespace CxWarehouse.Reports.Data;

/// <summary>
/// Everything a report needs, read in one go. A null list means the table is absent;
/// an empty list means it exists but has no rows for the period. Both read as "not available".
/// </summary>
internal sealed class WarehouseSnapshot
{
    public IReadOnlyList<KpiDefinition>? Registry { get; init; }

    /// <summary>Rows of the period and prior period (all dimensions) and of the weekly trend window.</summary>
    public IReadOnlyList<KpiValueRecord>? Values { get; init; }

    /// <summary>Rows of <c>marts.benchmark</c> for the period and the prior period; null when it is absent.</summary>
    public IReadOnlyList<BenchmarkRecord>? Benchmark { get; init; }

    /// <summary>Each KPI's availability in the report period; null when <c>marts.kpi_availability</c> is absent.</summary>
    public IReadOnlyList<KpiAvailabilityRecord>? Availability { get; init; }

    public bool HasRunsTable { get; init; }

    public RunRecord? LatestRun { get; init; }

    public IReadOnlyList<StreamRunRecord>? StreamRuns { get; init; }

    /// <summary>Orphans per relation between streams, as the latest build counted them; null without the table.</summary>
    public IReadOnlyList<OrphanRecord>? Orphans { get; init; }

    public IReadOnlyList<CustomerAtRiskRecord>? CustomersAtRisk { get; init; }

    public IReadOnlyList<VoiceRecord>? Voice { get; init; }

    public IReadOnlyList<KeyDriverRecord>? KeyDrivers { get; init; }

    public IReadOnlyList<FollowUpRecord>? FollowUps { get; init; }

    public IReadOnlyList<FollowUpOwnerRecord>? FollowUpOwners { get; init; }

    /// <summary>The period's emerging terms, all units; null without <c>marts.emerging_topics</c>.</summary>
    public IReadOnlyList<EmergingTopicRecord>? EmergingTopics { get; init; }

    /// <summary>The month's business and competitors per unit; null without <c>marts.competitor_benchmark</c>.</summary>
    public IReadOnlyList<CompetitorRecord>? Competitors { get; init; }

    /// <summary>
    /// Month-grain funnel rows (every segment and channel) of <see cref="JourneyMonth"/>; null when
    /// <c>marts.journey_funnel</c> is absent.
    /// </summary>
    public IReadOnlyList<JourneyFunnelRecord>? JourneyFunnel { get; init; }

    /// <summary>The month shown: the report period's month, or the latest earlier month with data.</summary>
    public DateOnly? JourneyMonth { get; init; }

    /// <summary>The top paths of each kind; null when <c>marts.journey_paths</c> is absent.</summary>
    public IReadOnlyList<JourneyPathRecord>? JourneyPaths { get; init; }

    /// <summary>The latest cohorts up to the report period's month; null when the table is absent.</summary>
    public IReadOnlyList<CohortRetentionRecord>? CohortRetention { get; init; }
}
