using CxWarehouse.Reports.Html;
using Scriban.Syntax;

namespace CxWarehouse.Reports.Tests.Html;

public sealed class EscapingTemplateContextTests : IDisposable
{
    private readonly TempFolder _templates = new();

    public EscapingTemplateContextTests()
    {
        Directory.CreateDirectory(_templates.File("partials"));
        File.WriteAllText(_templates.File("outside.sbn-html"), "secret");
    }

    [Fact]
    public void Render_InterpolatedValue_HtmlEscaped()
    {
        var html = Render("<p title=\"{{ report.text }}\">{{ report.text }}</p>", new { Text = "<s>\"'&" });

        Assert.Equal("<p title=\"&lt;s&gt;&quot;&#39;&amp;\">&lt;s&gt;&quot;&#39;&amp;</p>", html);
    }

    [Fact]
    public void Render_RawHtml_PassesThrough()
    {
        var html = Render("{{ report.chart }}", new { Chart = new RawHtml("<svg></svg>") });

        Assert.Equal("<svg></svg>", html);
    }

    [Fact]
    public void Render_Numbers_InvariantCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("pt-PT");
        try
        {
            Assert.Equal("1.5", Render("{{ report.value }}", new { Value = 1.5 }));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Render_Include_EscapedOnceNotTwice()
    {
        File.WriteAllText(_templates.File("partials/item.sbn-html"), "<i>{{ report.text }}</i>");

        var html = Render("<b>{{ include 'partials/item.sbn-html' }}</b>", new { Text = "a&b" });

        Assert.Equal("<b><i>a&amp;b</i></b>", html);
    }

    [Theory]
    [InlineData("../outside.sbn-html")]
    [InlineData("partials/../../outside.sbn-html")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("partials\\\\item.sbn-html")]
    [InlineData("partials/item.txt")]
    [InlineData("")]
    public void Include_OutsideOrOddName_Rejected(string name)
    {
        File.WriteAllText(_templates.File("partials/item.sbn-html"), "ok");

        var ex = Assert.ThrowsAny<ScriptRuntimeException>(() => Render($"{{{{ include '{name}' }}}}", new { }));

        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_SymbolicLink_Rejected()
    {
        File.CreateSymbolicLink(_templates.File("partials/link.sbn-html"), "/etc/hostname");

        Assert.ThrowsAny<ScriptRuntimeException>(() => Render("{{ include 'partials/link.sbn-html' }}", new { }));
    }

    public void Dispose() => _templates.Dispose();

    private string Render(string template, object view)
    {
        var path = _templates.File("test.sbn-html");
        File.WriteAllText(path, template);
        return new HtmlReportRenderer(_templates.Path).RenderTemplate("test.sbn-html", view, RawHtml.Empty);
    }
}
