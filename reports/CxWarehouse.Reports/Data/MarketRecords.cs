namespace CxWarehouse.Reports.Data;

/// <summary>One emerging term of <c>marts.emerging_topics</c> (all units) in the report period or its month.</summary>
internal sealed record EmergingTopicRecord(
    string Grain,
    DateOnly PeriodStart,
    string Term,
    long? Mentions,
    long? NegativeTexts,
    double? Share,
    double? BaselineShare,
    double? Z,
    double? PValue,
    string Example);

/// <summary>One business (the business itself or a competitor) of <c>marts.competitor_benchmark</c>, one unit.</summary>
internal sealed record CompetitorRecord(
    DateOnly PeriodStart,
    string Unit,
    string Business,
    bool IsOwn,
    long? Reviews,
    double? MeanRating,
    double? ShareNegative,
    double? MeanSentiment,
    double? ResponseRate,
    string TopTopics,
    double? RatingVsOwn,
    long? RatingRank,
    long? Businesses,
    bool IsLowSample);
