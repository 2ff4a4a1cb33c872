using System.Globalization;
using CxWarehouse.Etl.Tests.Support;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Transform;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Kpis;

/// <summary>A reviews source marked competitor: its reviews never count as the business's own, and are compared.</summary>
public sealed class CompetitorTests : IDisposable
{
    private readonly ModelFixture _warehouse = new("""
        benchmark: { min_sample: 3 }
        sources:
          - { name: google, profile: google-reviews, path: . }
          - { name: rival_google, profile: google-reviews, path: ., competitor: Rival Studios }
          - { name: rival_dianping, profile: dianping, path: ., competitor: Rival Studios }
          - { name: other, profile: google-reviews, path: ., competitor: Flash Photo }

        """);

    public void Dispose() => _warehouse.Dispose();

    private void Review(string source, string id, string location, int rating, string text, bool replied = false) =>
        DuckDb.Execute(_warehouse.Database, $"""
            INSERT INTO fixture.reviews__reviews BY NAME
            SELECT '{source}' AS _source, '{id}' AS review_id, 'google' AS platform, '{location}' AS location_id,
                {rating}::INTEGER AS rating, '{text}' AS text, 'en' AS language,
                TIMESTAMPTZ '2026-11-{10 + id.Length:00} 10:00:00+00' AS posted_at,
                {(replied ? "'Thank you'" : "NULL")} AS reply_text,
                {(replied ? "TIMESTAMPTZ '2026-11-20 10:00:00+00'" : "NULL::TIMESTAMPTZ")} AS replied_at
            """);

    private void Build()
    {
        // Ours at LDN: 5, 4, 2 (one negative), two replied.
        Review("google", "o1", "LDN", 5, "Lovely photos, friendly staff", replied: true);
        Review("google", "o2", "LDN", 4, "Quick and easy", replied: true);
        Review("google", "o3", "LDN", 2, "The price was too high");
        // Rival Studios from two sites, mapped to LDN: 1, 1, 3, 2 (three negative), none replied.
        Review("rival_google", "c1", "LDN", 1, "Awful, rude staff");
        Review("rival_google", "c2", "LDN", 1, "Terrible, waited two hours");
        Review("rival_dianping", "c3", "LDN", 3, "Okay price");
        Review("rival_dianping", "c4", "LDN", 2, "Expensive and slow");
        // Flash Photo's shop is not mapped to a location of ours: only in 'all'.
        Review("other", "f1", "shop-778", 5, "Great prices", replied: true);
        _warehouse.Build();
    }

    [Fact]
    public void CompetitorReviews_NeverCountAsOurs()
    {
        Build();

        Assert.Equal(["o1", "o2", "o3"], _warehouse.Rows("SELECT review_id FROM core.fct_reviews ORDER BY 1")
            .Select(r => (string)r[0]!));
        Assert.Equal(5L, _warehouse.Scalar<long>("SELECT count(*) FROM core.fct_competitor_reviews"));
        // KPIs: our mean rating (5 + 4 + 2) / 3, not diluted by the rivals' ones.
        Assert.Equal(11.0 / 3, _warehouse.Kpi("review_rating", "month", "2026-11-01")!.Value!.Value, 9);
        // Follow-ups: only our negative review waits for an answer.
        Assert.Equal(["review:o3"], _warehouse.Rows("SELECT follow_up_id FROM marts.follow_ups ORDER BY 1")
            .Select(r => (string)r[0]!));
        // No competitor's reviewer becomes a customer, and its shop is no location of ours.
        Assert.Equal(0L, _warehouse.Scalar<long>(
            "SELECT count(*) FROM intermediate.int_identity_records WHERE record_id LIKE 'c%' OR record_id LIKE 'f%'"));
        Assert.Equal(0L, _warehouse.Scalar<long>("SELECT count(*) FROM core.dim_location WHERE location_id = 'shop-778'"));
        // Voice of the customer: the rivals' "price" mentions are not ours.
        Assert.Equal(1L, _warehouse.Scalar<long>("""
            SELECT mentions FROM marts.voice_of_customer
            WHERE period_grain = 'month' AND location = 'all' AND topic = 'price'
            """));
    }

    [Fact]
    public void OrphanCheck_LeavesACompetitorsPlacesOut()
    {
        Build();
        Review("google", "o4", "shop-999", 4, "Fine");   // one of ours at a place we do not know: an orphan

        var location = OrphanCheck.Run(_warehouse.Database, "run-1", new OrphanSettings())
            .Single(o => o.Relation == "review_location");

        // Flash Photo's shop-778 and the rivals' LDN rows are not checked against our locations; our four are.
        Assert.Equal(4L, location.Rows);
        Assert.Equal(1L, location.Orphans);
    }

    [Fact]
    public void Benchmark_SetsTheBusinessBesideEachCompetitor()
    {
        Build();

        var rows = _warehouse.Rows("""
            SELECT unit, business, is_own, reviews, mean_rating, share_negative, response_rate, rating_vs_own,
                share_negative_vs_own, rating_rank, businesses, is_low_sample
            FROM marts.competitor_benchmark
            WHERE period_grain = 'month' AND period_start = DATE '2026-11-01'
            ORDER BY unit, is_own DESC, business
            """).Select(r => string.Join(' ', r.Select(v => v is double d
                ? d.ToString("0.###", CultureInfo.InvariantCulture)
                : Convert.ToString(v, CultureInfo.InvariantCulture)))).ToList();
        Assert.Equal([
            "LDN fixture True 3 3.667 0.333 0.667 0 0 1 2 False",
            "LDN Rival Studios False 4 1.75 0.75 0 -1.917 0.417 2 2 False",
            "all fixture True 3 3.667 0.333 0.667 0 0 2 3 False",
            "all Flash Photo False 1 5 0 1 1.333 -0.333 1 3 True",
            "all Rival Studios False 4 1.75 0.75 0 -1.917 0.417 3 3 False",
        ], rows);
        var topics = _warehouse.Scalar<string>("""
            SELECT top_topics FROM marts.competitor_benchmark
            WHERE period_grain = 'month' AND unit = 'all' AND business = 'Rival Studios'
            """);
        Assert.StartsWith("price (50%)", topics, StringComparison.Ordinal);
    }
}
