using System.IO.Compression;
using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;

namespace CxWarehouse.Etl.Extract;

/// <summary>How the records of a JSON file are laid out.</summary>
public enum JsonLayout
{
    /// <summary>One object per line (NDJSON, JSON lines).</summary>
    Lines,

    /// <summary>A document whose records sit in an array: a top-level array, or an API page such as
    /// <c>{"tickets": [...], "next_page": ...}</c>; <see cref="FilePeek.RecordsPath"/> names it.</summary>
    Document,

    /// <summary>Objects one after another with no separator or across lines (Kinesis Firehose, pretty-printed).</summary>
    Concatenated,
}

/// <summary>
/// What the start of a file shows, read before any stream claims it: the encoding its byte-order mark declares, its
/// first CSV records (header rows included) for each delimiter asked, and for JSON the record layout and the keys of
/// its first record. Recognising a file by what it holds, not by its name, starts here.
/// </summary>
internal sealed class FilePeek
{
    /// <summary>How much of a file is read to recognise it; a header row longer than this is not recognised.</summary>
    private const int PeekBytes = 1 << 20;

    private readonly Dictionary<char, IReadOnlyList<IReadOnlyList<string>>> _rows = [];

    private FilePeek(string path, string text, bool complete, string? bomEncoding)
    {
        Path = path;
        Text = text;
        Complete = complete;
        BomEncoding = bomEncoding;
        var start = text.AsSpan().TrimStart();
        IsJson = start.Length > 0 && start[0] is '{' or '[';
        if (IsJson)
        {
            ReadJsonShape(text);
        }
    }

    public string Path { get; }

    /// <summary>The text read (decoded), at most <see cref="PeekBytes"/>.</summary>
    private string Text { get; }

    /// <summary>True when the whole file was read.</summary>
    private bool Complete { get; }

    /// <summary>utf-8, utf-16le or utf-16be when the file starts with that byte-order mark; else null.</summary>
    public string? BomEncoding { get; }

    public bool IsJson { get; }

    public JsonLayout Layout { get; private set; }

    /// <summary>For <see cref="JsonLayout.Document"/>: the JSON path of the records array (<c>$</c> or <c>$.tickets</c>).</summary>
    public string RecordsPath { get; private set; } = "$";

    /// <summary>The top-level keys of the first record.</summary>
    public IReadOnlySet<string> RecordKeys { get; private set; } = new HashSet<string>();

    /// <summary>Per array-valued key of a top-level object (an API page): the keys of the array's first object.</summary>
    private Dictionary<string, HashSet<string>> PageArrays { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per object-valued key of a top-level object: the object's keys. An API's single-record response wraps the
    /// record so (Zendesk's show ticket endpoint writes {"ticket": {...}}).
    /// </summary>
    private Dictionary<string, HashSet<string>> WrappedObjects { get; } = new(StringComparer.Ordinal);

    /// <summary>The peek of a file, or null for an empty file or one that cannot be read now (its inspection says why).</summary>
    public static FilePeek? TryRead(string path, string declaredEncoding)
    {
        try
        {
            return ZipMembers.Info(path).Length == 0 ? null : Read(path, declaredEncoding);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static FilePeek Read(string path, string declaredEncoding)
    {
        if (ZipMembers.TrySplit(path, out var archive, out var member))
        {
            return ReadMember(path, archive, member, declaredEncoding);
        }
        if (WorkbookCsv.IsWorkbook(path))
        {
            // An Excel workbook is recognised by its first sheet's first rows, as the CSV it is read as; one that
            // cannot be read is recognised by no stream, and "no readable export" says why.
            try
            {
                var (csv, whole) = WorkbookCsv.Peek(path, WorkbookPeekRows);
                return new FilePeek(path, csv, whole, null);
            }
            catch (SourceFileException)
            {
                return new FilePeek(path, "", true, null);
            }
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(path, file, declaredEncoding);
    }

    /// <summary>
    /// A file inside a .zip archive, read from the archive as it decompresses; a workbook inside one is copied out
    /// first (its sheet is found by seeking in it).
    /// </summary>
    private static FilePeek ReadMember(string path, string archive, string member, string declaredEncoding)
    {
        using var zip = ZipFile.OpenRead(archive);
        var entry = zip.GetEntry(member) ?? throw new IOException($"{path}: not in the archive");
        if (IsWorkbookMember(entry))
        {
            var copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Guid.NewGuid().ToString("N") + System.IO.Path.GetExtension(member));
            try
            {
                entry.ExtractToFile(copy);
                var peek = Read(copy, declaredEncoding);
                return new FilePeek(path, peek.Text, peek.Complete, peek.BomEncoding);
            }
            finally
            {
                File.Delete(copy);
            }
        }
        using var stream = entry.Open();
        return Read(path, stream, declaredEncoding);
    }

    private static FilePeek Read(string path, Stream file, string declaredEncoding)
    {
        using var input = SourceFileInspector.IsGzip(path) ? new GZipStream(file, CompressionMode.Decompress) : file;
        var buffer = new byte[ShortPeekBytes];
        var length = 0;
        var want = ShortPeekBytes;
        try
        {
            // The first 64 KiB usually hold a CSV file's header rows or a JSON file's first records; only a file
            // whose start shows few lines (a long header, one minified document) or an array is read further. A
            // weekly run peeks at every delivered file, so this is paid per file, 1,456 of them for two years.
            int read;
            while (length < want && (read = input.Read(buffer, length, want - length)) > 0)
            {
                length += read;
                if (length == want && want < PeekBytes && NeedsMore(buffer.AsSpan(0, length)))
                {
                    want = PeekBytes;
                    Array.Resize(ref buffer, want);
                }
            }
        }
        catch (InvalidDataException)
        {
            // A broken gzip stream: what was read is what there is; the inspection reports the fault.
        }
        var complete = length < want || input.ReadByte() < 0;
        var bom = BomOf(buffer.AsSpan(0, length));
        var encoding = TextEncodings.Get(bom ?? declaredEncoding, strict: false);
        var skip = bom switch { "utf-8" => 3, "utf-16le" or "utf-16be" => 2, _ => 0 };
        var text = encoding.GetString(buffer, skip, length - skip);
        return new FilePeek(path, text, complete, bom);
    }

    private const int ShortPeekBytes = 1 << 16;

    /// <summary>
    /// A member that may be a workbook, known by its first bytes as the inspection knows it (a zip, or a compound
    /// file), and under 1 GiB, since it is copied out whole to be looked at.
    /// </summary>
    private static bool IsWorkbookMember(ZipArchiveEntry entry)
    {
        if (entry.Length is < 8 or > 1L << 30)
        {
            return false;
        }
        Span<byte> start = stackalloc byte[8];
        using var stream = entry.Open();
        return WorkbookCsv.MayBeWorkbook(start[..stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false)]);
    }

    /// <summary>How many rows of a workbook's first sheet are read to recognise it.</summary>
    private const int WorkbookPeekRows = 64;

    private static bool NeedsMore(ReadOnlySpan<byte> start)
    {
        var first = start.TrimStart(" \t\r\n\uFEFF"u8);
        return start.Count((byte)'\n') < 16 || first is [(byte)'[', ..];
    }

    /// <summary>The encoding a byte-order mark at the start of <paramref name="bytes"/> declares, or null.</summary>
    public static string? BomOf(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => "utf-8",
        [0xFF, 0xFE, ..] => "utf-16le",
        [0xFE, 0xFF, ..] => "utf-16be",
        _ => null,
    };

    /// <summary>
    /// The first CSV records of the file split on <paramref name="delimiter"/> (quotes and doubled quotes undone), at
    /// most <paramref name="count"/>; a record the peek cut off is left out.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> CsvRecords(char delimiter, int count = 4)
    {
        if (_rows.TryGetValue(delimiter, out var cached) && cached.Count >= Math.Min(count, cached.Count))
        {
            return cached;
        }
        var rows = new List<IReadOnlyList<string>>();
        var text = Text;
        if (!Complete)
        {
            // The last line may be cut off: keep whole lines only.
            var end = text.LastIndexOf('\n');
            text = end < 0 ? "" : text[..(end + 1)];
        }
        try
        {
            using var reader = Sep.New(delimiter).Reader(o => o with
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
                rows.Add(fields);
                if (rows.Count >= Math.Max(count, 4))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or NotSupportedException)
        {
            // Not CSV in this dialect: no records.
        }
        _rows[delimiter] = rows;
        return rows;
    }

    /// <summary>
    /// True when a record has every key in <paramref name="keys"/>: the first record itself, or the first element of
    /// one of a page's arrays (then <see cref="Layout"/> becomes a document read at that array).
    /// </summary>
    public bool HasRecordKeys(IReadOnlyCollection<string> keys, IReadOnlyCollection<string> without)
    {
        if (keys.All(RecordKeys.Contains) && !without.Any(RecordKeys.Contains))
        {
            return true;
        }
        foreach (var (name, arrayKeys) in PageArrays.Concat(WrappedObjects))
        {
            if (keys.Count > 0 && keys.All(arrayKeys.Contains) && !without.Any(arrayKeys.Contains))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The layout and records path for a stream whose records have <paramref name="keys"/>.</summary>
    public (JsonLayout Layout, string RecordsPath) LayoutFor(IReadOnlyCollection<string> keys)
    {
        // A page object (its arrays known) is a document too, but its records are in one of its arrays: it was
        // read as the array "$" when pretty-printed over several lines, and failed.
        if ((Layout == JsonLayout.Document && PageArrays.Count == 0) || keys.Count == 0 || keys.All(RecordKeys.Contains))
        {
            return (Layout, RecordsPath);
        }
        foreach (var (name, arrayKeys) in PageArrays.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (keys.All(arrayKeys.Contains))
            {
                return (JsonLayout.Document, "$." + name);
            }
        }
        // A page whose one array is empty: its records (none) are there, not the page itself.
        if (PageArrays.Count(p => p.Value.Count == 0) == 1 && PageArrays.Values.All(v => v.Count == 0))
        {
            return (JsonLayout.Document, "$." + PageArrays.Single().Key);
        }
        // One record wrapped in an object ({"ticket": {...}}): a document whose one record is at that key (each
        // object of the file, if the file has one per line).
        foreach (var (name, objectKeys) in WrappedObjects.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (keys.All(objectKeys.Contains))
            {
                return (JsonLayout.Document, "$." + name);
            }
        }
        return (Layout, RecordsPath);
    }

    private void ReadJsonShape(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, isFinalBlock: Complete, new JsonReaderState(new JsonReaderOptions
        {
            AllowMultipleValues = true,
            CommentHandling = JsonCommentHandling.Skip,
        }));
        try
        {
            if (!reader.Read())
            {
                return;
            }
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                // A top-level array is a document of records, unless it is complete on its first line and more
                // values follow: then it is a bad first line of a file of JSON lines.
                var probe = reader;
                if (probe.TrySkip() && HasFollowingValue(bytes, (int)probe.BytesConsumed)
                    && Array.IndexOf(bytes, (byte)'\n', 0, (int)probe.BytesConsumed) < 0)
                {
                    Layout = JsonLayout.Lines;
                    RecordKeys = FirstObjectLineKeys(bytes);
                    return;
                }
                Layout = JsonLayout.Document;
                RecordsPath = "$";
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    RecordKeys = ObjectKeys(ref reader, PageArrays: null);
                }
                return;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // A first line that is not an object (a bad line of a file of JSON lines).
                RecordKeys = FirstObjectLineKeys(bytes);
                return;
            }
            var start = (int)reader.TokenStartIndex;
            RecordKeys = ObjectKeys(ref reader, PageArrays, WrappedObjects);
            var end = (int)reader.BytesConsumed;
            // One object on one line, then a line end: JSON lines. Anything else (a second object on the same line,
            // an object across several lines) is a sequence of concatenated objects.
            var spansLines = Array.IndexOf(bytes, (byte)'\n', start, end - start) >= 0;
            var next = end;
            while (next < bytes.Length && bytes[next] is (byte)' ' or (byte)'\t' or (byte)'\r')
            {
                next++;
            }
            var nextIsLineEnd = next >= bytes.Length || bytes[next] == (byte)'\n';
            Layout = !spansLines && nextIsLineEnd ? JsonLayout.Lines : JsonLayout.Concatenated;
            if (Layout == JsonLayout.Concatenated && !spansLines && FirstObjectLineKeys(bytes).Count > 0)
            {
                // Two objects on the first line of a file whose other lines are whole objects: JSON lines with a bad
                // first line (quarantined as such), not objects back to back.
                Layout = JsonLayout.Lines;
            }
            if (Layout == JsonLayout.Concatenated && PageArrays.Count > 0 && !HasFollowingValue(bytes, end))
            {
                // A single object holding arrays: one page of an API, its records in one of the arrays.
                Layout = JsonLayout.Document;
                RecordsPath = "$";
            }
        }
        catch (JsonException)
        {
            // The start does not parse: a broken first line of JSON lines (other lines are whole objects), or a
            // document cut off or broken (no line is a whole object on its own), which the inspection then reports
            // with its line. Recognition goes by the first line that is a whole object.
            RecordKeys = FirstObjectLineKeys(bytes);
            Layout = RecordKeys.Count > 0 || !Complete ? JsonLayout.Lines
                : text.AsSpan().TrimStart()[0] == '[' ? JsonLayout.Document : JsonLayout.Concatenated;
        }
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("the first record is longer than the part of the file read to recognise it");
        }
    }

    /// <summary>The keys of the first line (of the first thousand) that is a whole JSON object.</summary>
    private static HashSet<string> FirstObjectLineKeys(byte[] bytes)
    {
        var start = 0;
        for (var n = 0; n < 1000 && start < bytes.Length; n++)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                end = bytes.Length;
            }
            var line = bytes.AsSpan(start, end - start);
            var trimmed = line.TrimStart((byte)' ');
            if (trimmed.Length > 0 && trimmed[0] == (byte)'{')
            {
                try
                {
                    var reader = new Utf8JsonReader(line, isFinalBlock: true, default);
                    if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        var keys = ObjectKeys(ref reader, null);
                        // A whole object, and nothing after it on the line (not an element of a pretty-printed array).
                        if (line[(int)reader.BytesConsumed..].Trim(" \t\r"u8).Length == 0)
                        {
                            return keys;
                        }
                    }
                }
                catch (JsonException)
                {
                    // Not this line.
                }
            }
            start = end + 1;
        }
        return [];
    }

    private static bool HasFollowingValue(byte[] bytes, int from)
    {
        for (var i = from; i < bytes.Length; i++)
        {
            if (bytes[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Reads an object whose StartObject the reader is on, to its end; returns its keys and, when asked, the keys of
    /// the first object of each array-valued property and of each object-valued property.
    /// </summary>
    private static HashSet<string> ObjectKeys(ref Utf8JsonReader reader, Dictionary<string, HashSet<string>>? PageArrays,
        Dictionary<string, HashSet<string>>? objects = null)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                return keys;
            }
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1)
            {
                continue;
            }
            var name = reader.GetString()!;
            keys.Add(name);
            if (!reader.Read())
            {
                break;
            }
            if (reader.TokenType == JsonTokenType.StartArray && PageArrays is not null)
            {
                // An empty array is still where a page's records would be (the last page of an export).
                PageArrays[name] = [];
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    PageArrays[name] = ObjectKeys(ref reader, null);
                }
                if (reader.TokenType != JsonTokenType.EndArray)
                {
                    Skip(ref reader);
                    // Skip leaves the reader on the last token of the array's current element; move to the array's end.
                    while (reader.CurrentDepth > depth + 1 && reader.Read())
                    {
                    }
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject && objects is not null)
            {
                objects[name] = ObjectKeys(ref reader, null);
            }
            else if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                Skip(ref reader);
            }
        }
        throw new JsonException("the first record is longer than the part of the file read to recognise it");
    }
}

/// <summary>The text encodings a source can declare, by their configuration names.</summary>
internal static class TextEncodings
{
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// utf-16le or utf-16be when a quarter or more of <paramref name="bytes"/> are zero (text in UTF-16 without a
    /// byte-order mark: ASCII characters have a zero byte), by which side the zero falls on; else null.
    /// </summary>
    public static string? Utf16ByZeros(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 1 && bytes.Count((byte)0) * 4 > bytes.Length ? (bytes[1] == 0 ? "utf-16le" : "utf-16be") : null;

    /// <summary>Names accepted in <c>encoding:</c>; any other code page .NET knows is accepted too.</summary>
    public static readonly string[] Names = ["utf-8", "utf-16le", "utf-16be", "latin-1", "windows-1252", "windows-1251", "gb18030"];

    public static bool IsKnown(string name)
    {
        try
        {
            _ = Get(name, strict: true);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static Encoding Get(string name, bool strict)
    {
        var decoder = strict ? DecoderFallback.ExceptionFallback : DecoderFallback.ReplacementFallback;
        return name switch
        {
            "utf-8" => strict ? new UTF8Encoding(false, throwOnInvalidBytes: true) : new UTF8Encoding(false, false),
            "utf-16le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: strict),
            "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: strict),
            "latin-1" => Encoding.Latin1,
            _ => Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, decoder),
        };
    }
}
