namespace CxWarehouse.Text.Tests;

/// <summary>
/// The lexicon engine's rules (negation, boosters, contrast, emoji, ...), on the lexicon alone: its score is one
/// input of the trained model, which can outweigh a rule on a short phrase, so the rules are pinned here and the
/// combined analyser is held to its accuracy (<see cref="SentimentAccuracyTests"/>) and to the signs in
/// <see cref="SentimentModelTests"/>.
/// </summary>
public sealed class SentimentAnalyzerTests
{
    private static readonly SentimentAnalyzer s_analyzer = SentimentAnalyzer.LexiconOnly;

    private static double Score(string text, string? language = null) => s_analyzer.Analyze(text, language).Score;

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData(null)]
    public void Analyze_EmptyOrBlank_IsZeroNeutral(string? text)
    {
        var result = s_analyzer.Analyze(text, "pt");

        Assert.Equal(new SentimentResult(0, SentimentResult.Neutral, "pt"), result);
        Assert.Equal("en", s_analyzer.Analyze(text).Language);
    }

    [Theory]
    [InlineData("The photos arrived on Tuesday.", "en")]
    [InlineData("As fotos chegaram na terça.", "pt")]
    [InlineData("照片周二到了。", "zh")]
    public void Analyze_FactualText_IsNeutral(string text, string language)
    {
        var result = s_analyzer.Analyze(text, language);

        Assert.Equal(0, result.Score);
        Assert.Equal(SentimentResult.Neutral, result.Label);
    }

    [Theory]
    [InlineData(0.051, "positive")]
    [InlineData(0.05, "neutral")]
    [InlineData(-0.05, "neutral")]
    [InlineData(-0.051, "negative")]
    public void LabelOf_FollowsKpiDefinitionThresholds(double score, string label) =>
        Assert.Equal(label, SentimentResult.LabelOf(score));

    [Fact]
    public void Analyze_ManyStrongWords_StaysWithinMinusOneAndOne()
    {
        var positive = string.Join(' ', Enumerable.Repeat("AMAZING!!! perfect, wonderful 😍😍", 50));
        var negative = string.Join(' ', Enumerable.Repeat("horrible, worst ever 😡 péssimo 垃圾", 50));

        Assert.InRange(Score(positive, "en"), 0.99, 1.0);
        Assert.InRange(Score(negative), -1.0, -0.99);
    }

    [Theory]
    [InlineData("good", "not good", "en")]
    [InlineData("The staff were helpful.", "The staff weren't helpful.", "en")]
    [InlineData("foi bom", "não foi bom", "pt")]
    [InlineData("atendimento educado", "atendimento nada educado", "pt")]
    [InlineData("满意", "不满意", "zh")]
    [InlineData("好", "不好", "zh")]
    [InlineData("专业", "一点都不专业", "zh")]
    public void Analyze_Negation_ReversesPositive(string plain, string negated, string language)
    {
        Assert.True(Score(plain, language) > 0.05);
        Assert.True(Score(negated, language) < -0.05);
    }

    [Theory]
    [InlineData("The photos were bad.", "The photos were not bad.", "en")]
    [InlineData("There were problems.", "There were no problems at all.", "en")]
    [InlineData("tive problemas", "não tive nenhum problema", "pt")]
    [InlineData("有问题", "没有问题", "zh")]
    [InlineData("失望", "从来没让我们失望过", "zh")]
    public void Analyze_NegatedNegative_IsPositive(string plain, string negated, string language)
    {
        Assert.True(Score(plain, language) < -0.05);
        Assert.True(Score(negated, language) > 0.05);
    }

    [Fact]
    public void Analyze_NegationScope_EndsAtTheFirstSentimentWordAndAtPunctuation()
    {
        // "not friendly and rude": rude is not negated; "not good, bad": the comma ends the scope.
        Assert.True(Score("The staff were not friendly and rude", "en") < Score("The staff were not friendly", "en"));
        Assert.True(Score("not good, bad", "en") < Score("not good", "en"));
        // ...but a negation carries over "or".
        Assert.True(Score("not friendly or helpful", "en") < Score("not friendly", "en"));
    }

    [Fact]
    public void Analyze_PortugueseNegativeConcord_DoesNotFlipTwice()
    {
        // "não ... nenhuma resposta" is one negation, not two: still a complaint.
        Assert.True(Score("não recebi nenhuma resposta", "pt") < -0.05);
        Assert.True(Score("não foi nada bom", "pt") < -0.05);
        // Portuguese phrases with their own negation.
        Assert.True(Score("não deixou nada a desejar", "pt") > 0.05);
        Assert.True(Score("deixou a desejar", "pt") < -0.05);
    }

    [Fact]
    public void Analyze_ChineseDoubleNegation_IsPositive()
    {
        Assert.True(Score("不是不好", "zh") > 0.05);
        Assert.True(Score("不好", "zh") < -0.05);
    }

    [Theory]
    [InlineData("friendly", "very friendly", "en")]
    [InlineData("good", "extremely good", "en")]
    [InlineData("bad", "really bad", "en")]
    [InlineData("atenciosos", "muito atenciosos", "pt")]
    [InlineData("lindo", "lindo demais", "pt")]
    [InlineData("满意", "非常满意", "zh")]
    [InlineData("好", "特别好", "zh")]
    [InlineData("贵", "太贵", "zh")]
    [InlineData("贵", "贵死了", "zh")]
    public void Analyze_Intensifier_MovesFurtherFromZero(string plain, string intensified, string language)
    {
        var before = Score(plain, language);
        var after = Score(intensified, language);

        Assert.Equal(Math.Sign(before), Math.Sign(after));
        Assert.True(Math.Abs(after) > Math.Abs(before), $"{intensified}: {after} vs {plain}: {before}");
    }

    [Theory]
    [InlineData("expensive", "a bit expensive", "en")]
    [InlineData("slow", "slightly slow", "en")]
    [InlineData("caro", "um pouco caro", "pt")]
    [InlineData("贵", "有点贵", "zh")]
    public void Analyze_Diminisher_MovesTowardZero(string plain, string diminished, string language)
    {
        var before = Score(plain, language);
        var after = Score(diminished, language);

        Assert.Equal(Math.Sign(before), Math.Sign(after));
        Assert.True(Math.Abs(after) < Math.Abs(before), $"{diminished}: {after} vs {plain}: {before}");
    }

    [Fact]
    public void Analyze_BoosterThatIsAlsoAWord_ActsByPosition()
    {
        // "pretty" boosts before a sentiment word and is praise on its own; "好" likewise in Chinese.
        Assert.True(Score("pretty bad", "en") < -0.05);
        Assert.True(Score("pretty photos", "en") > 0.05);
        Assert.True(Score("好贵", "zh") < Score("贵", "zh"));
        Assert.True(Score("好", "zh") > 0.05);
    }

    [Fact]
    public void Analyze_ChineseLongestMatch_PrefersTheLongerEntry()
    {
        // 不错 (good) is one entry, not 不 (not) + 错 (wrong).
        Assert.True(Score("不错", "zh") > 0.05);
        Assert.True(Score("错", "zh") < -0.05);
        // 差不多 (about) is neutral, not 差 (bad); 快递 (courier) is not 快 (fast); 好几天 is not 好 (good).
        Assert.Equal(0, Score("差不多三天", "zh"));
        Assert.Equal(0, Score("快递三天到", "zh"));
        Assert.True(Score("等了好几天", "zh") < 0);
        // 不满意 outranks 满意 and 不满.
        Assert.True(Score("很不满意", "zh") < Score("不满意", "zh"));
    }

    [Fact]
    public void Analyze_ChinesePostposedNegation_ReversesTheWordBefore()
    {
        // "not a single bad photo": 废片 (bad shot) reversed by the 都没有 that follows it.
        Assert.True(Score("一张废片都没有", "zh") > 0.05);
        Assert.True(Score("一点问题都没有", "zh") > 0.05);
        Assert.True(Score("全是废片", "zh") < -0.05);
    }

    [Fact]
    public void Analyze_NegatorWithoutSentimentWord_IsAMildComplaint()
    {
        Assert.InRange(Score("No one picked up the phone.", "en"), -0.5, -0.05);
        Assert.InRange(Score("Ninguém avisou sobre o estacionamento.", "pt"), -0.5, -0.05);
        Assert.InRange(Score("没人通知我们。", "zh"), -0.5, -0.05);
    }

    [Fact]
    public void Analyze_Contrast_WeighsTheClauseAfterButMore()
    {
        Assert.True(Score("A bit pricey, but worth every penny", "en") > 0.05);
        Assert.True(Score("The staff were lovely but the photos were terrible", "en") < -0.05);
        Assert.True(Score("O pessoal é simpático, mas as fotos ficaram ruins.", "pt") < -0.05);
        Assert.True(Score("价格有点贵，不过效果很好", "zh") > 0.05);
    }

    [Fact]
    public void Analyze_Concession_WeighsTheConcededClauseLess()
    {
        Assert.True(Score("The staff were wonderful, the photos were bad", "en") > 0.05);
        Assert.True(Score("Although the staff were wonderful, the photos were bad", "en") < -0.05);
        Assert.True(Score("Apesar do atendimento excelente, as fotos ficaram ruins.", "pt") < -0.05);
        Assert.True(Score("虽然服务很好，照片很一般", "zh") < Score("服务很好，照片很一般", "zh"));
        // With a "but", the "but" decides ("虽然...但是...").
        Assert.Equal(Score("价格有点贵，但是效果很好", "zh"), Score("虽然价格有点贵，但是效果很好", "zh"));
    }

    [Theory]
    [InlineData("👍", 1)]
    [InlineData("😍😍", 1)]
    [InlineData("❤️", 1)]
    [InlineData("👍🏽", 1)]
    [InlineData(":)", 1)]
    [InlineData("👎", -1)]
    [InlineData("😡", -1)]
    [InlineData(":(", -1)]
    public void Analyze_Emoji_CarriesSentiment(string emoji, int sign)
    {
        Assert.Equal(sign, Math.Sign(Score(emoji, "en")));
        Assert.Equal(sign, Math.Sign(Score("照片收到了 " + emoji, "zh")));
    }

    [Fact]
    public void Analyze_Emoji_TipsAFactualSentence()
    {
        Assert.True(Score("Got the photos today 👍", "en") > 0.05);
        Assert.True(Score("Recebi as fotos hoje 😡", "pt") < -0.05);
    }

    [Fact]
    public void Analyze_Exclamation_AmplifiesBothWays()
    {
        Assert.True(Score("Great service!!!", "en") > Score("Great service", "en"));
        Assert.True(Score("Terrible service!!!", "en") < Score("Terrible service", "en"));
        Assert.True(Score("太棒了！！", "zh") > Score("太棒了", "zh"));
        Assert.Equal(0, Score("The photos arrived!!!", "en"));
    }

    [Fact]
    public void Analyze_CapitalsAmongLowerCase_Emphasise()
    {
        Assert.True(Score("the service was GREAT", "en") > Score("the service was great", "en"));
    }

    [Fact]
    public void Analyze_RepeatedLetters_StillMatch()
    {
        Assert.True(Score("soooo gooood", "en") > 0.05);
        Assert.True(Score("lindooo", "pt") > 0.05);
    }

    [Fact]
    public void Analyze_PortugueseWithoutAccents_Matches()
    {
        Assert.Equal(Score("péssimo atendimento, não recomendo", "pt"),
            Score("pessimo atendimento, nao recomendo", "pt"));
        Assert.True(Score("otimo", "pt") > 0.05);
    }

    [Fact]
    public void Analyze_LatinWordsInChineseText_UseEnglish()
    {
        Assert.True(Score("摄影师很nice", "zh") > 0.05);
    }

    [Theory]
    [InlineData("The photographer was very friendly and the photos are great.", "en")]
    [InlineData("Fast delivery, nice prints", "en")]
    [InlineData("O fotógrafo foi muito atencioso e as fotos ficaram ótimas.", "pt")]
    [InlineData("Atendimento otimo, nao tenho do que reclamar", "pt")]
    [InlineData("A entrega demorou mas valeu a pena", "pt")]
    [InlineData("摄影师很专业，照片拍得很好看。", "zh")]
    [InlineData("服务态度很好👍", "zh")]
    [InlineData("Staff很热情", "zh")]
    [InlineData("", "en")]
    [InlineData("👍👍", "en")]
    [InlineData("12345", "en")]
    public void DetectLanguage_FindsTheLanguage(string text, string language) =>
        Assert.Equal(language, SentimentAnalyzer.DetectLanguage(text));

    [Fact]
    public void Analyze_NoLanguage_DetectsIt()
    {
        Assert.Equal("zh", s_analyzer.Analyze("非常满意").Language);
        Assert.Equal("pt", s_analyzer.Analyze("Não gostei do atendimento").Language);
        Assert.Equal("en", s_analyzer.Analyze("Loved it").Language);
        Assert.True(s_analyzer.Analyze("Não gostei do atendimento").Score < -0.05);
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("EN-us", "en")]
    [InlineData("zh-Hans-CN", "zh")]
    [InlineData("zh_CN", "zh")]
    [InlineData("pt-BR", "pt")]
    [InlineData("Portuguese", "pt")]
    [InlineData("auto", null)]
    [InlineData("fr", null)]
    [InlineData(" ", null)]
    [InlineData(null, null)]
    public void NormalizeLanguage_MapsCodesAndNames(string? code, string? expected) =>
        Assert.Equal(expected, SentimentAnalyzer.NormalizeLanguage(code));

    [Fact]
    public void Analyze_UnsupportedLanguage_FallsBackToDetection()
    {
        Assert.Equal("pt", s_analyzer.Analyze("Adorei as fotos", "fr").Language);
    }

    [Fact]
    public void Analyze_GivenLanguage_IsUsedEvenIfTheTextLooksOtherwise()
    {
        // "no" is an English negator but a Portuguese contraction ("in the"); the given language decides.
        Assert.Equal("pt", s_analyzer.Analyze("gostei no geral", "pt").Language);
        Assert.True(Score("gostei no geral", "pt") > 0.05);
    }

    [Fact]
    public void EmbeddedLexicons_LoadWithSeveralHundredEntriesPerLanguage()
    {
        foreach (var language in SentimentAnalyzer.SupportedLanguages)
        {
            var lexicon = s_analyzer.LexiconFor(language);
            Assert.True(lexicon.SentimentCount >= 300, $"{language}: {lexicon.SentimentCount} sentiment entries");
            Assert.True(lexicon.ModifierCount >= 40, $"{language}: {lexicon.ModifierCount} modifiers");
        }
        Assert.True(s_analyzer.EmojiCount >= 50);
    }

    [Fact]
    public void Parse_BadLexiconLines_NameFileAndLine()
    {
        static InvalidDataException Parse(string sentiment, string modifiers) =>
            Assert.Throws<InvalidDataException>(() => Lexicon.Parse("en", "s.tsv", new StringReader(sentiment),
                "m.tsv", new StringReader(modifiers)));

        Assert.StartsWith("s.tsv:2:", Parse("good\t2\ngreat\t5", "").Message, StringComparison.Ordinal);
        Assert.StartsWith("s.tsv:1:", Parse("good", "").Message, StringComparison.Ordinal);
        Assert.StartsWith("s.tsv:2:", Parse("good\t2\nGood\t1", "").Message, StringComparison.Ordinal);
        Assert.StartsWith("m.tsv:1:", Parse("", "very\tamplifier").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CustomLexicon_IsUsedByTheAnalyzer()
    {
        var en = Lexicon.Parse("en", "s", new StringReader("# comment\nsnappy\t2\n\nglacial\t-2"), "m",
            new StringReader("hella\tbooster\t0.5\nnot\tnegator"));
        var zh = Lexicon.Parse("zh", "s", new StringReader("快\t1"), "m", new StringReader(""));
        var pt = Lexicon.Parse("pt", "s", new StringReader("rápido\t1"), "m", new StringReader(""));
        var analyzer = new SentimentAnalyzer(new() { ["en"] = en, ["zh"] = zh, ["pt"] = pt }, []);

        Assert.True(analyzer.Analyze("hella snappy", "en").Score > analyzer.Analyze("snappy", "en").Score);
        Assert.True(analyzer.Analyze("not snappy", "en").Score < 0);
        Assert.Equal(0, analyzer.Analyze("great", "en").Score);
    }

    [Fact]
    public void Analyze_IsThreadSafe()
    {
        var texts = new[] { "very friendly staff", "非常满意", "não gostei", "terrible 😡" };
        var expected = texts.Select(t => s_analyzer.Analyze(t).Score).ToArray();

        Parallel.For(0, 20_000, i =>
            Assert.Equal(expected[i % texts.Length], s_analyzer.Analyze(texts[i % texts.Length]).Score));
    }
}
