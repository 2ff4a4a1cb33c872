using System.Globalization;
using Scriban;
using Scriban.Parsing;

namespace CxWarehouse.Reports.Html;

/// <summary>
/// A Scriban context that HTML-escapes every value a template writes with <c>{{ ... }}</c>.
/// </summary>
/// <remarks>
/// Scriban never escapes output (scriban#140, auto-escape declined in #637), so escaping is done where
/// values are written (the approach of scriban#247) rather than trusting each template to remember
/// <c>| html.escape</c>. Literal template text is not affected. Only <see cref="RawHtml"/> passes through:
/// this library builds it from escaped parts (SVG, linkified quotes, rendered partials). Numbers are
/// formatted with the invariant culture.
/// </remarks>
internal sealed class EscapingTemplateContext : TemplateContext
{
    public EscapingTemplateContext()
    {
        PushCulture(CultureInfo.InvariantCulture);
        StrictVariables = true;
        LoopLimit = 100_000;
        RecursiveLimit = 20;
        NewLine = "\n";
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        switch (textAsObject)
        {
            case null:
                return this;
            case RawHtml raw:
                Write(raw.Value);
                return this;
            default:
                Write(HtmlText.Escape(ObjectToString(textAsObject)));
                return this;
        }
    }

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        ValueTask.FromResult(Write(span, textAsObject));
}
