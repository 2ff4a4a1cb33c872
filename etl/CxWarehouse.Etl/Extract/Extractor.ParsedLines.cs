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
    private static bool ParsedLinesHold(DuckDBConnection db, string path, (long Lines, bool LoneReturn) file,
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
            foreach (var (line, text) in LinesAt(path, wanted))
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
    /// reader gives them: without the line end, a byte-order mark off the first.</summary>
    private static IEnumerable<(long Line, string Text)> LinesAt(string path, IReadOnlyList<long> wanted)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        var text = new ArrayBufferWriter<byte>();
        try
        {
            long line = 1;
            var next = 0;
            int read;
            while (next < wanted.Count && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var at = 0;
                while (at < read && next < wanted.Count)
                {
                    var end = buffer.AsSpan(at, read - at).IndexOf((byte)'\n');
                    if (line == wanted[next])
                    {
                        text.Write(buffer.AsSpan(at, end < 0 ? read - at : end));
                    }
                    if (end < 0)
                    {
                        break;
                    }
                    at += end + 1;
                    if (line == wanted[next])
                    {
                        yield return (line, Text(text, line));
                        text.Clear();
                        next++;
                    }
                    line++;
                }
            }
            if (next < wanted.Count && line == wanted[next])
            {
                yield return (line, Text(text, line));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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
}

/// <summary>
/// A file's physical lines as DuckDB's line reader counts them (a last line without its line end counts), and
/// whether a carriage return ends a line by itself (which that reader would count and the JSON reader would not),
/// counted from the text as it streams by.
/// </summary>
internal sealed class PhysicalLines
{
    private long _lineFeeds;
    private byte _last = (byte)'\n';
    private bool _loneReturn;

    public (long Lines, bool LoneReturn) Count => (_last == '\n' ? _lineFeeds : _lineFeeds + 1, _loneReturn || _last == '\r');

    public void Add(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return;
        }
        _lineFeeds += text.Count((byte)'\n');
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
