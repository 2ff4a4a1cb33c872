using System.Globalization;
using System.Text;

namespace CxWarehouse.Generator.Core;

/// <summary>Small invariant-culture formatting helpers.</summary>
internal static class Text
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static string Int(long value) => value.ToString(s_inv);

    public static string Money(decimal value) => value.ToString("0.00", s_inv);

    public static string Num(double value, string format) => value.ToString(format, s_inv);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Lowercase ASCII fold of a Latin name for e-mail local parts (São → sao, O'Brien → obrien).</summary>
    public static string AsciiFold(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            var c = char.ToLowerInvariant(ch);
            switch (c)
            {
                case 'á' or 'à' or 'â' or 'ã' or 'ä': sb.Append('a'); break;
                case 'é' or 'ê' or 'è' or 'ë': sb.Append('e'); break;
                case 'í' or 'î' or 'ì' or 'ï': sb.Append('i'); break;
                case 'ó' or 'ô' or 'õ' or 'ò' or 'ö': sb.Append('o'); break;
                case 'ú' or 'ù' or 'û' or 'ü': sb.Append('u'); break;
                case 'ç': sb.Append('c'); break;
                case >= 'a' and <= 'z': sb.Append(c); break;
                case >= '0' and <= '9': sb.Append(c); break;
                default: break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Title-cases the first letter of each dot- or at-separated part (jane.doe@example.com →
    /// Jane.Doe@Example.com).</summary>
    public static string TitleCaseEmail(string email)
    {
        var chars = email.ToCharArray();
        var start = true;
        for (var i = 0; i < chars.Length; i++)
        {
            if (start && chars[i] is >= 'a' and <= 'z')
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }

            start = chars[i] is '.' or '@';
        }

        return new string(chars);
    }
}
