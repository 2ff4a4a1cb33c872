using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CxWarehouse.Etl.Warehouse;
using DuckDB.NET.Data;

namespace CxWarehouse.Etl.Extract;

/// <summary>
/// JSON lines parsed by DuckDB's own JSON-lines reader as it reads the file: one parse per line, with the structure
/// the typed select reads (<see cref="StreamSqlBuilder.ParsedLines"/>), instead of the lines read as text,
/// checked with json_valid and parsed again. The reader skips blank lines and gives a malformed line (and the line
/// after an unterminated string) no value, so the result holds only where it is proved to match the lines: a row
/// for every physical line (no blank line, no line ended by a carriage return alone), and the lines read back by
/// number (every line quarantined or flagged, and probes) typed again from their text to the reader's row at their
/// position. A line without a parsed value gets its reason from its text, or its row when it is an object after all.
/// Anything else (a blank line, a disagreement, a quarantine too large to read back) types the file the other way,
/// whose quarantine is the same line for line.
/// </summary>
public sealed partial class Extractor
{
    /// <summary>
    /// The smallest file parsed by the reader. Its proof costs about ten statements a file (the lines read back,
    /// typed again and compared), which a file of a few megabytes does not win back: 30 GA4 files of 12 MB took as
    /// long either way, one file of 378 MB 1.1 s to type instead of 1.6 s.
    /// </summary>
    private const long ReaderMinimumBytes = 32L * 1024 * 1024;

    /// <summary>Quarantined or flagged lines read back from the file by number; beyond it, the other way.</summary>
    private const int MaxLinesReadBack = 100_000;

    /// <summary>Lines read back at even steps through the file besides those kept, to prove the rows are in order.</summary>
    private const int Probes = 32;

    /// <summary>The DuckDB type of a json_transform structure (objects of typed keys), and its top-level keys.</summary>
    private static (string Type, IReadOnlyList<string> Keys)? ReaderType(string structure)
    {
        try
        {
            using var document = JsonDocument.Parse(structure);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            return keys.Count == 0 ? null : (Type(document.RootElement), keys);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }

        static string Type(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String when element.GetString() is { } name && IsTypeName(name) => name,
            JsonValueKind.Object when element.EnumerateObject().Any() => "STRUCT(" + string.Join(", ", element.EnumerateObject()
                .Select(p => $"{SqlText.Identifier(p.Name)} {Type(p.Value)}")) + ")",
            JsonValueKind.Array when element.GetArrayLength() == 1 => Type(element[0]) + "[]",
            _ => throw new FormatException("not a structure of typed keys"),
        };

        static bool IsTypeName(string name) => name.Length > 0 && char.IsAsciiLetter(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ' ' or '(' or ')' or ',');
    }

    /// <summary>The lines of a JSON-lines file as <c>src</c>, each parsed by the reader into <c>_parsed</c>.</summary>
    private static void ParsedLineSource(DuckDBConnection db, SourceFileFacts facts, string display,
        (string Type, IReadOnlyList<string> Keys) parse)
    {
        var empty = string.Join(" AND ", parse.Keys.Select(k => $"_parsed.{SqlText.Identifier(k)} IS NULL"));
        DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "json_lines_parsed", ("file", SqlText.Literal(display)),
            ("type", SqlText.Literal(parse.Type)), ("empty", empty), ("path", SqlText.Literal(facts.ReadPath)),
            ("max_line_size", MaxLineBytes.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// Whether the typed table the reader's parse gave is the file's, line for line (see the class remarks). The lines
    /// it quarantines or flags are read back as text, with probes spread over the file; every one of them that is a
    /// JSON object is typed again from its text with <paramref name="lineTypedSelect"/> (as the other way types it).
    /// A probe or kept line typed otherwise than the reader's row at its position means the rows are not the lines
    /// (not proven; typed the other way). Lines without a parsed value get their reason, or, when they are objects
    /// all the same (the reader gives no value to the line after one whose string never closes), the row typed
    /// from their text.
    /// </summary>
    private static bool ParsedLinesHold(DuckDBConnection db, string path, LineCount file,
        string lineTypedSelect, IEnumerable<string> fields, string display)
    {
        if (file.LoneReturn || DuckDb.Scalar<long>(db, SqlResources.Get("extract/typed.sql", "count_lines")) != file.Lines)
        {
            return false;
        }
        var kept = DuckDb.Rows(db, SqlResources.Get("extract/typed.sql", "kept_lines",
                ("limit", (MaxLinesReadBack + 1).ToString(CultureInfo.InvariantCulture))))
            .Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).ToList();
        if (kept.Count > MaxLinesReadBack)
        {
            return false;
        }
        var wanted = kept
            .Concat(Enumerable.Range(0, Probes + 1).Select(k => Math.Max(1, file.Lines * k / Probes)))
            .Where(l => l <= file.Lines).Distinct().Order().ToList();
        DuckDb.Execute(db, SqlResources.Get("extract/typed.sql", "create_raw_lines"));
        if (wanted.Count > 0)
        {
            using var appender = db.CreateAppender("raw_lines");
            foreach (var (line, text) in LinesAt(path, wanted, file.Marks))
            {
                appender.CreateRow().AppendValue(line).AppendValue(text).EndRow();
            }
        }
        var isObject = JsonObjectTest("r.raw");
        DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "json_lines_read_back", ("file", SqlText.Literal(display)),
            ("is_object", isObject)));
        DuckDb.Execute(db, SqlResources.Get("extract/typed.sql", "create_retyped", ("typed_select", lineTypedSelect)));
        var columns = fields.Select(SqlText.Identifier).Concat(["_kind", "_error", "_error_column", "_flag", "_deleted"]).ToList();
        var held = DuckDb.Scalar<long>(db, SqlResources.Get("extract/typed.sql", "count_retyped_otherwise",
            ("typed", string.Join(", ", columns.Select(c => "typed." + c))),
            ("retyped", string.Join(", ", columns.Select(c => "retyped." + c))))) == 0;
        if (held)
        {
            DuckDb.Execute(db, SqlResources.Get("extract/typed.sql", "read_back_lines"));
            DuckDb.Execute(db, SqlResources.Get("extract/typed.sql", "update_retyped",
                ("set", string.Join(", ", columns.Append("_raw").Select(c => $"{c} = retyped.{c}")))));
        }
        DuckDb.Execute(db, SqlResources.Get("extract/typed.sql", "drop_raw_lines"));
        return held;
    }

    /// <summary>The text of the lines numbered <paramref name="wanted"/> (ascending, from 1), read as DuckDB's line
    /// reader gives them: without the line end, a byte-order mark off the first. Where the inspection marked where
    /// lines lie (<paramref name="marks"/>), the file is read from the mark before each wanted line, not from the start:
    /// the last probe is the last line, and reading up to it read the whole file again.</summary>
    internal static IEnumerable<(long Line, string Text)> LinesAt(string path, IReadOnlyList<long> wanted,
        IReadOnlyList<LineMark> marks)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.RandomAccess);
        using var reader = new ByteReader(stream);
        var text = new ArrayBufferWriter<byte>();
        // The line that starts where the reader is.
        long line = 1;
        var mark = -1;
        foreach (var target in wanted)
        {
            // The last mark from which the target line is reached: past the line the mark falls in.
            while (mark + 1 < marks.Count && marks[mark + 1].LineFeeds + 2 <= target)
            {
                mark++;
            }
            if (mark >= 0 && marks[mark].LineFeeds + 2 > line && marks[mark].Offset > reader.BufferedEnd)
            {
                reader.Seek(marks[mark].Offset);
                if (!reader.MovePast((byte)'\n'))
                {
                    yield break;
                }
                line = marks[mark].LineFeeds + 2;
            }
            for (; line < target; line++)
            {
                if (!reader.MovePast((byte)'\n'))
                {
                    yield break;
                }
            }
            text.Clear();
            var ended = reader.MovePast((byte)'\n', text);
            if (!ended && text.WrittenCount == 0)
            {
                // Past the last line.
                yield break;
            }
            yield return (line, Text(text, line));
            line++;
            if (!ended)
            {
                yield break;
            }
        }

        static string Text(ArrayBufferWriter<byte> bytes, long line)
        {
            var span = bytes.WrittenSpan;
            if (span.Length > 0 && span[^1] == '\r')
            {
                span = span[..^1];
            }
            if (line == 1 && span.StartsWith("\uFEFF"u8))
            {
                span = span[3..];
            }
            return Encoding.UTF8.GetString(span);
        }
    }

    /// <summary>A file read forward through a pooled buffer, with jumps (<see cref="Seek"/>) to a byte offset.</summary>
    private sealed class ByteReader(FileStream stream) : IDisposable
    {
        private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private long _bufferStart;
        private int _at;
        private int _length;

        /// <summary>The offset just past the bytes buffered: a mark before it is reached faster by reading on.</summary>
        public long BufferedEnd => _bufferStart + _length;

        public void Seek(long offset)
        {
            stream.Position = offset;
            _bufferStart = offset;
            _at = _length = 0;
        }

        /// <summary>Moves past the next <paramref name="end"/>, copying the bytes before it into
        /// <paramref name="into"/> when given; false when the file ends first.</summary>
        public bool MovePast(byte end, ArrayBufferWriter<byte>? into = null)
        {
            while (Fill())
            {
                var rest = _buffer.AsSpan(_at, _length - _at);
                var found = rest.IndexOf(end);
                into?.Write(found >= 0 ? rest[..found] : rest);
                if (found >= 0)
                {
                    _at += found + 1;
                    return true;
                }
                _at = _length;
            }
            return false;
        }

        private bool Fill()
        {
            if (_at < _length)
            {
                return true;
            }
            _bufferStart += _length;
            _at = 0;
            _length = stream.Read(_buffer, 0, _buffer.Length);
            return _length > 0;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }
}

/// <summary>Where a line lies: <see cref="LineFeeds"/> line feeds come before byte <see cref="Offset"/> of the file, so
/// the line after the next line feed from there is number <c>LineFeeds + 2</c>.</summary>
internal readonly record struct LineMark(long LineFeeds, long Offset);

/// <summary>A JSON-lines file's physical lines (see <see cref="PhysicalLines"/>) and the marks to read one back by.</summary>
internal sealed record LineCount(long Lines, bool LoneReturn, IReadOnlyList<LineMark> Marks);

/// <summary>
/// A file's physical lines as DuckDB's line reader counts them (a last line without its line end counts), and
/// whether a carriage return ends a line by itself (which that reader would count and the JSON reader would not),
/// counted from the text as it streams by; with a mark every <see cref="MarkBytes"/> bytes, from which a line is
/// read back without reading the file up to it.
/// </summary>
internal sealed class PhysicalLines
{
    /// <summary>The distance between marks: a line read back reads at most this much before it.</summary>
    public const int MarkBytes = 64 * 1024;

    private readonly List<LineMark> _marks = [];
    private long _lineFeeds;
    private byte _last = (byte)'\n';
    private bool _loneReturn;
    private long _offset;
    private long _nextMark = MarkBytes;

    public (long Lines, bool LoneReturn) Count => (_last == '\n' ? _lineFeeds : _lineFeeds + 1, _loneReturn || _last == '\r');

    /// <summary>The marks, in file order.</summary>
    public IReadOnlyList<LineMark> Marks => _marks;

    /// <summary>The count and the marks, as the inspection hands them on.</summary>
    public LineCount Result
    {
        get
        {
            var (lines, loneReturn) = Count;
            return new LineCount(lines, loneReturn, _marks);
        }
    }

    /// <summary>Bytes of the file that are not text (a byte-order mark): they move the offsets of the marks on.</summary>
    public void Skip(int bytes)
    {
        _offset += bytes;
        _nextMark += bytes;
    }

    public void Add(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return;
        }
        var counted = 0;
        for (; _nextMark < _offset + text.Length; _nextMark += MarkBytes)
        {
            var boundary = (int)(_nextMark - _offset);
            _lineFeeds += text[counted..boundary].Count((byte)'\n');
            counted = boundary;
            _marks.Add(new LineMark(_lineFeeds, _nextMark));
        }
        _lineFeeds += text[counted..].Count((byte)'\n');
        _offset += text.Length;
        _loneReturn |= _last == '\r' && text[0] != '\n';
        var rest = text;
        int at;
        // A return at the end is judged with the next text's first byte.
        while (!_loneReturn && (at = rest.IndexOf((byte)'\r')) >= 0 && at < rest.Length - 1)
        {
            _loneReturn = rest[at + 1] != '\n';
            rest = rest[(at + 2)..];
        }
        _last = text[^1];
    }
}
