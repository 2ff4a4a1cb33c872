using System.Text;
using System.Text.Json;

namespace CxWarehouse.Generator.Output;

/// <summary>
/// Writes free text as raw UTF-8 JSON strings. The built-in encoders escape emoji as surrogate pairs
/// (\ud83d\ude00); exporters such as BigQuery and Google's APIs write them raw, so texts holding
/// supplementary characters are escaped here (only quote, backslash and control characters) and written raw.
/// </summary>
internal static class JsonText
{
    public static void WriteString(Utf8JsonWriter writer, string name, string value)
    {
        writer.WritePropertyName(name);
        WriteStringValue(writer, value);
    }

    public static void WriteStringValue(Utf8JsonWriter writer, string value)
    {
        var hasSurrogate = false;
        foreach (var c in value)
        {
            if (char.IsSurrogate(c))
            {
                hasSurrogate = true;
                break;
            }
        }

        if (!hasSurrogate)
        {
            writer.WriteStringValue(value);
            return;
        }

        var sb = new StringBuilder(value.Length + 8);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ':
                    sb.Append("\\u").Append(((int)c).ToString("x4",
                    System.Globalization.CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }

        sb.Append('"');
        writer.WriteRawValue(Encoding.UTF8.GetBytes(sb.ToString()), skipInputValidation: true);
    }
}
