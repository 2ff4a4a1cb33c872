namespace CxWarehouse.Text;

/// <summary>
/// The sentiment of one text (docs/kpi-definitions.md, review sentiment): <paramref name="Score"/> in [-1, 1];
/// <paramref name="Label"/> is <c>positive</c> above 0.05, <c>negative</c> below -0.05, else <c>neutral</c>;
/// <paramref name="Language"/> is the lexicon used (<c>en</c>, <c>zh</c> or <c>pt</c>), given or detected.
/// </summary>
public sealed record SentimentResult(double Score, string Label, string Language)
{
    public const string Positive = "positive";
    public const string Negative = "negative";
    public const string Neutral = "neutral";

    /// <summary>The label the KPI definition gives a score.</summary>
    public static string LabelOf(double score) => score > 0.05 ? Positive : score < -0.05 ? Negative : Neutral;
}
