using System.Text;

namespace CxWarehouse.Generator.Tests.Support;

/// <summary>
/// A small RFC 4180 reader for tests: quoted fields may hold commas, quotes and newlines; records end
/// at CRLF or LF outside quotes. Returns every record with the physical line it starts on.
/// </summary>
public static class StrictCsv
{
    public static List<CsvRecord> Parse(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1L;
        var recordLine = 1L;
        var inQuotes = false;
        var i = 0;
        var any = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                    i++;
                    continue;
                }

                if (c == '\n')
                {
                    line++;
                }

                field.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"':
                    inQuotes = true;
                    any = true;
                    i++;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    i++;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    i++;
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new CsvRecord(recordLine, [.. fields]));
                    fields.Clear();
                    any = false;
                    line++;
                    recordLine = line;
                    i++;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    i++;
                    break;
            }
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, [.. fields]));
        }

        return records;
    }

    public static List<CsvRecord> ParseFile(string path) =>
        Parse(File.ReadAllText(path, new UTF8Encoding(false, true)));
}
