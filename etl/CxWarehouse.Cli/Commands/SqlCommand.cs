using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw sql</c>: a read-only query on the warehouse, for analysts and scripts.</summary>
internal static class SqlCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "The SQL query, e.g. \"select * from marts.kpi_values limit 10\"." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: table (aligned text), csv (RFC 4180) or json (an array of objects).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("sql", """
            Run a read-only SQL query on the warehouse and print the result. The file is opened read-only, so a
            BI tool or a running report is not disturbed; statements that write are refused.
            """) { query, format };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            return Guard.Run(context, () =>
            {
                if (!File.Exists(context.WarehousePath))
                {
                    throw new ConfigException($"no warehouse at {context.WarehousePath}: run 'cxw run' first");
                }
                using var db = DuckDb.Open(context.WarehousePath, new WarehouseSettings(), null, readOnly: true);
                // The text functions the models call (cx_sentiment, cx_topics...), so that a view using them, or a
                // compiled model file (out/compiled/), runs here as in a build; topics as the configuration says.
                CxWarehouse.Text.TextFunctions.Register(db, File.Exists(context.ConfigPath)
                    ? context.LoadConfig().Topics.Tagger
                    : CxWarehouse.Text.TopicTagger.Default);
                DuckDb.Confine(db, [context.LakePath, Path.GetDirectoryName(context.WarehousePath)!]);
                using var command = db.CreateCommand();
                command.CommandText = parse.GetValue(query)!;
                using var reader = command.ExecuteReader();
                var output = Console.Out;
                switch (parse.GetValue(format))
                {
                    case "csv":
                        WriteCsv(reader, output);
                        break;
                    case "json":
                        WriteJson(reader, output);
                        break;
                    default:
                        WriteTable(reader, output);
                        break;
                }
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static string Text(object? value) => value switch
    {
        null or DBNull => "",
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void WriteCsv(DbDataReader reader, TextWriter output)
    {
        static string Quote(string s) =>
            s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
        output.WriteLine(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => Quote(reader.GetName(i)))));
        while (reader.Read())
        {
            output.WriteLine(string.Join(",", Enumerable.Range(0, reader.FieldCount)
                .Select(i => Quote(Text(reader.IsDBNull(i) ? null : reader.GetValue(i))))));
        }
    }

    private static void WriteJson(DbDataReader reader, TextWriter output)
    {
        using var stream = Console.OpenStandardOutput();
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        while (reader.Read())
        {
            json.WriteStartObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                json.WritePropertyName(reader.GetName(i));
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                switch (value)
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case bool b:
                        json.WriteBooleanValue(b);
                        break;
                    case byte or short or int or long or float or double or decimal:
                        json.WriteRawValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                        break;
                    default:
                        json.WriteStringValue(Text(value));
                        break;
                }
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.Flush();
        output.Flush();
        stream.Write("\n"u8);
    }

    private static void WriteTable(DbDataReader reader, TextWriter output)
    {
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount)
                .Select(i => Text(reader.IsDBNull(i) ? null : reader.GetValue(i)).ReplaceLineEndings(" ")).ToArray());
        }
        var widths = names.Select((n, i) => Math.Min(60, Math.Max(n.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length)))).ToArray();
        string Line(string[] cells) => string.Join(" | ", cells.Select((c, i) =>
            (c.Length > widths[i] ? c[..(widths[i] - 1)] + "…" : c).PadRight(widths[i]))).TrimEnd();
        var text = new StringBuilder();
        text.AppendLine(Line(names));
        text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            text.AppendLine(Line(row));
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"({rows.Count} row{(rows.Count == 1 ? "" : "s")})");
        output.Write(text);
    }
}
