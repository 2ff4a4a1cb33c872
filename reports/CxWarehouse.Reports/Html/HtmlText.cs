using System.Text;
using System.Text.RegularExpressions;

namespace CxWarehouse.Reports.Html;

/// <summary>HTML escaping and safe linking of untrusted text.</summary>
internal static class HtmlText
{
    // NonBacktracking: quotes are untrusted and may be long; matching must stay linear.
    private static readonly Regex s_url = new(
        @"https?://[^\s<>""'`]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>
    /// Encodes <c>&amp; &lt; &gt; " '</c>, which makes text safe in element content and in quoted attributes.
    /// Every other character (CJK, emoji) is kept as is; C0 controls other than TAB, CR and LF become U+FFFD.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => null,
                < ' ' or '\u007F' => "\uFFFD",
                _ => null,
            };
            if (replacement is null)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            builder.Append(replacement);
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>True for absolute http(s) URLs; anything else (javascript:, data:, relative) is refused.</summary>
    public static bool IsSafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>An anchor when <paramref name="url"/> is http(s); otherwise the escaped text alone.</summary>
    public static RawHtml Link(string? url, string? text)
    {
        var label = Escape(string.IsNullOrEmpty(text) ? url : text);
        return IsSafeUrl(url)
            ? new RawHtml($"<a href=\"{Escape(url)}\" style=\"color:#1f4e78;\">{label}</a>")
            : new RawHtml(label);
    }

    /// <summary>Escapes free text and turns the http(s) URLs in it into links; other schemes stay plain text.</summary>
    public static RawHtml Linkify(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return RawHtml.Empty;
        }

        var builder = new StringBuilder(text.Length + 32);
        var position = 0;
        foreach (Match match in s_url.Matches(text))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']');
            builder.Append(Escape(text[position..match.Index]));
            builder.Append(Link(url, url).Value);
            position = match.Index + url.Length;
        }

        builder.Append(Escape(text[position..]));
        return new RawHtml(builder.ToString());
    }
}
