namespace CxWarehouse.Text.Tests;

public sealed class TopicTaggerTests
{
    private static readonly TopicTagger s_tagger = TopicTagger.Default;

    [Fact]
    public void Default_HasTheStudioTaxonomyInOrder()
    {
        Assert.Equal(
            ["price", "staff_attitude", "waiting_time", "quality_of_work", "delivery_time", "booking",
                "communication", "location_facilities", "products_packages"],
            s_tagger.Topics);
    }

    [Theory]
    [InlineData("Way too expensive for what you get", "en", "price")]
    [InlineData("The receptionist was rude", "en", "staff_attitude")]
    [InlineData("We waited 40 minutes past our slot", "en", "waiting_time")]
    [InlineData("Half the pictures were blurry", "en", "quality_of_work")]
    [InlineData("Delivery took three months", "en", "delivery_time")]
    [InlineData("They cancelled our booking", "en", "booking")]
    [InlineData("Nobody answered my emails", "en", "communication")]
    [InlineData("No parking near the studio", "en", "location_facilities")]
    [InlineData("The album in the premium package", "en", "products_packages")]
    [InlineData("O preço é justo", "pt", "price")]
    [InlineData("A atendente foi grossa", "pt", "staff_attitude")]
    [InlineData("Muita demora na fila", "pt", "waiting_time")]
    [InlineData("As fotos ficaram borradas", "pt", "quality_of_work")]
    [InlineData("Entregaram antes do prazo", "pt", "delivery_time")]
    [InlineData("Remarcaram meu horário", "pt", "booking")]
    [InlineData("Não responderam minhas mensagens", "pt", "communication")]
    [InlineData("O estacionamento é pago", "pt", "location_facilities")]
    [InlineData("价格太贵了", "zh", "price")]
    [InlineData("前台态度很差", "zh", "staff_attitude")]
    [InlineData("排队排了一个小时", "zh", "waiting_time")]
    [InlineData("修图很自然", "zh", "quality_of_work")]
    [InlineData("交片拖了两个月", "zh", "delivery_time")]
    [InlineData("临时取消了预约", "zh", "booking")]
    [InlineData("客服一直不回复", "zh", "communication")]
    [InlineData("影棚很干净", "zh", "location_facilities")]
    [InlineData("套餐里有相册", "zh", "products_packages")]
    public void Tag_MentionOfATopic_FindsIt(string text, string language, string topic) =>
        Assert.Contains(topic, s_tagger.Tag(text, language));

    [Fact]
    public void Tag_SeveralTopics_InTaxonomyOrderWithoutDuplicates()
    {
        var topics = s_tagger.Tag("The photos were lovely but the price was high and the prices keep rising, "
            + "and delivery took forever", "en");

        Assert.Equal(["price", "quality_of_work", "delivery_time"], topics);
    }

    [Fact]
    public void Tag_PrefixAndDiacriticFolding_Match()
    {
        // atend* matches atendimento and atendente; "preco" (typed without the cedilla) matches preço.
        Assert.Contains("staff_attitude", s_tagger.Tag("atendimento excelente", "pt"));
        Assert.Contains("price", s_tagger.Tag("o preco foi bom", "pt"));
        Assert.Contains("price", s_tagger.Tag("They OVERCHARGED us", "en"));
    }

    [Fact]
    public void Tag_MultiWordKeyword_NeedsTheWholePhrase()
    {
        var tagger = Taxonomy(("value", "en", ["value for money"]));

        Assert.Equal(["value"], tagger.Tag("Good value for money", "en"));
        Assert.Empty(tagger.Tag("Good value", "en"));
        Assert.Empty(tagger.Tag("money for value", "en"));
    }

    [Fact]
    public void Tag_WholeWordsOnly_ForLatinKeywords()
    {
        var tagger = Taxonomy(("booking", "en", ["book"]));

        Assert.Empty(tagger.Tag("a photo booklet", "en"));
        Assert.Equal(["booking"], tagger.Tag("Easy to book", "en"));
    }

    [Fact]
    public void Tag_NoTopic_IsEmpty()
    {
        Assert.Empty(s_tagger.Tag("Thanks!", "en"));
        Assert.Empty(s_tagger.Tag("", "en"));
        Assert.Empty(s_tagger.Tag(null));
    }

    [Fact]
    public void Tag_NoLanguage_DetectsIt()
    {
        Assert.Contains("price", s_tagger.Tag("价格公道"));
        Assert.Contains("price", s_tagger.Tag("O preço é muito bom"));
        Assert.Contains("price", s_tagger.Tag("Great price"));
    }

    [Fact]
    public void Tag_ChineseText_StillMatchesEnglishWordsAndChineseKeywordsAnywhere()
    {
        Assert.Contains("staff_attitude", s_tagger.Tag("photographer很专业", "zh"));
        Assert.Contains("price", s_tagger.Tag("Great value, 价格也合理", "en"));
    }

    [Fact]
    public void FromYaml_CustomTaxonomy_IsUsed()
    {
        var tagger = TopicTagger.FromYaml(new StringReader("""
            parking:
              en: [parking, "car park"]
              zh: [停车]
              pt: [estaciona*]
            snacks:
              en: [coffee*]
            """));

        Assert.Equal(["parking", "snacks"], tagger.Topics);
        Assert.Equal(["parking", "snacks"], tagger.Tag("No car park, but free coffee", "en"));
        Assert.Equal(["parking"], tagger.Tag("Não tem onde estacionar", "pt"));
        Assert.Equal(["parking"], tagger.Tag("停车不方便", "zh"));
    }

    [Theory]
    [InlineData("- just a list")]
    [InlineData("price: [cheap]")]
    [InlineData("price:\n  fr: [cher]")]
    [InlineData("price:\n  zh: [价*]")]
    [InlineData("price:\n  en: [\"a*b\"]")]
    [InlineData("price:\n  en: [ab*]")]
    [InlineData("price: {en: [x]\n")]
    public void FromYaml_BadTaxonomy_Throws(string yaml) =>
        Assert.Throws<InvalidDataException>(() => TopicTagger.FromYaml(new StringReader(yaml)));

    private static TopicTagger Taxonomy(params (string Topic, string Language, string[] Keywords)[] topics) =>
        new(topics.Select(t => new KeyValuePair<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(
            t.Topic, new Dictionary<string, IReadOnlyList<string>> { [t.Language] = t.Keywords })));
}
