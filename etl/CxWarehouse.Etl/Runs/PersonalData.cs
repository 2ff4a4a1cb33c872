using System.Text.RegularExpressions;

namespace CxWarehouse.Etl.Runs;

/// <summary>Masks emails and phone numbers in text bound for logs and run results.</summary>
public static partial class PersonalData
{
    public static string Mask(string text)
    {
        text = EmailPattern().Replace(text, m => m.Value[0] + "***@***");
        return CandidatePattern().Replace(text, m => LooksLikePhone(m.Value) ? "***" + m.Value[^2..] : m.Value);
    }

    /// <summary>
    /// A phone: written with a +, or with separators and 7 digits or more, or as 10 bare digits or more. Row
    /// counts and identifiers of fewer bare digits stay readable.
    /// </summary>
    private static bool LooksLikePhone(string value)
    {
        var digits = value.Count(char.IsAsciiDigit);
        if (!value.StartsWith('+') && DecimalNumber().IsMatch(value))
        {
            // 0.1234567833 is a measure (a KPI value, a ratio), not a phone written with a dot.
            return false;
        }
        if (value.Count(c => c == '(') != value.Count(c => c == ')'))
        {
            // A bracket a phone opens, it closes: "deduplicated 5517 (36.3 s)" is a count and a time.
            return false;
        }
        return value.StartsWith('+')
            || (digits >= 7 && value.Any(c => c is ' ' or '(' or ')' or '.' or '-'))
            || digits >= 10;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\d+\.\d+$")]
    private static partial Regex DecimalNumber();

    // Runs of 7 or more digits with +, spaces, dots, dashes or brackets between them; not inside a word or a
    // decimal number (after its point), not a date.
    [GeneratedRegex(@"(?<![\w+.-])(?!\d{4}-\d{2}-\d{2})\+?\(?\d(?:[\s().-]{0,2}\d){6,}(?![\w])")]
    private static partial Regex CandidatePattern();
}
