using System.Text.RegularExpressions;

namespace CxWarehouse.Reports.Mail;

/// <summary>
/// The last step from the report's HTML to a message body that mail clients show as written: the font inline on every
/// table cell (the page sets it in a style element, which Gmail's apps drop, and Outlook does not carry it into
/// nested tables), <c>white-space:nowrap</c> (Outlook for Windows ignores it) as the <c>nowrap</c> attribute, no
/// <c>role</c> attribute (Windows Mail does not support it; the HTML page keeps its landmarks and roles), and
/// text line heights exact in Outlook (<c>mso-line-height-rule:exactly</c>: its default treats a pixel line height
/// as a minimum).
/// </summary>
/// <remarks>
/// It reads only markup the report's own templates wrote: every value in it is escaped, so no attribute holds a
/// <c>&gt;</c> and a tag ends at the first one.
/// </remarks>
internal static partial class MailHtml
{
    /// <summary>The font stack: the system font of Windows, then the web-safe ones.</summary>
    public const string FontFamily = "font-family:'Segoe UI',Arial,sans-serif;";

    /// <summary>A line height below this holds an image or a bar, not text: Outlook's exact rule would clip it.</summary>
    private const int TextLineHeight = 10;

    public static string Inline(string html) => ExactLineHeights(Role().Replace(InlineFonts(html), ""));

    private static string ExactLineHeights(string html) => StyleValue().Replace(html, match =>
    {
        var value = match.Groups["value"].Value;
        var lineHeight = LineHeight().Match(value);
        return lineHeight.Success
            && int.Parse(lineHeight.Groups["px"].Value, System.Globalization.CultureInfo.InvariantCulture) >= TextLineHeight
            && !value.Contains("mso-line-height-rule", StringComparison.Ordinal)
                ? $" style=\"mso-line-height-rule:exactly;{value}\""
                : match.Value;
    });

    private static string InlineFonts(string html) => TextTag().Replace(html, match =>
    {
        var name = match.Groups["name"].Value;
        var attributes = match.Groups["attributes"].Value;
        var style = Style().Match(attributes);
        var nowrap = false;
        string declarations;
        if (style.Success)
        {
            declarations = style.Groups["value"].Value;
            if (NoWrap().IsMatch(declarations))
            {
                declarations = NoWrap().Replace(declarations, "");
                nowrap = true;
            }

            attributes = attributes.Remove(style.Index, style.Length);
        }
        else
        {
            declarations = "";
        }

        // Cells drawn as bars (line-height:1px) or holding an image (line-height:0) hold no text.
        if (!declarations.Contains("font-family", StringComparison.Ordinal)
            && !declarations.Contains("line-height:1px", StringComparison.Ordinal)
            && !declarations.Contains("line-height:0", StringComparison.Ordinal))
        {
            declarations = FontFamily + declarations;
        }

        return $"<{name}{attributes}{(nowrap ? " nowrap" : "")} style=\"{declarations}\">";
    });

    [GeneratedRegex("<(?<name>td|th)(?<attributes>(?:\\s[^>]*)?)>", RegexOptions.CultureInvariant)]
    private static partial Regex TextTag();

    [GeneratedRegex("\\sstyle=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Style();

    [GeneratedRegex("white-space:\\s*nowrap;?", RegexOptions.CultureInvariant)]
    private static partial Regex NoWrap();

    [GeneratedRegex("\\srole=\"[^\"]*\"", RegexOptions.CultureInvariant)]
    private static partial Regex Role();

    [GeneratedRegex(" style=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex StyleValue();

    [GeneratedRegex("(?:^|;)\\s*line-height:\\s*(?<px>\\d+)px", RegexOptions.CultureInvariant)]
    private static partial Regex LineHeight();
}
