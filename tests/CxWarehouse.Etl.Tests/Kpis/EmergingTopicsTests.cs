using System.Globalization;
using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Kpis;

/// <summary>marts.emerging_topics on constructed months whose counts, z and p-values are worked out here.</summary>
public sealed class EmergingTopicsTests : IDisposable
{
    private const string Blurry = "The photos were blurry";
    private const string Rude = "Rude receptionist at the front desk";
    private const string Fine = "Got a parking fine outside the studio";

    private readonly ModelFixture _warehouse = new();
    private int _next;

    public void Dispose() => _warehouse.Dispose();

    private void Reviews(string month, int rating, string text, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = ++_next;
            _warehouse.Insert("reviews__reviews", $"""
                SELECT 'r{id}' AS review_id, 'google' AS platform, 'LDN' AS location_id, {rating}::INTEGER AS rating,
                    '{text}' AS text, 'en' AS language,
                    TIMESTAMPTZ '{month}-{1 + id % 27:00} 12:00:00+00' AS posted_at
                """);
        }
    }

    /// <summary>
    /// Baseline (Aug-Oct): 30 one-star reviews, 15 about blurry photos, 14 about a rude receptionist, one about
    /// parking. November: 20 one-star reviews, 6 about a parking fine, 7 and 7 of the old complaints, and 10
    /// five-star reviews praising the parking, which are not negative feedback and must not count.
    /// </summary>
    private void Build()
    {
        foreach (var month in new[] { "2026-08", "2026-09", "2026-10" })
        {
            Reviews(month, 1, Blurry, 5);
            Reviews(month, 1, Rude, month == "2026-09" ? 4 : 5);
        }
        Reviews("2026-09", 2, "Parking was impossible nearby", 1);
        Reviews("2026-11", 1, Fine, 6);
        Reviews("2026-11", 1, Blurry, 7);
        Reviews("2026-11", 1, Rude, 7);
        Reviews("2026-11", 5, "Easy parking, lovely studio", 10);
        _warehouse.Build();
    }

    private Dictionary<string, object?[]> November(string unit) => _warehouse.Rows("""
            SELECT term, mentions, negative_texts, baseline_mentions, baseline_texts, share, baseline_share, z, p_value,
                is_tested, is_emerging
            FROM marts.emerging_topics
            WHERE period_grain = 'month' AND period_start = DATE '2026-11-01' AND unit = $1
            """, unit).ToDictionary(r => (string)r[0]!);

    [Fact]
    public void NewComplaint_RisesSignificantly_OldOnesDoNot()
    {
        Build();

        var rows = November("all");
        var parking = rows["parking"];
        Assert.Equal(6L, Convert.ToInt64(parking[1], CultureInfo.InvariantCulture));      // praise is not counted
        Assert.Equal(20L, Convert.ToInt64(parking[2], CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(parking[3], CultureInfo.InvariantCulture));
        Assert.Equal(30L, Convert.ToInt64(parking[4], CultureInfo.InvariantCulture));
        var z = PooledZ(6, 20, 1, 30);                                                     // 2.662
        Assert.Equal(z, (double)parking[7]!, 9);
        Assert.Equal(UpperTail(z), (double)parking[8]!, 6);
        Assert.True((bool)parking[10]!);
        // The phrase and its other words: never in the baseline, so z from a zero baseline share.
        foreach (var term in new[] { "parking fine", "outside", "studio" })
        {
            Assert.True((bool)rows[term][10]!, term);
            Assert.Equal(PooledZ(6, 20, 0, 30), (double)rows[term][7]!, 9);
        }
        // The old complaints were mentioned by a smaller share than before: tested, not emerging, z below 0.
        foreach (var term in new[] { "photos", "receptionist", "rude receptionist", "front desk" })
        {
            Assert.True((bool)rows[term][9]!, term);
            Assert.False((bool)rows[term][10]!, term);
            Assert.True((double)rows[term][7]! < 0, term);
        }
        Assert.Equal(PooledZ(7, 20, 15, 30), (double)rows["photos"][7]!, 9);
        // A sentiment word alone names nothing: "fine" and "rude" are only parts of phrases.
        Assert.False(rows.ContainsKey("fine"));
        Assert.False(rows.ContainsKey("rude"));
        // The location's rows are the same texts here.
        Assert.Equal(z, (double)November("LDN")["parking"][7]!, 9);
    }

    [Fact]
    public void FirstMonth_HasNoBaseline_SoNothingIsTested()
    {
        Build();

        var august = _warehouse.Rows("""
            SELECT term, is_tested, is_emerging, baseline_texts FROM marts.emerging_topics
            WHERE period_grain = 'month' AND period_start = DATE '2026-08-01' AND unit = 'all'
            """);
        Assert.Contains(august, r => (string)r[0]! == "photos");
        Assert.All(august, r => Assert.False((bool)r[1]!));
        Assert.All(august, r => Assert.False((bool)r[2]!));
        // A term with fewer than 5 negative mentions in the period has no row.
        Assert.Empty(_warehouse.Rows("SELECT * FROM marts.emerging_topics WHERE term = 'impossible nearby'"));
    }

    [Fact]
    public void ManyTerms_OnlyThosePassingTheFalseDiscoveryRateAreEmerging()
    {
        Build();

        // Benjamini-Hochberg at 5%: the emerging terms of a period are exactly the first k by p-value where k is
        // the largest rank with p <= 0.05 k / m.
        var rows = November("all").Values.Where(r => r[8] is double).OrderBy(r => (double)r[8]!).ToList();
        var m = rows.Count;
        var k = 0;
        for (var i = 0; i < m; i++)
        {
            if ((double)rows[i][8]! <= 0.05 * (i + 1) / m)
            {
                k = i + 1;
            }
        }
        var expected = rows.Take(k).Select(r => (string)r[0]!).Order(StringComparer.Ordinal).ToList();
        var emerging = rows.Where(r => (bool)r[10]!).Select(r => (string)r[0]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, emerging);
        Assert.Equal(5, emerging.Count);   // parking, parking fine, outside, fine outside, studio
    }

    private static double PooledZ(double x1, double n1, double x0, double n0)
    {
        var pooled = (x1 + x0) / (n1 + n0);
        return (x1 / n1 - x0 / n0) / Math.Sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
    }

    /// <summary>P(Z >= z) for a standard normal Z, by Simpson's rule over [z, z + 12].</summary>
    private static double UpperTail(double z)
    {
        const int steps = 200_000;
        var h = 12.0 / steps;
        double Density(double x) => Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
        var sum = Density(z) + Density(z + 12);
        for (var i = 1; i < steps; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * Density(z + i * h);
        }
        return sum * h / 3;
    }
}
