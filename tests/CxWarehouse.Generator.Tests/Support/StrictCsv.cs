using System.Text;
using nietras.SeparatedValues;

namespace CxWarehouse.Generator.Tests.Support;

/// <summary>
/// RFC 4180 records for tests, read with Sep (the project's one CSV scanner): quoted fields may hold commas, quotes
/// and newlines; records end at CRLF or LF outside quotes. Returns every record with the physical line it starts on.
/// </summary>
public static class StrictCsv
{
    public static List<CsvRecord> Parse(string text)
    {
        var records = new List<CsvRecord>();
        var line = 1L;
        using var reader = Sep.New(',').Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
        }).FromText(text);
        foreach (var row in reader)
        {
            var fields = new string[row.ColCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = row[i].ToString();
            }
            records.Add(new CsvRecord(line, fields));
            // The next record starts on the line after this one's last: quoted line breaks count as lines.
            line += row.Span.Count('\n') + 1;
        }
        return records;
    }

    public static List<CsvRecord> ParseFile(string path) =>
        Parse(File.ReadAllText(path, new UTF8Encoding(false, true)));
}
