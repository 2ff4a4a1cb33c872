using System.Text.RegularExpressions;
using CxWarehouse.Reports.Tests.Support;

namespace CxWarehouse.Reports.Tests.Html;

public sealed partial class HtmlReportTests(GeneratedReport report) : IClassFixture<GeneratedReport>
{
    [Theory]
    [InlineData("headline")]
    [InlineData("changes")]
    [InlineData("benchmark")]
    [InlineData("journey")]
    [InlineData("trends")]
    [InlineData("voice")]
    [InlineData("data-quality")]
    public void Html_Section_HasStableId(string id) =>
        Assert.Contains($"id=\"{id}\"", report.Html, StringComparison.Ordinal);

    [Fact]
    public void Html_SelfContained_NoScriptsOrExternalResources()
    {
        Assert.StartsWith("<!DOCTYPE html>", report.Html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ActiveContent(), report.Html);
        Assert.Contains("<svg", report.Html, StringComparison.Ordinal);
        Assert.Contains("max-width:900px", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_ScriptInQuote_Inert()
    {
        Assert.Contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; the app crashed", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", report.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Html_JavascriptLink_PlainText()
    {
        Assert.Contains(
            "&lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt;", report.Html, StringComparison.Ordinal);
        Assert.All(
            Hrefs().Matches(report.Html),
            m => Assert.StartsWith("https://", m.Groups[1].Value, StringComparison.Ordinal));
        Assert.Contains("<a href=\"https://reviews.example.com/r/42\"", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_CjkAndEmoji_Intact()
    {
        Assert.Contains("服务很好 😀", report.Html, StringComparison.Ordinal);
        Assert.Contains(SampleWarehouse.ShanghaiLocation, report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_PersonalData_MaskedAndNoCustomerList()
    {
        Assert.Contains("a***@e***.com", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("ana.silva@example.com", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Maria", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_InjectionPeerName_EscapedText()
    {
        // Peer names are shortened in chart labels; what is shown is escaped text.
        Assert.Contains("=HYPERLINK(&quot;http://evi", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http://evil", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_HeadlineAndChanges_ShowValuesStatusAndDirection()
    {
        Assert.Contains(">41.0<", report.Html, StringComparison.Ordinal);
        Assert.Contains("on target", report.Html, StringComparison.Ordinal);
        Assert.Contains("▼ −1.0 pts vs 2026-W46", report.Html, StringComparison.Ordinal);
        Assert.Contains("near target in 2026-W46 → off target", report.Html, StringComparison.Ordinal);
        Assert.Contains("not available: no web data configured", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_DataQuality_ReconciliationAndFreshness()
    {
        Assert.Contains("MISMATCH (7)", report.Html, StringComparison.Ordinal);
        Assert.Contains("Stale (error)", report.Html, StringComparison.Ordinal);
        Assert.Contains("Late (warn)", report.Html, StringComparison.Ordinal);
        Assert.Contains("No threshold", report.Html, StringComparison.Ordinal);
        Assert.Contains(">3.1 days<", report.Html, StringComparison.Ordinal); // age at run
        Assert.Contains("Latest run run-2026-11-23", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_DataQuality_OrphansPerRelation()
    {
        var section = report.Html[report.Html.IndexOf("Orphans between streams", StringComparison.Ordinal)..];

        Assert.Contains("order_customer (crm.orders → crm.customers)", section, StringComparison.Ordinal);
        Assert.Contains("90 of 1200 crm.orders rows: customer_id not found in crm.customers (7.5%)", section,
            StringComparison.Ordinal);
        Assert.Contains(">7.5%<", section, StringComparison.Ordinal);
        Assert.Contains("not checked: no reviews.reviews rows with a location_id", section, StringComparison.Ordinal);
        Assert.DoesNotContain("10 of 1000", report.Html, StringComparison.Ordinal); // an earlier run's count
    }

    [Fact]
    public void Html_StaleStream_BannerAtTheTop()
    {
        var banner = report.Html.IndexOf("id=\"freshness-warning\"", StringComparison.Ordinal);

        Assert.InRange(banner, 0, report.Html.IndexOf("id=\"headline\"", StringComparison.Ordinal));
        Assert.Contains(
            "⚠ Stale data: 2 of 4 streams were past their freshness limit", report.Html, StringComparison.Ordinal);
        Assert.Contains("reviews.google stale, newest record 3.1 days old", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_Journey_FunnelPathsAndCohorts()
    {
        var journey = Section("journey");

        Assert.Contains("Journeys started in 2026-11", journey, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Journey funnel of customers whose journeys started in 2026-11\"", journey,
            StringComparison.Ordinal);
        Assert.Contains(">1,000</text>", journey, StringComparison.Ordinal);
        Assert.Contains(">60.0% continue · median 3.5 d</text>", journey, StringComparison.Ordinal);
        Assert.Contains(">awareness:web &gt; consideration:web &gt; purchase:store</td>", journey,
            StringComparison.Ordinal);
        Assert.Contains(">37.5%</td>", journey, StringComparison.Ordinal);
        var pathCells = Regex.Matches(journey, "<td style=\"padding:5px 6px;border-bottom:1px solid #e5e7eb;\">");
        Assert.Equal(5 + 3, pathCells.Count); // top 5 buyer paths, all 3 non-buyer paths
        Assert.Contains(">2026-06</td>", journey, StringComparison.Ordinal);
        Assert.DoesNotContain(">2026-12</td>", journey, StringComparison.Ordinal);
        Assert.Contains(">52%</td>", journey, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_JourneyPaths_EscapedAndIntact()
    {
        var journey = Section("journey");

        Assert.Contains("&lt;script&gt;alert(&#39;path&#39;)&lt;/script&gt; &gt; purchase:web", journey,
            StringComparison.Ordinal);
        Assert.Contains("=HYPERLINK(&quot;http://evil.example/p&quot;,&quot;win&quot;) &gt; consideration:web",
            journey, StringComparison.Ordinal);
        Assert.Contains("awareness:微信 😀 &gt; purchase:门店", journey, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http://evil.example/p", report.Html, StringComparison.Ordinal);
    }

    private string Section(string id)
    {
        var start = report.Html.IndexOf($"<tr><td id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, id);
        var end = report.Html.IndexOf("<tr><td id=", start + 1, StringComparison.Ordinal);
        return end < 0 ? report.Html[start..] : report.Html[start..end];
    }

    [Fact]
    public void Html_MatchesApprovedSnapshot() => ApprovedFile.Verify(report.Html, TestPaths.ApprovedDirectory, "SampleWarehouse-2026-W47", "html");

    [GeneratedRegex(
        @"<script|<iframe|<object|<embed|<link|<img|\bsrc\s*=|@import|url\s*\(|\son[a-z]+\s*=",
        RegexOptions.IgnoreCase)]
    private static partial Regex ActiveContent();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Hrefs();
}
