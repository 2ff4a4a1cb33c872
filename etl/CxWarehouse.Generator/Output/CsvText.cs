using System.Text;

namespace CxWarehouse.Generator.Output;

/// <summary>RFC 4180 field formatting.</summary>
internal static class CsvText
{
    /// <summary>Every field quoted, embedded quotes doubled (Salesforce Data Loader style).</summary>
    public static string QuoteAll(IReadOnlyList<string?> fields)
    {
        var sb = new StringBuilder(fields.Count * 16);
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            AppendQuoted(sb, fields[i] ?? "");
        }

        return sb.ToString();
    }

    /// <summary>Quoted only when the value holds a comma, quote, CR, LF or edge whitespace.</summary>
    public static string QuoteMinimal(IReadOnlyList<string?> fields)
    {
        var sb = new StringBuilder(fields.Count * 16);
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            var value = fields[i] ?? "";
            if (NeedsQuotes(value))
            {
                AppendQuoted(sb, value);
            }
            else
            {
                sb.Append(value);
            }
        }

        return sb.ToString();
    }

    public static bool NeedsQuotes(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0
        || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));

    public static void AppendQuoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            if (c == '"')
            {
                sb.Append('"');
            }

            sb.Append(c);
        }

        sb.Append('"');
    }
}
