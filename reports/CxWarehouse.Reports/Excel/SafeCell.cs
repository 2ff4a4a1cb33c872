using System.Text;

namespace CxWarehouse.Reports.Excel;

/// <summary>Writes warehouse strings into cells as inert text.</summary>
/// <remarks>
/// <para>Formula injection (OWASP CSV injection; ASVS adds <c>\0</c>): a string whose first character is
/// <c>= + - @</c>, TAB, CR, LF or NUL, or whose first non-blank character is <c>= + - @</c>, is written as text
/// with the cell's quote prefix set <em>and</em> a visible leading apostrophe in the value. The quote prefix
/// keeps Excel from re-evaluating the cell when it is edited; the apostrophe in the value survives
/// "Save as CSV", where the quote prefix is dropped and the field would otherwise be re-armed. The cost is
/// an apostrophe shown before such strings (for example <c>'-2</c> or <c>'- slow service</c>).</para>
/// <para>Characters XML 1.0 cannot carry (C0 controls other than TAB and LF, lone surrogates, U+FFFE/U+FFFF)
/// become U+FFFD; CR LF and lone CR become LF. Strings over Excel's 32,767-character cell limit are cut
/// on a code-point boundary and end with <see cref="TruncationMarker"/>.</para>
/// <para>Numbers are never routed through here: they are written as numbers.</para>
/// </remarks>
internal static class SafeCell
{
    public const int MaxCellLength = 32_767;
    public const string TruncationMarker = "…[truncated]";

    /// <summary>Writes <paramref name="value"/> as text and returns what was stored.</summary>
    public static string Text(XlsxCell cell, string? value)
    {
        var original = value ?? "";
        var guard = NeedsGuard(original);
        var text = Truncate((guard ? "'" : "") + Sanitize(original));
        cell.SetValue(text);
        if (guard)
        {
            cell.Style.SetIncludeQuotePrefix(true);
        }

        return text;
    }

    public static bool NeedsGuard(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '\0')
        {
            return true;
        }

        var firstNonBlank = value.AsSpan().TrimStart();
        return firstNonBlank.Length > 0 && firstNonBlank[0] is '=' or '+' or '-' or '@';
    }

    public static string Sanitize(string value)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? replacement = null;
            if (c == '\r')
            {
                replacement = i + 1 < value.Length && value[i + 1] == '\n' ? "" : "\n";
            }
            else if ((c < 0x20 && c != '\t' && c != '\n') || c is '\uFFFE' or '\uFFFF')
            {
                replacement = "\uFFFD";
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    builder?.Append(c).Append(value[i + 1]);
                    i++;
                    continue;
                }

                replacement = "\uFFFD";
            }
            else if (char.IsLowSurrogate(c))
            {
                replacement = "\uFFFD";
            }

            if (replacement is not null)
            {
                builder ??= new StringBuilder(value.Length).Append(value, 0, i);
                builder.Append(replacement);
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? value;
    }

    /// <summary>Cuts to <see cref="MaxCellLength"/> on a code-point boundary, ending with the marker.</summary>
    public static string Truncate(string value, int maxLength = MaxCellLength)
    {
        if (value.Length <= maxLength)
        {
            return value;
        }

        var cut = maxLength - TruncationMarker.Length;
        if (char.IsLowSurrogate(value[cut]) && char.IsHighSurrogate(value[cut - 1]))
        {
            cut--;
        }

        return string.Concat(value.AsSpan(0, cut), TruncationMarker);
    }
}
