namespace CxWarehouse.Text.Tests;

public sealed class TermExtractorTests
{
    [Fact]
    public void English_NamingWordsAndPhrases_NotFunctionOrSentimentWords()
    {
        var terms = TermExtractor.Default.Extract("The delivery was late, and the rude courier broke the frame!", "en");

        Assert.Equal(["delivery", "courier", "rude courier", "courier broke", "frame"], terms);
    }

    [Fact]
    public void Phrases_StopAtClauseBreaksAndFunctionWords()
    {
        var terms = TermExtractor.Default.Extract("Parking, studio. Parking and studio", "en");

        Assert.Equal(["parking", "studio"], terms);
    }

    [Fact]
    public void Portuguese_UsesItsOwnFunctionWords()
    {
        var terms = TermExtractor.Default.Extract("A entrega atrasada e a embalagem rasgada", "pt");

        Assert.Contains("entrega", terms);
        Assert.Contains("embalagem", terms);
        Assert.Contains("entrega atrasada", terms);
        Assert.DoesNotContain("a", terms);
    }

    [Fact]
    public void Chinese_CharacterPairsWithoutFunctionOrSentimentCharacters()
    {
        var terms = TermExtractor.Default.Extract("退款太慢了，包装破损", "zh");

        Assert.Contains("退款", terms);
        Assert.Contains("包装", terms);
        Assert.DoesNotContain("慢了", terms);
        Assert.All(terms, t => Assert.Equal(2, t.Length));
    }

    [Fact]
    public void EachTermOnce_AtMostTheCap()
    {
        var text = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"widget{i:000} widget{i:000}"));

        var terms = TermExtractor.Default.Extract(text, "en");

        Assert.Equal(TermExtractor.MaxTerms, terms.Count);
        Assert.Equal(terms.Count, terms.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(TermExtractor.Default.Extract(null));
        Assert.Empty(TermExtractor.Default.Extract("  "));
    }
}
