using CxWarehouse.Generator.Catalog;
using CxWarehouse.Generator.Core;
using CxWarehouse.Generator.Output;
using CxWarehouse.Generator.Sinks;

namespace CxWarehouse.Generator.Simulation;

/// <summary>Everything persons share: options, sinks, id sequences, arrival distribution, campaigns.</summary>
internal sealed class SimulationContext
{
    // Month weights (Jan..Dec) of first contact by segment: weddings are planned in winter and spring
    // for May-September shoots, corporate events peak before summer and Christmas, portraits in Nov-Dec.
    private static readonly double[][] s_season =
    [
        [1.5, 1.6, 1.5, 1.3, 1.0, 0.8, 0.7, 0.7, 0.8, 0.9, 0.8, 1.2],
        [0.8, 0.9, 1.0, 1.0, 1.1, 1.1, 0.9, 0.7, 1.0, 1.1, 1.3, 1.2],
        [0.7, 0.7, 0.8, 0.8, 0.9, 0.8, 0.8, 0.8, 0.9, 1.1, 1.7, 1.7],
    ];

    private static readonly double[] s_segmentShare = [0.3, 0.25, 0.45];

    private readonly double[] _arrivalCdf;

    public SimulationContext(GeneratorOptions options, OutputSet output)
    {
        Options = options;
        Seed = options.Seed;
        Cutoff = options.End.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        PersonCount = Math.Max(1, (int)Math.Round(4000 * options.Scale));
        Output = output;

        var days = options.End.DayNumber - options.Start.DayNumber + 1;
        _arrivalCdf = new double[days];
        var total = 0.0;
        for (var d = 0; d < days; d++)
        {
            var day = options.Start.AddDays(d);
            var weight = 0.0;
            for (var s = 0; s < 3; s++)
            {
                weight += s_segmentShare[s] * s_season[s][day.Month - 1];
            }

            weight *= day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.85 : 1.0;
            weight *= 1.0 + (0.25 * d / days); // the business grows
            total += weight;
            _arrivalCdf[d] = total;
        }

        for (var d = 0; d < days; d++)
        {
            _arrivalCdf[d] /= total;
        }

        var s16 = (long)(uint)Seed % 50_000;
        ContactIds = new IdCounter("003", 40_000_000_000L + (s16 * 1000));
        OpportunityIds = new IdCounter("006", 41_000_000_000L + (s16 * 1000));
        CaseIds = new IdCounter("500", 42_000_000_000L + (s16 * 1000));
        LoyaltyIds = new IdCounter("0lM", 43_000_000_000L + (s16 * 1000));
        NextCaseNumber = 1001;
        NextMembership = 10_000_000 + (s16 * 7);
        NextAsteriskSequence = 100 + (s16 % 900);
        NextDianpingReviewId = 8_800_000_000L + (s16 * 10_000);
        PhoneTagOffset = (long)(Prng.For(Seed, 0x9403, 0).NextUInt64() % 10_000_000);
        Campaigns = new CampaignPlanner(options);
    }

    public GeneratorOptions Options { get; }

    public int Seed { get; }

    /// <summary>Midnight UTC after the last day; nothing at or after it is exported.</summary>
    public DateTime Cutoff { get; }

    public int PersonCount { get; }

    public OutputSet Output { get; }

    public CampaignPlanner Campaigns { get; }

    public IdCounter ContactIds { get; }

    public IdCounter OpportunityIds { get; }

    public IdCounter CaseIds { get; }

    public IdCounter LoyaltyIds { get; }

    public long NextCaseNumber { get; set; }

    public long NextMembership { get; set; }

    public long NextAsteriskSequence { get; set; }

    public long NextDianpingReviewId { get; set; }

    public long PhoneTagOffset { get; }

    public TouchpointCounts Touchpoints { get; } = new();

    public required CrmSink Crm { get; init; }

    public required WebSink Web { get; init; }

    public required ConnectSink Connect { get; init; }

    public required AsteriskSink Asterisk { get; init; }

    public required QualtricsSink Surveys { get; init; }

    public required GoogleReviewSink Google { get; init; }

    public required DianpingSink Dianping { get; init; }

    public required TruthSink Truth { get; init; }

    /// <summary>Arrival day for a quantile in [0, 1): inverse of the seasonal arrival distribution.</summary>
    public DateOnly ArrivalDay(double quantile)
    {
        var index = Array.BinarySearch(_arrivalCdf, quantile);
        if (index < 0)
        {
            index = ~index;
        }

        return Options.Start.AddDays(Math.Min(index, _arrivalCdf.Length - 1));
    }

    /// <summary>Segment for a person arriving in a month: share times that month's seasonality.</summary>
    public static Segment SegmentFor(int month, Prng rng)
    {
        Span<double> weights = stackalloc double[3];
        for (var s = 0; s < 3; s++)
        {
            weights[s] = s_segmentShare[s] * s_season[s][month - 1];
        }

        return (Segment)rng.PickWeighted(weights);
    }

    /// <summary>A unique 7-digit tag per person (bijective in the index) for phone numbers.</summary>
    public long PhoneTag(int index) => ((index * 7_654_321L) + PhoneTagOffset) % 10_000_000;
}
