using System.Text.RegularExpressions;
using CxWarehouse.Reports.Tests.Support;
using Scriban;

namespace CxWarehouse.Reports.Tests.Html;

/// <summary>Checks of the shipped templates: they parse, are self-contained and rely on the escaping context.</summary>
public sealed partial class TemplateLintTests
{
    public static TheoryData<string> Templates() => [.. TemplateNames()];

    [Fact]
    public void Templates_ExpectedFilesPresent()
    {
        var names = TemplateNames().ToList();

        Assert.Contains("_layout.sbn-html", names);
        Assert.Contains("report.sbn-html", names);
        Assert.Contains(names, n => n.StartsWith("partials/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_Parses(string name)
    {
        var template = Template.Parse(Read(name), name);

        Assert.False(template.HasErrors, string.Join("; ", template.Messages));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_NoScriptsOrExternalResources(string name)
    {
        var text = Read(name);

        Assert.DoesNotMatch(ForbiddenMarkup(), text);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_NoManualEscapingOrCapture(string name)
    {
        // The context escapes every value: a manual html.escape would double-escape, and capture/raw
        // tricks would turn escaped output back into a string that is escaped again or bypassed.
        foreach (Match block in CodeBlock().Matches(Read(name)))
        {
            Assert.DoesNotMatch(ManualEscaping(), block.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_IncludesAreLiteralPartials(string name)
    {
        foreach (Match include in Include().Matches(Read(name)))
        {
            Assert.Matches(LiteralPartial(), include.Value);
        }
    }

    private static IEnumerable<string> TemplateNames() =>
        Directory.EnumerateFiles(TestPaths.TemplatesDirectory, "*.sbn-html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestPaths.TemplatesDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static string Read(string name) => File.ReadAllText(Path.Combine(TestPaths.TemplatesDirectory, name));

    [GeneratedRegex(
        @"<script|<iframe|<object|<embed|<link|<img|<form|\bsrc\s*=|@import|url\s*\(|\bon[a-z]+\s*=|javascript:",
        RegexOptions.IgnoreCase)]
    private static partial Regex ForbiddenMarkup();

    [GeneratedRegex(@"\{\{[\s\S]*?\}\}")]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"html\.escape|html\.strip|\bcapture\b|\braw\b|\bobject\.eval|\btemplate\.")]
    private static partial Regex ManualEscaping();

    [GeneratedRegex(@"\binclude\b[^}]*")]
    private static partial Regex Include();

    [GeneratedRegex(@"^include '(partials/)?[a-z_]+\.sbn-html'\s*~?\s*$")]
    private static partial Regex LiteralPartial();
}
