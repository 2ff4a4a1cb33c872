using System.Globalization;
using CxWarehouse.TestSupport;
using DuckDB.NET.Data;
using Xunit.Abstractions;

namespace CxWarehouse.Text.Tests;

/// <summary>
/// Two-class accuracy of <see cref="SentimentAnalyzer"/>: the label predicted is the sign of the score, and a
/// neutral score counts as wrong. Three kinds of labelled text:
/// <list type="bullet">
/// <item>hand-written reviews in <c>Labelled/{language}.tsv</c>, which the lexicons were written against;</item>
/// <item>public labelled sets in <c>Public/{language}-{dev,test}.tsv</c> (sources and split in the README
/// there): the analyser may be tuned on the <c>dev</c> half only, and the <c>test</c> half is the held-out figure;</item>
/// <item>real Brazilian e-commerce reviews (Olist) read from <c>shared/realdata</c> beside the repository at test
/// time, never copied in, split by review id into a tuning and an evaluation half.</item>
/// </list>
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
        var texts = Read(Path.Combine("Labelled", language + ".tsv"));
        Assert.True(texts.Count >= MinimumTexts, $"{language}: {texts.Count} labelled texts, want {MinimumTexts}+");

        var accuracy = Measure($"{language} hand-written", texts, language);

        Assert.True(accuracy >= MinimumAccuracy, $"{language}: accuracy {accuracy:0.000} < {MinimumAccuracy}");
    }

    /// <summary>The held-out halves of the public sets: nothing in the lexicons was chosen by looking at them.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public void Analyze_PublicSetEvaluationHalf_AtLeast80PercentCorrect(string language)
    {
        var texts = Public(language, "test");

        var accuracy = Measure($"{language} public test", texts, language);

        Assert.True(accuracy >= MinimumAccuracy, $"{language} test: accuracy {accuracy:0.000} < {MinimumAccuracy}");
    }

    /// <summary>The tuning halves, on which the lexicons and rules were improved: reported, and held to the same bar.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public void Analyze_PublicSetTuningHalf_AtLeast80PercentCorrect(string language)
    {
        var texts = Public(language, "dev");

        var accuracy = Measure($"{language} public dev", texts, language);

        Assert.True(accuracy >= MinimumAccuracy, $"{language} dev: accuracy {accuracy:0.000} < {MinimumAccuracy}");
    }

    /// <summary>Portuguese texts written and labelled by hand after the lexicons were tuned, and never used to tune
    /// them (no public Portuguese set with a redistribution licence could be fetched; see Public/README.md).</summary>
    [Fact]
    public void Analyze_PortugueseHandWrittenHeldOut_AtLeast80PercentCorrect()
    {
        var texts = Read(Path.Combine("Labelled", "pt-heldout.tsv"));
        Assert.Equal(125, texts.Count(t => t.Label == SentimentResult.Positive));
        Assert.Equal(125, texts.Count(t => t.Label == SentimentResult.Negative));

        var accuracy = Measure("pt hand-written held-out", texts, "pt");

        Assert.True(accuracy >= MinimumAccuracy, $"pt held-out: accuracy {accuracy:0.000} < {MinimumAccuracy}");
    }

    /// <summary>
    /// Olist reviews with a comment, score 1-2 negative and 4-5 positive (3 skipped). A review whose id ends in an
    /// even hex digit is in the tuning half, odd in the evaluation half.
    /// </summary>
    [OlistTheory]
    [InlineData("tuning")]
    [InlineData("evaluation")]
    public void Analyze_OlistReviews_AtLeast80PercentCorrect(string half)
    {
        var texts = Olist(half == "tuning");
        Assert.True(texts.Count >= MinimumTexts, $"olist {half}: {texts.Count} reviews, want {MinimumTexts}+");

        var accuracy = Measure($"pt olist {half}", texts, "pt");

        Assert.True(accuracy >= MinimumAccuracy, $"olist {half}: accuracy {accuracy:0.000} < {MinimumAccuracy}");
    }

    /// <summary>
    /// The goals of issue 17 (balanced accuracy: English 0.92, Chinese 0.90, Portuguese 0.90) on the held-out sets
    /// in reach of a test: the evaluation halves of the public sets (never trained or tuned on; for English and
    /// Chinese the rest of their source file is in the model's training set, so these are in-domain figures), the
    /// Olist evaluation half (never trained on) and the Portuguese hand-written held-out texts (another domain).
    /// Held-out-domain figures come from <c>cxw train-sentiment --evaluate</c> (README).
    /// </summary>
    [Theory]
    [InlineData("en public test", 0.92)]
    [InlineData("zh public test", 0.90)]
    [InlineData("pt hand-written held-out", 0.90)]
    public void Analyze_HeldOutSets_MeetTheGoals(string set, double goal)
    {
        var texts = set switch
        {
            "en public test" => Public("en", "test"),
            "zh public test" => Public("zh", "test"),
            _ => Read(Path.Combine("Labelled", "pt-heldout.tsv")),
        };

        var balanced = BalancedAccuracy(set, texts, set[..2]);

        Assert.True(balanced >= goal - 1e-9, $"{set}: balanced accuracy {balanced:0.000} < {goal}");
    }

    [OlistTheory]
    [InlineData("evaluation")]
    public void Analyze_OlistEvaluationHalf_MeetsThePortugueseGoal(string half)
    {
        var balanced = BalancedAccuracy($"pt olist {half}", Olist(tuning: false), "pt");

        Assert.True(balanced >= 0.90, $"olist {half}: balanced accuracy {balanced:0.000} < 0.90");
    }

    private double BalancedAccuracy(string name, List<(string Label, string Text)> texts, string language)
    {
        var figures = SentimentFigures.Measure(name,
            texts.Select(t => new LabelledText(name, t.Label == SentimentResult.Positive, t.Text)),
            text => SentimentAnalyzer.Default.Analyze(text, language).Label);
        output.WriteLine(figures.ToString());
        return figures.BalancedAccuracy;
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    [InlineData("pt")]
    public void DetectLanguage_LabelledReviews_FindsTheirLanguage(string language)
    {
        var texts = Read(Path.Combine("Labelled", language + ".tsv"));

        var detected = texts.Count(t => SentimentAnalyzer.DetectLanguage(t.Text) == language);

        output.WriteLine(FormattableString.Invariant($"{language}: detected {detected}/{texts.Count}"));
        Assert.True(detected >= texts.Count * 0.97, $"{language}: detected {detected}/{texts.Count}");
    }

    [Theory]
    [InlineData("en", "dev")]
    [InlineData("en", "test")]
    [InlineData("zh", "dev")]
    [InlineData("zh", "test")]
    public void PublicSets_AreBalancedAndLargeEnough(string language, string half)
    {
        var texts = Public(language, half);

        Assert.Equal(125, texts.Count(t => t.Label == SentimentResult.Positive));
        Assert.Equal(125, texts.Count(t => t.Label == SentimentResult.Negative));
        Assert.Empty(texts.Select(t => t.Text).Intersect(Public(language, half == "dev" ? "test" : "dev").Select(t => t.Text)));
    }

    private static List<(string Label, string Text)> Public(string language, string half) =>
        Read(Path.Combine("Public", $"{language}-{half}.tsv"));

    /// <summary>Scores every text, prints accuracy, counts and each misclassified text, and returns the accuracy.</summary>
    private double Measure(string name, List<(string Label, string Text)> texts, string language)
    {
        var wrong = new List<string>();
        foreach (var (label, text) in texts)
        {
            var result = SentimentAnalyzer.Default.Analyze(text, language);
            if (result.Label != label)
            {
                wrong.Add(FormattableString.Invariant($"  {label,-8} {result.Score,6:0.000}  {text.ReplaceLineEndings(" ")}"));
            }
        }
        var accuracy = 1.0 - (double)wrong.Count / texts.Count;
        var positives = texts.Count(t => t.Label == SentimentResult.Positive);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: accuracy {accuracy:0.000} ({texts.Count - wrong.Count}/{texts.Count}), "
            + $"{positives} positive, {texts.Count - positives} negative"));
        output.WriteLine("misclassified (expected, score, text):");
        wrong.ForEach(output.WriteLine);
        return accuracy;
    }

    private static List<(string Label, string Text)> Read(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, relativePath);
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

    private static List<(string Label, string Text)> Olist(bool tuning)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT review_id, review_score, review_comment_message
            FROM read_csv('{OlistTheoryAttribute.ReviewsPath.Replace("'", "''", StringComparison.Ordinal)}',
                header = true, all_varchar = true)
            WHERE trim(coalesce(review_comment_message, '')) <> '' AND review_score IN ('1', '2', '4', '5')
            ORDER BY review_id
            """;
        using var reader = command.ExecuteReader();
        var texts = new List<(string, string)>();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            var even = int.Parse(id[^1..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) % 2 == 0;
            if (even == tuning)
            {
                var label = reader.GetString(1) is "4" or "5" ? SentimentResult.Positive : SentimentResult.Negative;
                texts.Add((label, reader.GetString(2)));
            }
        }
        return texts;
    }
}

/// <summary>A theory over the real Olist reviews in <c>shared/realdata/olist</c> beside the repository; skipped,
/// saying where it looked, when that file is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OlistTheoryAttribute : TheoryAttribute
{
    public OlistTheoryAttribute()
    {
        if (!File.Exists(ReviewsPath))
        {
            Skip = $"the real Olist reviews are not at {ReviewsPath} (shared/ beside the repository or its clone origin, or CXW_SHARED)";
        }
    }

    public static string ReviewsPath { get; } = Path.Combine(RepoPaths.RealData, "olist",
        "olist_order_reviews_dataset.csv");
}
