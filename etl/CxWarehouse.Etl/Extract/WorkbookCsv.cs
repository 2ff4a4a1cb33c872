using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace CxWarehouse.Etl.Extract;

/// <summary>
/// An Excel workbook (.xlsx, or an Excel 97-2003 .xls through <see cref="BiffWorkbook"/>) read as the CSV file Excel's
/// "Save as CSV UTF-8" writes of its first worksheet, so every profile that reads CSV reads the workbooks HubSpot,
/// Qualtrics and Salesforce reports offer beside CSV. The sheet is streamed row by row (only the shared strings and
/// the cell formats are held); a cell's value is written as its text: a date or time (a number under a date format)
/// as ISO <c>yyyy-MM-dd HH:mm:ss</c> in the workbook's own wall time, a number in invariant digits (at most 15
/// significant, as Excel shows them), TRUE or FALSE, an error as Excel spells it (#N/A). Rows keep their order; empty cells and cells Excel left out are empty fields,
/// so every row has at least the first row's fields.
/// </summary>
internal static class WorkbookCsv
{
    /// <summary>
    /// True when the file is an Excel workbook: an Office Open XML one (a zip holding <c>xl/workbook.xml</c>) or a
    /// compound file, as an Excel 97-2003 one is (read by <see cref="BiffWorkbook"/>, which names a compound file
    /// that holds no workbook as such).
    /// </summary>
    public static bool IsWorkbook(string path)
    {
        try
        {
            Span<byte> start = stackalloc byte[8];
            using (var file = File.OpenRead(path))
            {
                if (!MayBeWorkbook(start[..file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false)]))
                {
                    return false;
                }
            }
            if (BiffWorkbook.IsCompoundFile(start))
            {
                return true;
            }
            using var zip = ZipFile.OpenRead(path);
            return zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Whether a file's first eight bytes may start a workbook: a compound file's signature, or a zip's.</summary>
    public static bool MayBeWorkbook(ReadOnlySpan<byte> start) =>
        start.Length == 8 && (BiffWorkbook.IsCompoundFile(start) || start[..4].SequenceEqual("PK\u0003\u0004"u8));

    /// <summary>
    /// Writes the first sheet of <paramref name="path"/> to <paramref name="output"/> as UTF-8 CSV (comma, LF line
    /// ends, fields quoted when they hold a comma, a quote or a line break), at most <paramref name="maxRows"/> rows.
    /// Returns whether the whole sheet was written.
    /// </summary>
    public static bool Write(string path, string displayName, Stream output, int maxRows = int.MaxValue)
    {
        try
        {
            var rows = BiffWorkbook.IsCompoundFile(path) ? BiffWorkbook.Rows(path, displayName) : OpenXmlRows(path, displayName);
            using var text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            var written = 0;
            var width = 0;
            foreach (var fields in rows)
            {
                if (written == maxRows)
                {
                    return false;
                }
                if (written == 0)
                {
                    width = fields.Count;
                }
                for (var i = 0; i < Math.Max(fields.Count, width); i++)
                {
                    if (i > 0)
                    {
                        text.Write(',');
                    }
                    WriteField(text, i < fields.Count ? fields[i] : "");
                }
                text.Write('\n');
                written++;
            }
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or KeyNotFoundException or FormatException
            or ArgumentOutOfRangeException or OverflowException or EndOfStreamException or IndexOutOfRangeException)
        {
            throw new SourceFileException($"{displayName}: the Excel workbook cannot be read ({ex.Message}); open it in "
                + "Excel or LibreOffice and save it again, or export the data as CSV");
        }
    }

    /// <summary>An .xlsx workbook's first sheet, row by row (the list reused from row to row).</summary>
    private static IEnumerable<List<string>> OpenXmlRows(string path, string displayName)
    {
        using var zip = ZipFile.OpenRead(path);
        var (sheet, date1904) = FirstSheet(zip, displayName);
        var strings = SharedStrings(zip);
        var dateStyles = DateStyles(zip);
        using var stream = sheet.Open();
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { IgnoreWhitespace = false, DtdProcessing = DtdProcessing.Prohibit });
        var fields = new List<string>();
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "row")
            {
                fields.Clear();
                ReadRow(xml, fields, strings, dateStyles, date1904);
                yield return fields;
            }
        }
    }

    /// <summary>The first <paramref name="maxRows"/> rows of the first sheet as CSV text, and whether that is all.</summary>
    public static (string Text, bool Complete) Peek(string path, int maxRows)
    {
        using var buffer = new MemoryStream();
        var complete = Write(path, Path.GetFileName(path), buffer, maxRows);
        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), complete);
    }

    /// <summary>
    /// The first worksheet in the workbook's tab order (a chart sheet before it is passed over, as the .xls reader
    /// passes it), and whether the workbook counts dates from 1904.
    /// </summary>
    private static (ZipArchiveEntry Sheet, bool Date1904) FirstSheet(ZipArchive zip, string displayName)
    {
        var relations = new List<string>();
        var date1904 = false;
        using (var xml = XmlReader.Create(zip.GetEntry("xl/workbook.xml")!.Open()))
        {
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (xml.LocalName == "workbookPr")
                {
                    date1904 = xml.GetAttribute("date1904") is "1" or "true";
                }
                else if (xml.LocalName == "sheet" && Attribute(xml, "id") is { } relation)
                {
                    relations.Add(relation);
                }
            }
        }
        var targets = new Dictionary<string, (string Type, string Target)>(StringComparer.Ordinal);
        var rels = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (rels is not null)
        {
            using var xml = XmlReader.Create(rels.Open());
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("Id") is { } id)
                {
                    targets[id] = (xml.GetAttribute("Type") ?? "", xml.GetAttribute("Target") ?? "");
                }
            }
        }
        var target = relations
            .Select(r => targets.TryGetValue(r, out var t) ? t : default)
            .FirstOrDefault(t => t.Target is { Length: > 0 } && !t.Type.EndsWith("/chartsheet", StringComparison.Ordinal)
                && !t.Type.EndsWith("/dialogsheet", StringComparison.Ordinal))
            .Target ?? "worksheets/sheet1.xml";
        var name = target.StartsWith('/') ? target[1..] : "xl/" + target;
        var sheet = zip.GetEntry(name)
            ?? throw new SourceFileException($"{displayName}: the Excel workbook names its first sheet {name}, which it does "
                + "not hold; open it in Excel or LibreOffice and save it again, or export the data as CSV");
        return (sheet, date1904);
    }

    /// <summary>An attribute by local name, whatever its namespace (r:id).</summary>
    private static string? Attribute(XmlReader xml, string localName)
    {
        for (var i = 0; i < xml.AttributeCount; i++)
        {
            xml.MoveToAttribute(i);
            if (xml.LocalName == localName)
            {
                var value = xml.Value;
                xml.MoveToElement();
                return value;
            }
        }
        xml.MoveToElement();
        return null;
    }

    private static List<string> SharedStrings(ZipArchive zip)
    {
        var strings = new List<string>();
        var entry = zip.GetEntry("xl/sharedStrings.xml");
        if (entry is null)
        {
            return strings;
        }
        using var xml = XmlReader.Create(entry.Open());
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                strings.Add(InlineText(xml));
            }
        }
        return strings;
    }

    /// <summary>The text of an <c>si</c> or <c>is</c> element: its <c>t</c> runs, phonetic runs (<c>rPh</c>) left out.</summary>
    private static string InlineText(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return "";
        }
        var depth = xml.Depth;
        var text = new StringBuilder();
        xml.Read();
        while (!xml.EOF && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh")
            {
                xml.Skip();
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
            {
                text.Append(xml.ReadElementContentAsString());
            }
            else
            {
                xml.Read();
            }
        }
        return text.ToString();
    }

    /// <summary>Per cell format (the <c>s</c> index), what a number under it shows: a date, a time, both, or neither.</summary>
    private static List<DateKind> DateStyles(ZipArchive zip)
    {
        var kinds = new List<DateKind>();
        var entry = zip.GetEntry("xl/styles.xml");
        if (entry is null)
        {
            return kinds;
        }
        var custom = new Dictionary<int, string>();
        using var xml = XmlReader.Create(entry.Open());
        var inCellFormats = false;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
            {
                inCellFormats = false;
            }
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            switch (xml.LocalName)
            {
                case "numFmt" when int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id):
                    custom[id] = xml.GetAttribute("formatCode") ?? "";
                    break;
                case "cellXfs":
                    inCellFormats = !xml.IsEmptyElement;
                    break;
                case "xf" when inCellFormats:
                    var format = int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var n) ? n : 0;
                    kinds.Add(custom.TryGetValue(format, out var code) ? KindOf(code) : BuiltInKind(format));
                    break;
            }
        }
        return kinds;
    }

    [Flags]
    internal enum DateKind
    {
        None = 0,
        Date = 1,
        Time = 2,
    }

    /// <summary>Excel's built-in number formats that show dates or times (ECMA-376 18.8.30, and the East Asian ones).</summary>
    internal static DateKind BuiltInKind(int id) => id switch
    {
        14 or 15 or 16 or 17 or (>= 27 and <= 31) or 34 or 35 or 36 or (>= 50 and <= 54) or 57 or 58 => DateKind.Date,
        18 or 19 or 20 or 21 or 45 or 47 or 32 or 33 or 55 or 56 => DateKind.Time,
        22 => DateKind.Date | DateKind.Time,
        _ => DateKind.None,
    };

    /// <summary>
    /// What a custom format code shows: its letters outside quoted text, escapes and brackets (colours, locales;
    /// an elapsed <c>[h]</c> is a duration, shown as the number) name days, months and years, or hours and seconds.
    /// </summary>
    internal static DateKind KindOf(string code)
    {
        var section = code.Split(';')[0];
        if (section.Contains("[h", StringComparison.OrdinalIgnoreCase) || section.Contains("[m", StringComparison.OrdinalIgnoreCase)
            || section.Contains("[s", StringComparison.OrdinalIgnoreCase))
        {
            return DateKind.None;
        }
        var kind = DateKind.None;
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            if (c == '"')
            {
                var end = section.IndexOf('"', i + 1);
                i = end < 0 ? section.Length : end;
            }
            else if (c is '\\' or '_' or '*')
            {
                i++;
            }
            else if (c == '[')
            {
                var end = section.IndexOf(']', i + 1);
                i = end < 0 ? section.Length : end;
            }
            else
            {
                switch (char.ToLowerInvariant(c))
                {
                    case 'y' or 'd':
                        kind |= DateKind.Date;
                        break;
                    case 'h' or 's':
                        kind |= DateKind.Time;
                        break;
                    case 'm':
                        // Month or minute: a minute beside an hour or a second; either way a date-time format.
                        kind |= section.Contains('h', StringComparison.OrdinalIgnoreCase) || section.Contains('s', StringComparison.OrdinalIgnoreCase)
                            ? DateKind.Time : DateKind.Date;
                        break;
                }
            }
        }
        return kind;
    }

    private static void ReadRow(XmlReader xml, List<string> fields, List<string> strings, List<DateKind> dateStyles, bool date1904)
    {
        if (xml.IsEmptyElement)
        {
            return;
        }
        var depth = xml.Depth;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c")
            {
                continue;
            }
            var reference = xml.GetAttribute("r");
            var type = xml.GetAttribute("t") ?? "n";
            var style = int.TryParse(xml.GetAttribute("s"), CultureInfo.InvariantCulture, out var s) ? s : 0;
            var column = reference is null ? fields.Count : ColumnIndex(reference);
            while (fields.Count < column)
            {
                fields.Add("");
            }
            string? value = null;
            string? inline = null;
            if (!xml.IsEmptyElement)
            {
                var cellDepth = xml.Depth;
                while (xml.Read() && xml.Depth > cellDepth)
                {
                    if (xml.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }
                    if (xml.LocalName == "v")
                    {
                        value = xml.ReadElementContentAsString();
                        if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == cellDepth)
                        {
                            break;
                        }
                    }
                    else if (xml.LocalName == "is")
                    {
                        inline = InlineText(xml);
                    }
                }
            }
            var text = type switch
            {
                "s" when value is not null => strings[int.Parse(value, CultureInfo.InvariantCulture)],
                "inlineStr" => inline ?? value ?? "",
                "str" or "e" => value ?? "",
                "b" => value == "1" ? "TRUE" : value is null ? "" : "FALSE",
                // An ISO 8601 date cell (written by some tools, not by Excel): the date and time as they are.
                "d" => (value ?? "").Replace('T', ' '),
                _ when string.IsNullOrEmpty(value) => "",
                _ => Number(value, style < dateStyles.Count ? dateStyles[style] : DateKind.None, date1904),
            };
            if (fields.Count == column)
            {
                fields.Add(text);
            }
            else
            {
                fields[column] = text;
            }
        }
    }

    /// <summary>The zero-based column of a cell reference (<c>AB12</c> gives 27).</summary>
    internal static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
            if (column > MaxColumns)
            {
                throw new InvalidDataException($"a cell reference ({reference}) beyond the last column, XFD");
            }
        }
        return column - 1;
    }

    /// <summary>Excel's last column is XFD, the 16,384th: a reference beyond it is a broken (or hostile) sheet.</summary>
    internal const int MaxColumns = 16_384;

    /// <summary>A numeric cell's text: a date, time or date-time under a date format, else the number as Excel shows it.</summary>
    internal static string Number(string value, DateKind kind, bool date1904)
    {
        var number = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (kind == DateKind.None || number < 0 || number >= 2958466)
        {
            // Excel keeps 15 significant digits; the stored text may carry the binary double's longer expansion.
            return value.Count(char.IsAsciiDigit) > 15 ? number.ToString("G15", CultureInfo.InvariantCulture) : value;
        }
        // Serial days since 1899-12-30 (Excel's 1900 system, whose false 29 February 1900 only shifts dates before
        // March 1900) or since 1904-01-01, the fraction the time of day; to the millisecond.
        var epoch = date1904 ? new DateTime(1904, 1, 1) : new DateTime(1899, 12, 30);
        var moment = epoch.AddMilliseconds(Math.Round(number * 86_400_000d));
        var hasTime = moment.TimeOfDay != TimeSpan.Zero;
        var clock = moment.Millisecond != 0 ? "HH:mm:ss.fff" : "HH:mm:ss";
        if (kind == DateKind.Time && number < 1)
        {
            return moment.ToString(clock, CultureInfo.InvariantCulture);
        }
        return kind.HasFlag(DateKind.Time) || hasTime
            ? moment.ToString("yyyy-MM-dd " + clock, CultureInfo.InvariantCulture)
            : moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static void WriteField(StreamWriter text, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Write(field);
            return;
        }
        text.Write('"');
        text.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
        text.Write('"');
    }
}
