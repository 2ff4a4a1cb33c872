using System.Text;
using CxWarehouse.TestSupport;

namespace CxWarehouse.Text.Tests;

/// <summary>The trained models shipped in the program, and the analyser that combines them with the lexicon.</summary>
public sealed class SentimentModelTests
{
    private static readonly SentimentAnalyzer s_analyzer = SentimentAnalyzer.Default;

    [Fact]
    public void Default_HasAModelForEveryLanguage_SmallEnoughToShip()
    {
        Assert.Equal(["en", "pt", "zh"], s_analyzer.ModelLanguages.Order(StringComparer.Ordinal));
        var folder = Path.Combine(RepoPaths.Root, "etl", "CxWarehouse.Text", "Lexicons");
        var bytes = Directory.EnumerateFiles(folder, "model-*.tsv").Sum(f => new FileInfo(f).Length);
        Assert.InRange(bytes, 1, 4_000_000);
    }

    [Theory]
    [InlineData("The staff weren't helpful.", "en", -1)]
    [InlineData("There were no problems at all.", "en", 1)]
    [InlineData("not good", "en", -1)]
    [InlineData("Great photographer, lovely photos!", "en", 1)]
    [InlineData("não foi bom", "pt", -1)]
    [InlineData("Atendimento otimo, nao tenho do que reclamar", "pt", 1)]
    [InlineData("O produto chegou quebrado e ninguém respondeu", "pt", -1)]
    [InlineData("不满意", "zh", -1)]
    [InlineData("没有问题", "zh", 1)]
    [InlineData("一点都不专业", "zh", -1)]
    [InlineData("摄影师很专业，照片拍得很好看。", "zh", 1)]
    public void Analyze_KeepsTheSignOfNegationAndPlainOpinions(string text, string language, int sign)
    {
        Assert.Equal(sign, Math.Sign(s_analyzer.Analyze(text, language).Score));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("qwxz zzkv")]
    public void Analyze_NothingKnown_IsNeutral(string text)
    {
        Assert.Equal(SentimentResult.Neutral, s_analyzer.Analyze(text, "en").Label);
    }

    [Fact]
    public void Features_MarkWordsAfterANegatorAndPairHanCharacters()
    {
        var english = SentimentModel.Features("It was not good. Good!", "en");
        Assert.Contains("w:!good", english);
        Assert.Contains("w:good", english);
        Assert.Contains("b:not good", english);
        Assert.Contains("p:!", english);
        var chinese = SentimentModel.Features("不好吃", "zh");
        Assert.Contains("h:不好", chinese);
        Assert.Contains("h:吃", chinese);
    }

    [Fact]
    public void Model_WrittenAndReadBack_ScoresTheSame()
    {
        var texts = new List<LabelledText>();
        for (var i = 0; i < 40; i++)
        {
            texts.Add(new LabelledText("a", true, $"lovely helpful staff {i}"));
            texts.Add(new LabelledText("a", false, $"rude slow staff {i}"));
        }
        var model = new SentimentTrainer { MinCount = 1 }.Train("en", texts, SentimentAnalyzer.LexiconOnly);
        var written = new StringWriter();
        model.Write(written);
        var read = SentimentModel.Read(new StringReader(written.ToString()), "test");

        Assert.Equal(model.Logit("rude staff", 0), read.Logit("rude staff", 0));
        Assert.True(read.Logit("rude staff", 0) < 0);
        Assert.True(read.Logit("lovely staff", 0) > 0);
        Assert.Throws<InvalidDataException>(() => SentimentModel.Read(new StringReader("w:x\t1"), "bad"));
    }

    /// <summary>Reproducible training: the English model trained again from the public texts is the shipped file,
    /// byte for byte (the Chinese one is trained the same way, on 64,000 texts; too slow for every test run).</summary>
    [SharedTextFact]
    public void TrainShipped_English_ReproducesTheShippedFile()
    {
        var corpus = new SentimentCorpus(SharedTextFactAttribute.TextDirectory, null, SentimentCorpus.TestFileTexts(
            Path.Combine(RepoPaths.Root, "tests", "CxWarehouse.Text.Tests", "Public"),
            Path.Combine(RepoPaths.Root, "tests", "CxWarehouse.Text.Tests", "Labelled")));
        var written = new StringWriter();
        new SentimentTrainer().TrainShipped("en", corpus.Read("en"), written);

        var shipped = File.ReadAllText(Path.Combine(RepoPaths.Root, "etl", "CxWarehouse.Text", "Lexicons",
            "model-en.tsv"), Encoding.UTF8);
        Assert.Equal(shipped, written.ToString());
    }
}

/// <summary>A fact over the labelled public texts in <c>shared/realdata/text</c> beside the repository; skipped,
/// saying where it looked, when they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedTextFactAttribute : FactAttribute
{
    public SharedTextFactAttribute()
    {
        if (!File.Exists(Path.Combine(TextDirectory, "en-yelp_labelled.txt")))
        {
            Skip = $"the labelled public texts are not at {TextDirectory} (shared/ beside the repository or its clone origin, or CXW_SHARED)";
        }
    }

    public static string TextDirectory { get; } = Path.Combine(RepoPaths.RealData, "text");
}
