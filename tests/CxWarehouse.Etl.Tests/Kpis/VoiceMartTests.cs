using System.Globalization;
using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Kpis;

/// <summary>The closed loop (marts.follow_ups) and key drivers (marts.key_drivers), computed by hand.</summary>
public sealed class VoiceMartTests : IDisposable
{
    private readonly ModelFixture _warehouse = new("follow_up: { detractor: 48h, negative_review: 24h }\n");

    public void Dispose() => _warehouse.Dispose();

    private void Review(string id, string at, int? rating, string? text, string? repliedAt = null) =>
        _warehouse.Insert("reviews__reviews", $"""
            SELECT '{id}' AS review_id, 'google' AS platform, 'LDN' AS location_id, {(rating is null ? "NULL" : rating)}::INTEGER AS rating,
                {(text is null ? "NULL" : $"'{text}'")} AS text, 'en' AS language, TIMESTAMPTZ '{at}' AS posted_at,
                {(repliedAt is null ? "NULL" : "'Sorry'")} AS reply_text,
                {(repliedAt is null ? "NULL::TIMESTAMPTZ" : $"TIMESTAMPTZ '{repliedAt}'")} AS replied_at
            """);

    private void Survey(string id, string at, int nps, string? comment, int? csat = null) =>
        _warehouse.Insert("surveys__responses", $"""
            SELECT '{id}' AS response_id, TIMESTAMPTZ '{at}' AS responded_at, 'IP Address' AS status,
                true AS is_finished, {nps}::INTEGER AS nps_score, {(csat is null ? "NULL" : csat)}::INTEGER AS csat_score,
                'MAN' AS location_id, 'en' AS language, {(comment is null ? "NULL" : $"'{comment}'")} AS comment
            """);

    [Fact]
    public void FollowUps_DetractorsAndNegativeReviews_WithOwnerDeadlineAndStatus()
    {
        Review("r1", "2026-11-01 10:00:00+00", 1, "Awful, rude staff", "2026-11-01 20:00:00+00");   // answered in time
        Review("r2", "2026-11-02 10:00:00+00", 2, "Late and expensive", "2026-11-04 10:00:00+00");  // answered late
        Review("r3", "2026-11-03 10:00:00+00", 1, "Never again");                                    // overdue
        Review("r4", "2026-11-05 09:00:00+00", 5, "Lovely");                                         // not a follow-up
        Review("r5", "2026-11-05 08:00:00+00", null, "Terrible, the worst studio");                  // no rating, negative: open
        Survey("s1", "2026-11-01 09:00:00+00", 3, "Slow delivery");                                  // detractor, overdue
        Survey("s2", "2026-11-04 12:00:00+00", 6, null);                                             // detractor, open
        Survey("s3", "2026-11-05 10:00:00+00", 9, null, csat: 5);                                    // promoter: none

        _warehouse.Build();

        var rows = _warehouse.Rows("""
            SELECT follow_up_id, kind, status, owner, owner_type, strftime(due_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M'),
                coalesce(answered_late, false)
            FROM marts.follow_ups ORDER BY follow_up_id
            """).Select(r => string.Join(' ', r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).ToList();
        Assert.Equal([
            "review:r1 negative_review answered LDN location 2026-11-02 10:00 False",
            "review:r2 negative_review answered LDN location 2026-11-03 10:00 True",
            "review:r3 negative_review overdue LDN location 2026-11-04 10:00 False",
            "review:r5 negative_review open LDN location 2026-11-06 08:00 False",
            "survey:s1 detractor overdue MAN location 2026-11-03 09:00 False",
            "survey:s2 detractor open MAN location 2026-11-06 12:00 False",
        ], rows);
        // as of the latest instant held: the promoter's response at 2026-11-05 10:00
        Assert.Equal(new DateTime(2026, 11, 5, 10, 0, 0), _warehouse.Scalar<DateTime>(
            "SELECT max(as_of_at AT TIME ZONE 'UTC') FROM marts.follow_ups"));
    }

    [Fact]
    public void KeyDrivers_TopicEffectOnNps_WithAWelchInterval()
    {
        // Comments mentioning price: NPS scores 0, 2, 10 (x = -100, -100, 100); not mentioning: 10, 9, 8, 7
        // (100, 100, 0, 0). Effect = -33.3 - 50 = -83.3; frequency 3/7.
        var day = 1;
        foreach (var (nps, comment) in new[] { (0, "Far too expensive"), (2, "The price was a shock"),
                     (10, "Worth the price"), (10, "Lovely photos"), (9, "Great team"), (8, "Nice studio"),
                     (7, "Good photos") })
        {
            Survey($"s{day}", $"2026-11-{day++:00} 10:00:00+00", nps, comment);
        }

        _warehouse.Build();

        var row = _warehouse.Rows("""
            SELECT responses_with, responses, frequency, nps_effect, nps_effect_low, nps_effect_high, impact_rank
            FROM marts.key_drivers
            WHERE period_grain = 'month' AND unit = 'all' AND driver = 'price'
            """).Single().Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();
        var margin = 1.96 * Math.Sqrt(13333.333333 / 3 + 3333.333333 / 4); // sample variances 40000/3, 10000/3
        Assert.Equal(3, row[0]);
        Assert.Equal(7, row[1]);
        Assert.Equal(3.0 / 7, row[2], 9);
        Assert.Equal(-100.0 / 3 - 50, row[3], 6);
        Assert.Equal(Math.Max(-200, -100.0 / 3 - 50 - margin), row[4], 3);
        Assert.Equal(-100.0 / 3 - 50 + margin, row[5], 3);
        Assert.Equal(1, row[6]);
    }
}
