using System.Text.RegularExpressions;

namespace CxWarehouse.Etl.Runs;

/// <summary>Masks emails and phone numbers in text bound for logs and run results.</summary>
public static partial class PersonalData
{
    public static string Mask(string text)
    {
        text = EmailPattern().Replace(text, m => m.Value[0] + "***@***");
        return PhonePattern().Replace(text, m => "***" + m.Value[^2..]);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // A run of 7 or more digits, optionally with +, spaces, dots, dashes or brackets between them; not a date.
    [GeneratedRegex(@"(?<![\w+-])(?!\d{4}-\d{2}-\d{2})\+?\(?\d(?:[\s().-]{0,2}\d){6,}")]
    private static partial Regex PhonePattern();
}
