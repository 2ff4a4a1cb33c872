namespace CxWarehouse.Reports.Data;

/// <summary>Emerging topics and the competitor comparison.</summary>
internal sealed partial class WarehouseReader
{
    public const int MaxEmergingTopics = 12;

    /// <summary>
    /// The emerging terms (all units) of the report period and, for a weekly report, of the month holding its last
    /// day: the period's own first, then by z.
    /// </summary>
    private List<EmergingTopicRecord> ReadEmergingTopics(ReportPeriod period) => Query(
        "marts.emerging_topics",
        $"""
        select period_grain, period_start, term, cast(mentions as bigint), cast(negative_texts as bigint),
               cast(share as double), cast(baseline_share as double), cast(z as double), cast(p_value as double),
               coalesce(example, '')
        from marts.emerging_topics
        where unit = 'all' and is_emerging
          and ((period_grain = $1 and period_start = $2)
            or (period_grain = 'month' and period_start = cast(date_trunc('month', cast($3 as date)) as date)))
        order by case when period_grain = $1 then 0 else 1 end, z desc, term
        limit {MaxEmergingTopics}
        """,
        [period.Grain, period.Start, period.EndExclusive.AddDays(-1)],
        (r, _) => new EmergingTopicRecord(Str(r, 0), r.GetFieldValue<DateOnly>(1), Str(r, 2), Lng(r, 3), Lng(r, 4),
            Dbl(r, 5), Dbl(r, 6), Dbl(r, 7), Dbl(r, 8), Str(r, 9)));

    /// <summary>
    /// The business and its competitors in the month holding the report period's last day, every unit ('all'
    /// first); empty when no competitor has reviews that month.
    /// </summary>
    private List<CompetitorRecord> ReadCompetitors(ReportPeriod period) => Query(
        "marts.competitor_benchmark",
        """
        select period_start, unit, business, is_own, cast(reviews as bigint), cast(mean_rating as double),
               cast(share_negative as double), cast(mean_sentiment as double), cast(response_rate as double),
               coalesce(top_topics, ''), cast(rating_vs_own as double), cast(rating_rank as bigint),
               cast(businesses as bigint), coalesce(is_low_sample, false)
        from marts.competitor_benchmark as b
        where period_grain = 'month' and period_start = cast(date_trunc('month', cast($1 as date)) as date)
          and exists (select 1 from marts.competitor_benchmark as c
                      where c.period_grain = b.period_grain and c.period_start = b.period_start
                        and c.unit = b.unit and not c.is_own)
        order by case when unit = 'all' then 0 else 1 end, unit, is_own desc, rating_rank nulls last, business
        """,
        [period.EndExclusive.AddDays(-1)],
        (r, _) => new CompetitorRecord(r.GetFieldValue<DateOnly>(0), Str(r, 1), Str(r, 2), r.GetBoolean(3),
            Lng(r, 4), Dbl(r, 5), Dbl(r, 6), Dbl(r, 7), Dbl(r, 8), Str(r, 9), Dbl(r, 10), Lng(r, 11), Lng(r, 12),
            r.GetBoolean(13)));
}
