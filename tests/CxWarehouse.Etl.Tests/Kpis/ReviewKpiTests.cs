using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Kpis;

/// <summary>Review KPIs computed by hand, and periods cut in the reporting time zone across a DST change.</summary>
public sealed class ReviewKpiTests : IDisposable
{
    private readonly ModelFixture _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private static void Review(ModelFixture warehouse, string id, string at, int rating, string? text = null,
        string? repliedAt = null, string platform = "google", string location = "LDN") =>
        warehouse.Insert("reviews__reviews", $"""
            SELECT '{id}' AS review_id, '{platform}' AS platform, '{location}' AS location_id, {rating} AS rating,
                {(text is null ? "NULL" : $"'{text}'")} AS text, 'en' AS language, TIMESTAMPTZ '{at}' AS posted_at,
                {(repliedAt is null ? "NULL" : "'Thank you'")} AS reply_text,
                {(repliedAt is null ? "NULL::TIMESTAMPTZ" : $"TIMESTAMPTZ '{repliedAt}'")} AS replied_at
            """);

    [Fact]
    public void ReviewKpis_RatingSharesRepliesAndSentiment()
    {
        Review(_warehouse, "v1", "2026-11-02 10:00:00+00", 5, "Wonderful photos, very friendly staff", "2026-11-02 14:00:00+00");
        Review(_warehouse, "v2", "2026-11-03 10:00:00+00", 4, null, "2026-11-04 10:00:00+00");
        Review(_warehouse, "v3", "2026-11-04 10:00:00+00", 2, "Terrible service, rude and slow", platform: "dianping", location: "SHA");
        Review(_warehouse, "v4", "2026-11-05 10:00:00+00", 1, "Awful. Never again.", "2026-11-07 10:00:00+00");
        Review(_warehouse, "v5", "2026-11-06 10:00:00+00", 3);

        _warehouse.Build();

        Assert.Equal(3.0, _warehouse.Kpi("review_rating", "week", "2026-11-02")!.Value);          // 15 / 5
        Assert.Equal(40.0, _warehouse.Kpi("review_positive_pct", "week", "2026-11-02")!.Value);   // v1, v2
        Assert.Equal(40.0, _warehouse.Kpi("review_negative_pct", "week", "2026-11-02")!.Value);   // v3, v4
        Assert.Equal(60.0, _warehouse.Kpi("review_response_rate", "week", "2026-11-02")!.Value);  // v1, v2, v4
        Assert.Equal(24.0, _warehouse.Kpi("review_response_time_h", "week", "2026-11-02")!.Value); // median of 4, 24, 48
        Assert.Equal(2.0, _warehouse.Kpi("review_rating", "week", "2026-11-02", "platform", "dianping")!.Value);
        Assert.Equal(2.0, _warehouse.Kpi("review_rating", "week", "2026-11-02", "location", "SHA")!.Value);
        var sentiment = _warehouse.Kpi("review_sentiment", "week", "2026-11-02")!;
        Assert.Equal(3, sentiment.N); // reviews with text only
        var scores = _warehouse.Rows("SELECT sentiment_score FROM core.fct_reviews WHERE review_text IS NOT NULL")
            .Select(r => Convert.ToDouble(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.Average(), sentiment.Value!.Value, 9);
        Assert.True(sentiment.Value < 0); // two strongly negative of three
    }

    [Fact]
    public void Periods_AreCutInTheReportingTimeZone_AcrossTheSpringForwardNight()
    {
        // Europe/London moves to BST at 01:00 UTC on Sunday 2026-03-29. 23:30 UTC that Sunday is 00:30 on Monday
        // 03-30 in London: ISO week 14, not 13. 00:30 UTC on the Sunday is still 00:30 GMT on the Sunday: week 13.
        using var london = new ModelFixture(timeZone: "Europe/London");
        Review(london, "v1", "2026-03-29 00:30:00+00", 5);
        Review(london, "v2", "2026-03-29 23:30:00+00", 1);
        Review(london, "v3", "2026-03-31 23:30:00+00", 3); // 00:30 BST on 1 April: April, not March

        london.Build();

        Assert.Equal(5.0, london.Kpi("review_rating", "week", "2026-03-23")!.Value);
        Assert.Equal(2.0, london.Kpi("review_rating", "week", "2026-03-30")!.Value);
        Assert.Equal(3.0, london.Kpi("review_rating", "month", "2026-03-01")!.Value);
        Assert.Equal(3.0, london.Kpi("review_rating", "month", "2026-04-01")!.Value);
        Assert.Equal(2, london.Kpi("review_rating", "month", "2026-03-01")!.N);
    }

    [Fact]
    public void NoSources_GiveAnEmptyKpiMart_NotAnError()
    {
        _warehouse.Build();

        Assert.Equal(0L, _warehouse.Scalar<long>("SELECT count(*) FROM marts.kpi_values"));
        Assert.True(_warehouse.Scalar<long>("SELECT count(*) FROM marts.kpi_registry") >= 29);
    }
}
