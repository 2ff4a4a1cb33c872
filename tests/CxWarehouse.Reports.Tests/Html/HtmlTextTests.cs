using CxWarehouse.Reports.Html;

namespace CxWarehouse.Reports.Tests.Html;

public sealed class HtmlTextTests
{
    [Fact]
    public void Escape_MarkupCharacters_Encoded()
    {
        Assert.Equal(
            "&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;&lt;/b&gt;", HtmlText.Escape("<b a=\"1\" b='2'>&</b>"));
    }

    [Fact]
    public void Escape_CjkEmojiAndControls_KeptOrReplaced()
    {
        Assert.Equal("服务很好 😀", HtmlText.Escape("服务很好 😀"));
        Assert.Equal("a\uFFFDb\nc", HtmlText.Escape("a\0b\nc"));
    }

    [Theory]
    [InlineData("https://example.com/a?b=1&c=2", true)]
    [InlineData("http://example.com", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("JaVaScRiPt:alert(1)", false)]
    [InlineData("data:text/html,<script>", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/relative", false)]
    [InlineData("vbscript:x", false)]
    public void IsSafeUrl_OnlyHttpAndHttps(string url, bool safe) => Assert.Equal(safe, HtmlText.IsSafeUrl(url));

    [Fact]
    public void Link_UnsafeScheme_PlainText()
    {
        Assert.Equal("click", HtmlText.Link("javascript:alert(1)", "click").Value);
        Assert.Equal(
            "<a href=\"https://x.example/?a=1&amp;b=&quot;\" style=\"color:#1f4e78;\">go</a>",
            HtmlText.Link("https://x.example/?a=1&b=\"", "go").Value);
    }

    [Fact]
    public void Linkify_OnlyHttpUrlsBecomeLinks()
    {
        var html = HtmlText.Linkify("see https://a.example/x. or javascript:alert(1) <b>").Value;

        Assert.Equal(
            "see <a href=\"https://a.example/x\" style=\"color:#1f4e78;\">https://a.example/x</a>. "
            + "or javascript:alert(1) &lt;b&gt;",
            html);
    }
}
