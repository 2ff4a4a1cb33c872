namespace CxWarehouse.Reports.Data;

/// <summary>Emerging topics and the competitor comparison.</summary>
internal sealed partial class WarehouseReader
{
    public const int MaxEmergingTopics = 12;

    /// <summary>The selects, in <c>reports/CxWarehouse.Reports/Sql/market.sql</c>.</summary>
    private const string MarketStatements = "market.sql";

    /// <summary>
    /// The emerging terms (all units) of the report period and, for a weekly report, of the month holding its last
    /// day: the period's own first, then by z.
    /// </summary>
    private List<EmergingTopicRecord> ReadEmergingTopics(ReportPeriod period) => Query(
        "marts.emerging_topics",
        ReportSql.Get(MarketStatements, "emerging_topics", ("limit", Number(MaxEmergingTopics))),
        [period.Grain, period.Start, period.EndExclusive.AddDays(-1)],
        (r, _) => new EmergingTopicRecord(Str(r, 0), r.GetFieldValue<DateOnly>(1), Str(r, 2), Lng(r, 3), Lng(r, 4),
            Dbl(r, 5), Dbl(r, 6), Dbl(r, 7), Dbl(r, 8), Str(r, 9)));

    /// <summary>
    /// The business and its competitors in the month holding the report period's last day, every unit ('all'
    /// first); empty when no competitor has reviews that month.
    /// </summary>
    private List<CompetitorRecord> ReadCompetitors(ReportPeriod period) => Query(
        "marts.competitor_benchmark",
        ReportSql.Get(MarketStatements, "competitors"),
        [period.EndExclusive.AddDays(-1)],
        (r, _) => new CompetitorRecord(r.GetFieldValue<DateOnly>(0), Str(r, 1), Str(r, 2), r.GetBoolean(3),
            Lng(r, 4), Dbl(r, 5), Dbl(r, 6), Dbl(r, 7), Dbl(r, 8), Str(r, 9), Dbl(r, 10), Lng(r, 11), Lng(r, 12),
            r.GetBoolean(13)));
}
