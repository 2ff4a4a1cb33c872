using CxWarehouse.Etl.Configuration;
using CxWarehouse.Text;

namespace CxWarehouse.Etl.Tests.Configuration;

public sealed class ConfigLoaderVoiceTests
{
    private static CxConfig Parse(string yaml) =>
        ConfigLoader.Parse(Path.Combine(Path.GetTempPath(), "cxwarehouse.yml"), new StringReader(yaml));

    [Fact]
    public void Topics_Absent_UseTheServicesTaxonomy()
    {
        var topics = Parse("project: x\n").Topics;

        Assert.Equal("services", topics.Taxonomy);
        Assert.Equal(TopicTagger.Default.Topics, topics.Tagger.Topics);
    }

    [Fact]
    public void Topics_BuiltInTaxonomyExtendedByTheBusinessesOwn()
    {
        var tagger = Parse("""
            topics:
              taxonomy: hospitality
              custom:
                wifi: { parent: facilities, en: [wifi, "wi-fi", internet], pt: [wifi], zh: [无线网] }
                price: { en: [tab] }
            """).Topics.Tagger;

        Assert.Equal("wifi", tagger.Topics[^1]);
        Assert.Equal("facilities", tagger.Parents["wifi"]);
        Assert.Null(tagger.Parents["price"]);
        Assert.Contains("wifi", tagger.Tag("The wi-fi kept dropping", "en"));
        Assert.Contains("wifi", tagger.Tag("无线网太慢", "zh"));
        Assert.Equal(["price"], tagger.Tag("They padded our tab", "en")); // a built-in topic gains a keyword
        Assert.Contains("room", tagger.Topics);
    }

    [Fact]
    public void Topics_TaxonomyNone_KeepsOnlyTheBusinessesOwn()
    {
        var tagger = Parse("""
            topics:
              taxonomy: none
              custom:
                checkout: { en: [checkout, "check out"] }
                parking: { parent: checkout, en: [parking] }
            """).Topics.Tagger;

        Assert.Equal(["checkout", "parking"], tagger.Topics);
        Assert.Equal(["checkout", "parking"], tagger.Tag("Slow check out and no parking", "en"));
    }

    [Theory]
    [InlineData("topics:\n  taxonomy: airline\n", "cxwarehouse.yml:2:13: topics.taxonomy: 'airline' is not one of services, retail, hospitality, none")]
    [InlineData("topics:\n  custom:\n    wifi: { parent: amenities, en: [wifi] }\n", "cxwarehouse.yml:2:3: topics.custom: topic wifi: parent 'amenities' is not another topic")]
    [InlineData("topics:\n  custom:\n    wifi: { fr: [wifi] }\n", "cxwarehouse.yml:3:13: unknown key 'topics.custom.wifi.fr'")]
    [InlineData("topics:\n  custom:\n    wifi: [wifi]\n", "cxwarehouse.yml:3:5: topics.custom.wifi: a topic needs a mapping")]
    [InlineData("follow_up:\n  detractor: soon\n", "cxwarehouse.yml:2:3: follow_up.detractor: 'soon' is not a duration")]
    public void Voice_BadSettings_NameFileLineAndKey(string yaml, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => Parse(yaml));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FollowUp_DeadlinesInHours_DefaultsWhereNotGiven()
    {
        var followUp = Parse("follow_up: { detractor: 72h, negative_review: 90m }\n").FollowUp;

        Assert.Equal(72, followUp.DetractorHours);
        Assert.Equal(1.5, followUp.NegativeReviewHours);
        Assert.Equal(48, followUp.LowCsatHours);
        Assert.Equal(24, Parse("project: x\n").FollowUp.NegativeReviewHours);
    }

    [Fact]
    public void Competitor_OnAReviewsSource_IsRead()
    {
        var config = Parse("""
            sources:
              - { name: ours, profile: google-reviews, path: . }
              - { name: rival, profile: google-reviews, path: ., competitor: "  Rival Studios " }
            """);

        Assert.Null(config.Sources[0].Competitor);
        Assert.Equal("Rival Studios", config.Sources[1].Competitor);
    }

    [Theory]
    [InlineData("sources:\n  - { name: crm, profile: salesforce, path: ., competitor: Rival }\n",
        "competitor: only a reviews source can hold a competitor's reviews, not a crm source")]
    [InlineData("project: Lumen\nsources:\n  - { name: g, profile: google-reviews, path: ., competitor: lumen }\n",
        "sources: 'g' names the project itself as its competitor")]
    [InlineData("sources:\n  - { name: g, profile: google-reviews, path: ., competitor: \"\" }\n",
        "competitor: the competitor's name")]
    public void Competitor_Misplaced_SaysWhy(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(yaml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
