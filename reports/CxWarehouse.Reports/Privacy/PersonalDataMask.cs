using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CxWarehouse.Reports.Privacy;

/// <summary>Masks customer contact data for reports that may be forwarded.</summary>
/// <remarks>
/// Emails become <c>j***@e***.com</c> (first character of the mailbox and of the domain, plus the top-level
/// domain); phones keep only their last two digits (<c>***67</c>); names keep their initial (<c>M***</c>).
/// The length of the original is not revealed.
/// </remarks>
internal static class PersonalDataMask
{
    private const string Stars = "***";

    // NonBacktracking: quotes are untrusted and may be 32K characters; matching must stay linear. Built on first use
    // (building a NonBacktracking matcher is costly), and only for a text that can hold a match (see FreeText).
    private static readonly Lazy<Regex> s_emailInText = new(() => new Regex(
        @"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.[\p{L}]{2,}",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));

    // Seven or more digits, optionally separated by spaces, dots, dashes or parentheses, optional leading +.
    private const int PhoneDigits = 7;
    private static readonly Lazy<Regex> s_phoneInText = new(() => new Regex(
        @"\+?\(?\d(?:[ ().\-]*\d){6,}",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));

    public static string Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "";
        }

        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return Name(trimmed);
        }

        var domain = trimmed[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        var tld = dot > 0 && dot < domain.Length - 1 ? domain[dot..] : "";
        return FirstTextElement(trimmed[..at]) + Stars + "@" + FirstTextElement(domain) + Stars + tld;
    }

    public static string Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return "";
        }

        var digits = new StringBuilder();
        foreach (var rune in phone.EnumerateRunes())
        {
            if (Rune.IsDigit(rune))
            {
                digits.Append(rune.ToString());
            }
        }

        var text = digits.ToString();
        return text.Length <= 2 ? Stars : Stars + text[^2..];
    }

    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        return FirstTextElement(name.Trim()) + Stars;
    }

    /// <summary>Masks email addresses and phone numbers found inside free text (quotes, reviews).</summary>
    public static string FreeText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // Most texts hold no '@' and fewer than seven digits, so neither pattern can match them: they are not scanned.
        var masked = text.Contains('@', StringComparison.Ordinal)
            ? s_emailInText.Value.Replace(text, m => Email(m.Value))
            : text;
        return HasDigits(masked, PhoneDigits)
            ? s_phoneInText.Value.Replace(masked, m => LooksLikeIsoDate(m.Value) ? m.Value : Phone(m.Value))
            : masked;
    }

    /// <summary>Whether <paramref name="text"/> holds at least <paramref name="count"/> decimal digits (what \d matches).</summary>
    private static bool HasDigits(string text, int count)
    {
        foreach (var c in text)
        {
            if (char.IsDigit(c) && --count == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool LooksLikeIsoDate(string text) =>
        text.Length == 10 && text[4] == '-' && text[7] == '-' && DateOnly.TryParseExact(
            text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string FirstTextElement(string text)
    {
        var first = StringInfo.GetNextTextElementLength(text);
        return first == 0 ? "" : text[..first];
    }
}
