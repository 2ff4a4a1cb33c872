using System.Globalization;
using CxWarehouse.Etl.Text;
using Xunit.Abstractions;

namespace CxWarehouse.Etl.Tests.Text;

/// <summary>
/// Two-class accuracy of <see cref="SentimentAnalyzer"/> on hand-written, hand-labelled reviews in
/// <c>Text/Labelled/{language}.tsv</c> (label&lt;TAB&gt;text). The label predicted is the sign of the score;
/// a neutral score counts as wrong.
/// </summary>
public sealed class SentimentAccuracyTests(ITestOutputHelper output)
{
    private const double MinimumAccuracy = 0.80;
    private const int MinimumTexts = 200;

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    [InlineData("pt")]
    public void Analyze_LabelledReviews_AtLeast80PercentCorrect(string language)
    {
        var texts = Labelled(language);
        Assert.True(texts.Count >= MinimumTexts, $"{language}: {texts.Count} labelled texts, want {MinimumTexts}+");

        var wrong = new List<string>();
        foreach (var (label, text) in texts)
        {
            var result = SentimentAnalyzer.Default.Analyze(text, language);
            if (result.Label != label)
            {
                wrong.Add(FormattableString.Invariant($"  {label,-8} {result.Score,6:0.000}  {text}"));
            }
        }
        var accuracy = 1.0 - (double)wrong.Count / texts.Count;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{language}: accuracy {accuracy:0.000} ({texts.Count - wrong.Count}/{texts.Count}), "
            + $"{texts.Count(t => t.Label == SentimentResult.Positive)} positive, "
            + $"{texts.Count(t => t.Label == SentimentResult.Negative)} negative"));
        output.WriteLine("misclassified (expected, score, text):");
        wrong.ForEach(output.WriteLine);
        Assert.True(accuracy >= MinimumAccuracy, $"{language}: accuracy {accuracy:0.000} < {MinimumAccuracy}");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    [InlineData("pt")]
    public void DetectLanguage_LabelledReviews_FindsTheirLanguage(string language)
    {
        var texts = Labelled(language);

        var detected = texts.Count(t => SentimentAnalyzer.DetectLanguage(t.Text) == language);

        output.WriteLine(FormattableString.Invariant($"{language}: detected {detected}/{texts.Count}"));
        Assert.True(detected >= texts.Count * 0.97, $"{language}: detected {detected}/{texts.Count}");
    }

    internal static List<(string Label, string Text)> Labelled(string language)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Text", "Labelled", language + ".tsv");
        var texts = new List<(string, string)>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var label = line[..tab];
            Assert.True(label is SentimentResult.Positive or SentimentResult.Negative, $"bad label in: {line}");
            texts.Add((label, line[(tab + 1)..]));
        }
        return texts;
    }
}
