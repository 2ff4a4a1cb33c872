using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;

namespace CxWarehouse.Etl.Extract;

/// <summary>What one pass over a source file found: its hash, size, header and whether it is whole.</summary>
internal sealed record SourceFileFacts(string Sha256, long Bytes, IReadOnlyList<string> Header, string ReadPath)
{
    /// <summary>The size of the text DuckDB reads: decompressed and, if transcoded, in UTF-8.</summary>
    public long? TextBytes { get; init; }

    /// <summary>The file's last write time (UTC) as it was while it was read.</summary>
    public DateTime? Modified { get; init; }

    /// <summary>A JSON-lines file's physical lines in the text DuckDB reads (see <see cref="PhysicalLines"/>).</summary>
    public LineCount? Lines { get; init; }
}

/// <summary>A fault that fails the whole file: nothing of it is loaded.</summary>
public sealed class SourceFileException(string message) : Exception(message);

/// <summary>
/// Reads a source file once in a stream, before DuckDB sees it: sha256, strict decoding in the declared encoding
/// (transcoding non-UTF-8 files to a UTF-8 copy), a complete last record, and the CSV header.
/// </summary>
internal static class SourceFileInspector
{
    private const int BufferSize = 1 << 20;

    public static SourceFileFacts Inspect(string path, string displayName, ReaderOptions reader, string scratchFolder)
    {
        if (ZipMembers.TrySplit(path, out var archive, out var member))
        {
            return InspectMember(archive, member, displayName, reader, scratchFolder);
        }
        var info = new FileInfo(path);
        if (info.Length == 0)
        {
            throw new SourceFileException($"{displayName}: the file is empty (0 bytes)");
        }
        var (sizeBefore, writtenBefore) = (info.Length, info.LastWriteTimeUtc);
        if (reader.Format == SourceFormat.Csv && WorkbookCsv.IsWorkbook(path))
        {
            return InspectWorkbook(path, info, displayName, reader, scratchFolder);
        }
        var encoding = TextEncodings.Get(reader.Encoding, strict: true);
        var transcode = reader.Encoding != "utf-8";
        var readPath = path;
        FileStream? copy = null;
        if (transcode)
        {
            Directory.CreateDirectory(scratchFolder);
            readPath = Path.Combine(scratchFolder, Guid.NewGuid().ToString("N") + ".utf8");
            copy = new FileStream(readPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var decoder = encoding.GetDecoder();
        var utf8 = new UTF8Encoding(false);
        // The buffers are the pool's, whatever the number of files: arrays this large live on the large object heap,
        // which only a full collection frees, and a new set per file was 7 MB of garbage a file (a week's delivery at
        // scale 100: 314 MB of large byte and char arrays allocated, 76 MB with the pool; the extraction's peak RSS
        // 0.87-0.89 GB -> 0.81-0.85 GB).
        var bytes = ArrayPool<byte>.Shared.Rent(BufferSize);
        var charsLength = encoding.GetMaxCharCount(BufferSize) + 4;
        var chars = ArrayPool<char>.Shared.Rent(charsLength);
        var outBytes = ArrayPool<byte>.Shared.Rent(utf8.GetMaxByteCount(charsLength));
        var header = new StringBuilder();
        var headerDone = reader.Format != SourceFormat.Csv || !reader.Header;
        var inQuotes = false;
        long offset = 0;
        long quotes = 0;
        // Line ends, to find files that mix CRLF and LF: the carriage returns, the line feeds from the first carriage
        // return on, and whether a line feed came before it. A file with no carriage return costs one vectorised
        // search per buffer.
        long carriageReturns = 0;
        long lineFeeds = 0;
        var lineFeedFirst = false;
        using var tail = new TailBuffer();
        // A JSON document (an array, an API page, concatenated objects) is parsed as it streams by, so a truncated or
        // malformed one is stopped here with its line, not by DuckDB's message.
        var json = reader.Format != SourceFormat.Csv && reader.Layout != JsonLayout.Lines && reader.Format != SourceFormat.Sql
            ? new JsonStreamCheck(displayName) : null;
        var bomSkipped = false;
        // The physical lines of JSON lines that DuckDB's JSON-lines reader may parse: not in a gzip file, whose lines
        // are read back as text from the file, not its bytes (see Extractor.LoadFile).
        var lines = reader.Format == SourceFormat.NdJson && reader.Layout == JsonLayout.Lines && !IsGzip(path)
            ? new PhysicalLines()
            : null;
        try
        {
            using var file = new HashingStream(
                new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize), sha);
            using var input = IsGzip(path) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            int read;
            var carry = new byte[4];
            var carried = 0;
            while ((read = input.Read(bytes, 0, BufferSize)) > 0)
            {
                var start = 0;
                if (!bomSkipped)
                {
                    bomSkipped = true;
                    // A byte-order mark is not text: it is not copied, and the header does not start with it.
                    start = FilePeek.BomOf(bytes.AsSpan(0, read)) == reader.Encoding
                        ? reader.Encoding == "utf-8" ? 3 : 2 : 0;
                }
                if (headerDone && copy is null)
                {
                    // UTF-8 read as it is: validate the bytes (vectorised) instead of decoding them.
                    carried = ValidateUtf8(bytes.AsSpan(start, read - start), carry, carried, offset + start, path, displayName);
                    // The marks are offsets in the file, byte-order mark included.
                    lines?.Skip(start);
                    Observe(bytes.AsSpan(start, read - start));
                    offset += read;
                    continue;
                }
                int charCount;
                try
                {
                    charCount = decoder.GetChars(bytes, start, read - start, chars, 0, flush: false);
                }
                catch (DecoderFallbackException ex)
                {
                    throw Invalid(offset + start + Math.Max(0, ex.Index), path, displayName, reader.Encoding);
                }
                if (!headerDone)
                {
                    headerDone = CollectHeader(chars.AsSpan(0, charCount), header, ref inQuotes);
                    if (headerDone && copy is null)
                    {
                        // The buffer may end inside a character the decoder holds: the validation of the buffers
                        // that follow takes its bytes over.
                        carried = IncompleteTail(bytes.AsSpan(0, read), carry);
                        decoder.Reset();
                    }
                }
                if (copy is not null)
                {
                    var n = utf8.GetBytes(chars, 0, charCount, outBytes, 0);
                    copy.Write(outBytes, 0, n);
                    Observe(outBytes.AsSpan(0, n));
                }
                else
                {
                    Observe(bytes.AsSpan(start, read - start));
                }
                offset += read;
            }
            if (carried > 0)
            {
                throw new SourceFileException($"{displayName}: the file ends inside a {reader.Encoding} character; "
                    + "the file looks truncated");
            }
            try
            {
                var last = decoder.GetChars([], 0, 0, chars, 0, flush: true);
                if (copy is not null && last > 0)
                {
                    var n = utf8.GetBytes(chars, 0, last, outBytes, 0);
                    copy.Write(outBytes, 0, n);
                    Observe(outBytes.AsSpan(0, n));
                }
            }
            catch (DecoderFallbackException)
            {
                throw new SourceFileException($"{displayName}: the file ends inside a {reader.Encoding} character; "
                    + "the file looks truncated");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new SourceFileException($"{displayName}: the gzip file is corrupt ({ex.Message}); ask for the delivery again");
        }
        finally
        {
            copy?.Dispose();
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(outBytes);
        }

        void Observe(ReadOnlySpan<byte> text)
        {
            if (reader.Format == SourceFormat.Csv)
            {
                quotes += text.Count((byte)'"');
            }
            var ends = text;
            if (carriageReturns == 0)
            {
                var first = ends.IndexOf((byte)'\r');
                lineFeedFirst = lineFeedFirst || (first < 0 ? ends : ends[..first]).Contains((byte)'\n');
                ends = first < 0 ? [] : ends[first..];
            }
            if (!ends.IsEmpty)
            {
                carriageReturns += ends.Count((byte)'\r');
                lineFeeds += ends.Count((byte)'\n');
            }
            tail.Append(text);
            json?.Feed(text);
            lines?.Add(text);
        }

        if (IsGzip(path))
        {
            CheckGzipTrailer(path, offset, displayName);
        }
        Unchanged(info, sizeBefore, writtenBefore, displayName, "file");
        IReadOnlyList<string> names = [];
        if (reader.Format == SourceFormat.Csv)
        {
            names = reader.Header ? ParseHeader(header.ToString(), reader.Delimiter, displayName) : reader.Columns;
        }
        json?.Finish();
        CheckLastRecord(reader, tail, quotes, names.Count, displayName);
        // Some lines end CRLF and some LF (an export appended to by another tool, a last line added by hand): DuckDB
        // takes the line end it sniffs at the start for every record, so the rest of the file ran together into one
        // record and its rows went uncounted. Such a file is read from a copy whose record ends are all LF.
        if (carriageReturns > 0 && (lineFeedFirst || carriageReturns != lineFeeds)
            && (reader.Format == SourceFormat.Csv || reader.Layout == JsonLayout.Lines))
        {
            var normalized = LineEnds.NormalizeIfMixed(readPath, reader.Format == SourceFormat.Csv, scratchFolder);
            if (normalized is not null)
            {
                if (transcode)
                {
                    File.Delete(readPath);
                }
                readPath = normalized;
                // Its lines are not the ones counted.
                lines = null;
            }
        }
        return new SourceFileFacts(Convert.ToHexStringLower(sha.GetHashAndReset()), info.Length, names, readPath)
        {
            TextBytes = readPath != path ? new FileInfo(readPath).Length : offset,
            Modified = writtenBefore,
            Lines = lines?.Result,
        };
    }

    /// <summary>
    /// A file inside a .zip archive: copied out to the scratch folder and that copy inspected (and transcoded, or read
    /// as a workbook's sheet, as any file is); its write time is the archive's, so an archive delivered again
    /// unchanged is known as loaded.
    /// </summary>
    private static SourceFileFacts InspectMember(string archive, string member, string displayName, ReaderOptions reader,
        string scratchFolder)
    {
        var info = new FileInfo(archive);
        var (sizeBefore, writtenBefore) = (info.Length, info.LastWriteTimeUtc);
        var copy = ZipMembers.Extract(archive, member, scratchFolder, displayName);
        var keep = false;
        try
        {
            var facts = Inspect(copy, displayName, reader, scratchFolder);
            Unchanged(info, sizeBefore, writtenBefore, displayName, "archive");
            // The copy stays only when it is what DuckDB reads (not a transcoded copy of it, nor after a failure).
            keep = facts.ReadPath == copy;
            return facts with { Modified = writtenBefore };
        }
        finally
        {
            if (!keep)
            {
                DeleteScratch(copy);
            }
        }
    }

    /// <summary>
    /// An Excel workbook: its first sheet written as UTF-8 CSV beside the other scratch copies, and that copy
    /// inspected as the file DuckDB reads; the hash, size and write time stay the workbook's own, so a workbook
    /// delivered again unchanged is known as loaded.
    /// </summary>
    private static SourceFileFacts InspectWorkbook(string path, FileInfo info, string displayName, ReaderOptions reader,
        string scratchFolder)
    {
        var (sizeBefore, writtenBefore) = (info.Length, info.LastWriteTimeUtc);
        string sha256;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        }
        Directory.CreateDirectory(scratchFolder);
        var csv = Path.Combine(scratchFolder, Guid.NewGuid().ToString("N") + ".csv");
        var keep = false;
        try
        {
            using (var copy = new FileStream(csv, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
            {
                WorkbookCsv.Write(path, displayName, copy);
            }
            Unchanged(info, sizeBefore, writtenBefore, displayName, "file");
            if (new FileInfo(csv).Length == 0)
            {
                throw new SourceFileException($"{displayName}: the Excel workbook's first sheet is empty; export the data "
                    + "again, or put it on the workbook's first sheet");
            }
            var facts = Inspect(csv, displayName, reader with { Encoding = "utf-8" }, scratchFolder);
            keep = facts.ReadPath == csv;
            return new SourceFileFacts(sha256, sizeBefore, facts.Header, facts.ReadPath)
            {
                TextBytes = facts.TextBytes,
                Modified = writtenBefore,
            };
        }
        finally
        {
            // The sheet's CSV stays only when it is what DuckDB reads (not when a copy of it is, nor after a failure).
            if (!keep)
            {
                DeleteScratch(csv);
            }
        }
    }

    /// <summary>Fails when the file (or archive) was written to while it was read: the delivery is not complete.</summary>
    private static void Unchanged(FileInfo info, long sizeBefore, DateTime writtenBefore, string displayName, string what)
    {
        info.Refresh();
        if (info.Length != sizeBefore || info.LastWriteTimeUtc != writtenBefore)
        {
            throw new SourceFileException($"{displayName}: the {what} changed while it was read ({sizeBefore} bytes, then "
                + $"{info.Length}): it is still being written; run again once the delivery is complete");
        }
    }

    private static void DeleteScratch(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the run's staging folder to be removed with it.
        }
    }

    /// <summary>
    /// A file need not end with a line end: a complete last record without one is read. A truncated one is caught
    /// by its structure: an open quote or fewer fields than the header (CSV), a line that does not parse (JSON lines).
    /// </summary>
    private static void CheckLastRecord(ReaderOptions reader, TailBuffer tail, long quotes, int columns, string displayName)
    {
        if (tail.EndsWithLineEnd)
        {
            return;
        }
        var line = tail.LastLine();
        switch (reader.Format)
        {
            case SourceFormat.Csv:
                if (quotes % 2 == 1)
                {
                    throw new SourceFileException($"{displayName}: the last record is truncated: it opens a quote that "
                        + "is never closed; the file looks cut off, ask for the delivery again");
                }
                var fields = CountFields(line, reader.Delimiter);
                if (columns > 0 && fields < columns && line.Trim().Length > 0)
                {
                    throw new SourceFileException($"{displayName}: the last record is truncated: it has {fields} of "
                        + $"{columns} fields and no line end; the file looks cut off, ask for the delivery again");
                }
                break;
            case SourceFormat.NdJson when reader.Layout == JsonLayout.Lines:
                if (line.Trim().Length > 0 && !JsonStreamCheck.IsWholeValue(line))
                {
                    throw new SourceFileException($"{displayName}: the last line is truncated: it is not complete JSON "
                        + "and has no line end; the file looks cut off, ask for the delivery again");
                }
                break;
        }
    }

    private static int CountFields(string line, char delimiter)
    {
        var count = 1;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// Checks one buffer of UTF-8, carrying an incomplete sequence at its end over to the next buffer; returns how
    /// many bytes are carried. Called only after the header; a character the decoder left incomplete is carried in.
    /// </summary>
    private static int ValidateUtf8(ReadOnlySpan<byte> buffer, byte[] carry, int carried, long offset, string path,
        string displayName)
    {
        var start = 0;
        if (carried > 0)
        {
            // Complete the carried sequence with the first bytes of this buffer.
            var take = Math.Min(4 - carried, buffer.Length);
            Span<byte> joined = stackalloc byte[8];
            carry.AsSpan(0, carried).CopyTo(joined);
            buffer[..take].CopyTo(joined[carried..]);
            var length = SequenceLength(joined[0]);
            if (length <= 0 || length > carried + take || !System.Text.Unicode.Utf8.IsValid(joined[..length]))
            {
                throw Invalid(offset - carried, path, displayName, "utf-8");
            }
            start = length - carried;
        }
        var span = buffer[start..];
        var cut = span.Length;
        for (var i = span.Length - 1; i >= Math.Max(0, span.Length - 4); i--)
        {
            if ((span[i] & 0xC0) != 0x80)
            {
                var needed = SequenceLength(span[i]);
                if (needed > 0 && i + needed > span.Length)
                {
                    cut = i;
                }
                break;
            }
        }
        if (!System.Text.Unicode.Utf8.IsValid(span[..cut]))
        {
            // Rare path: transcode once to learn where the invalid sequence starts.
            System.Text.Unicode.Utf8.ToUtf16(span[..cut], new char[cut], out var at, out _,
                replaceInvalidSequences: false, isFinalBlock: true);
            throw Invalid(offset + start + at, path, displayName, "utf-8");
        }
        span[cut..].CopyTo(carry);
        return span.Length - cut;
    }

    /// <summary>Copies the start of a character cut off by the buffer's end into <paramref name="carry"/>.</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> buffer, byte[] carry)
    {
        for (var i = buffer.Length - 1; i >= Math.Max(0, buffer.Length - 4); i--)
        {
            if ((buffer[i] & 0xC0) != 0x80)
            {
                var needed = SequenceLength(buffer[i]);
                if (needed > 0 && i + needed > buffer.Length)
                {
                    buffer[i..].CopyTo(carry);
                    return buffer.Length - i;
                }
                return 0;
            }
        }
        return 0;
    }

    private static int SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xC2 and < 0xE0 => 2,
        >= 0xE0 and < 0xF0 => 3,
        >= 0xF0 and < 0xF5 => 4,
        _ => -1,
    };

    /// <summary>
    /// The error for a byte that is not valid in the declared encoding: where it is (byte offset and line) and which
    /// encoding reads the file, so the fix is one line of configuration.
    /// </summary>
    private static SourceFileException Invalid(long at, string path, string displayName, string declared)
    {
        var (line, suggestion, name) = Diagnose(path, at);
        return new SourceFileException($"{displayName}: byte {at} is not valid {declared} text (line {line}); "
            + $"{suggestion}: set encoding: {name} on the source");
    }

    /// <summary>The line of byte <paramref name="at"/>, and the encoding the file reads in.</summary>
    private static (long Line, string Suggestion, string Encoding) Diagnose(string path, long at)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        using var input = IsGzip(path) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        var buffer = new byte[BufferSize];
        long line = 1;
        long position = 0;
        int read;
        var sample = new MemoryStream();
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            var upTo = (int)Math.Clamp(at - position, 0, read);
            line += buffer.AsSpan(0, upTo).Count((byte)'\n');
            if (sample.Length < 16 * BufferSize)
            {
                sample.Write(buffer, 0, read);
            }
            position += read;
        }
        var bytes = sample.ToArray();
        if (TextEncodings.Utf16ByZeros(bytes) is { } utf16)
        {
            return (line, $"it reads as {utf16}", utf16);
        }
        if (LooksChinese(bytes) && DecodesAs(bytes, "gb18030")
            && Encoding.GetEncoding("GB18030").GetString(bytes).Any(c => c is >= '\u4E00' and <= '\u9FFF'))
        {
            return (line, "it reads as Chinese gb18030", "gb18030");
        }
        if (DecodesAs(bytes, "windows-1252"))
        {
            return (line, "it reads as a Western single-byte code page (for a Cyrillic export name windows-1251), "
                + "most likely windows-1252", "windows-1252");
        }
        return (line, "every byte reads as latin-1", "latin-1");
    }

    /// <summary>
    /// Whether the file's non-ASCII bytes pair up as Chinese text does: in GB2312 and GBK text nearly every character
    /// is two bytes of 0xA1 or more, while Western text in windows-1252 or latin-1 has single accented letters beside
    /// ASCII ones ("Cañas" is F1 61), which gb18030 also decodes, as rare characters (a Salesforce export of Spanish
    /// names was taken for Chinese).
    /// </summary>
    private static bool LooksChinese(byte[] bytes)
    {
        var pairs = 0;
        var chinese = 0;
        for (var i = 0; i < bytes.Length - 1; i++)
        {
            if (bytes[i] < 0x81)
            {
                continue;
            }
            pairs++;
            if (bytes[i] >= 0xA1 && bytes[i + 1] >= 0xA1)
            {
                chinese++;
            }
            // A gb18030 character is two bytes, or four when the second is a digit.
            i += bytes[i + 1] is >= 0x30 and <= 0x39 ? 3 : 1;
        }
        return pairs > 0 && chinese * 10 >= pairs * 8;
    }

    private static bool DecodesAs(byte[] bytes, string name)
    {
        try
        {
            _ = TextEncodings.Get(name, strict: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// .NET's GZipStream reads a truncated file to its cut without an error, so the trailer's ISIZE (the
    /// uncompressed length modulo 2^32) is compared with what was decompressed.
    /// </summary>
    private static void CheckGzipTrailer(string path, long decompressed, string displayName)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var trailer = new byte[4];
        if (file.Length < 18)
        {
            throw new SourceFileException($"{displayName}: the gzip file is truncated (too short to hold a trailer)");
        }
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        var size = BitConverter.ToUInt32(trailer);
        if (size != (uint)decompressed)
        {
            throw new SourceFileException(
                $"{displayName}: the gzip file is truncated or corrupt (trailer says {size} bytes, {decompressed} were read)");
        }
    }

    private static bool CollectHeader(ReadOnlySpan<char> chars, StringBuilder header, ref bool inQuotes)
    {
        foreach (var c in chars)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == '\n' && !inQuotes)
            {
                return true;
            }
            header.Append(c);
        }
        return false;
    }

    /// <summary>
    /// The header's column names (the one CSV scanner, Sep). A name given twice is told apart by position: the
    /// second <c>Associated Company</c> is <c>Associated Company (2)</c>, and a mapping that names the bare repeated
    /// name is refused as ambiguous when the file is read.
    /// </summary>
    internal static IReadOnlyList<string> ParseHeader(string line, char delimiter, string displayName)
    {
        line = line.TrimStart('\uFEFF').TrimEnd('\r');
        var fields = new List<string>();
        using (var reader = Sep.New(delimiter).Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
        }).FromText(line))
        {
            foreach (var row in reader)
            {
                for (var i = 0; i < row.ColCount; i++)
                {
                    fields.Add(row[i].ToString().Trim());
                }
                break;
            }
        }
        if (fields.Count == 0)
        {
            fields.Add("");
        }
        if (fields.Any(f => f.Length == 0))
        {
            throw new SourceFileException(
                $"{displayName}: line 1, column {fields.FindIndex(f => f.Length == 0) + 1}: the header has an empty column name");
        }
        return DistinctNames(fields);
    }

    /// <summary>Repeated names numbered by position: the second <c>A</c> becomes <c>A (2)</c>.</summary>
    internal static IReadOnlyList<string> DistinctNames(IReadOnlyList<string> names)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<string>(names.Count);
        foreach (var name in names)
        {
            var n = seen[name] = seen.GetValueOrDefault(name) + 1;
            result.Add(n == 1 ? name : $"{name} ({n})");
        }
        return result;
    }

    /// <summary>Names the header gives more than once (their repeats are numbered).</summary>
    internal static IReadOnlySet<string> Repeated(IReadOnlyList<string> header) =>
        header.Where(h => h.EndsWith(" (2)", StringComparison.Ordinal)).Select(h => h[..^4]).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Maps 1-based record numbers (counting header rows as records) to the physical line each record starts on,
    /// honouring quoted line breaks. Only called for files that have quarantined records.
    /// </summary>
    public static Dictionary<long, long> RecordStartLines(string path, IReadOnlyCollection<long> records,
        bool csvQuotes)
    {
        var wanted = new HashSet<long>(records);
        var result = new Dictionary<long, long>();
        if (wanted.Count == 0)
        {
            return result;
        }
        var max = wanted.Max();
        long record = 1;
        long line = 1;
        var inQuotes = false;
        if (wanted.Contains(1))
        {
            result[1] = 1;
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        using var input = IsGzip(path) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        var buffer = new byte[BufferSize];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0 && record <= max)
        {
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b == (byte)'"' && csvQuotes)
                {
                    inQuotes = !inQuotes;
                }
                else if (b == (byte)'\n')
                {
                    line++;
                    if (!inQuotes)
                    {
                        record++;
                        if (wanted.Contains(record))
                        {
                            result[record] = line;
                        }
                    }
                }
            }
        }
        return result;
    }
}

/// <summary>Hashes the bytes read through it, so the compressed file is hashed while it is decompressed.</summary>
internal sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        hash.AppendData(buffer, offset, read);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// Record ends in a text file that mixes CRLF and LF: found outside quoted values in CSV (where a value's own line
/// breaks are text and stay as they are), anywhere in JSON lines.
/// </summary>
internal static class LineEnds
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// When <paramref name="path"/>'s records end both CRLF and LF, writes a UTF-8 copy whose record ends are all LF
    /// (so every line keeps its number) and returns its path; else null. The file is read once to count its record
    /// ends, and again to copy it only when they are mixed (a CRLF export whose quoted values hold LF is not copied).
    /// </summary>
    public static string? NormalizeIfMixed(string path, bool csv, string scratchFolder)
    {
        var (crlf, lf) = Scan(path, csv, copy: null);
        if (crlf == 0 || lf == 0)
        {
            return null;
        }
        Directory.CreateDirectory(scratchFolder);
        var copyPath = Path.Combine(scratchFolder, Guid.NewGuid().ToString("N") + ".utf8");
        using var copy = new FileStream(copyPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
        Scan(path, csv, copy);
        return copyPath;
    }

    /// <summary>Counts the record ends, and writes the text to <paramref name="copy"/> with its CRLF record ends as LF.</summary>
    private static (long Crlf, long Lf) Scan(string path, bool csv, Stream? copy)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        using var input = SourceFileInspector.IsGzip(path) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        var bytes = ArrayPool<byte>.Shared.Rent(BufferSize);
        var output = ArrayPool<byte>.Shared.Rent(BufferSize + 1);
        try
        {
            return Scan(input, csv, copy, bytes, output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static (long Crlf, long Lf) Scan(Stream input, bool csv, Stream? copy, byte[] bytes, byte[] output)
    {
        long crlf = 0;
        long lf = 0;
        var quoted = false;
        var pendingCr = false;
        int read;
        while ((read = input.Read(bytes, 0, BufferSize)) > 0)
        {
            var n = 0;
            for (var i = 0; i < read; i++)
            {
                var b = bytes[i];
                if (pendingCr)
                {
                    pendingCr = false;
                    if (b == (byte)'\n')
                    {
                        crlf++;
                        output[n++] = b;
                        continue;
                    }
                    // A carriage return not followed by a line feed is text.
                    output[n++] = (byte)'\r';
                }
                if (b == (byte)'"' && csv)
                {
                    quoted = !quoted;
                }
                else if (b == (byte)'\r' && !quoted)
                {
                    pendingCr = true;
                    continue;
                }
                else if (b == (byte)'\n' && !quoted)
                {
                    lf++;
                }
                output[n++] = b;
            }
            copy?.Write(output, 0, n);
        }
        if (pendingCr)
        {
            copy?.WriteByte((byte)'\r');
        }
        return (crlf, lf);
    }
}

/// <summary>The last bytes of a file (up to 1 MiB): whether it ends with a line end, and its last line.</summary>
internal sealed class TailBuffer : IDisposable
{
    private const int Capacity = 1 << 20;
    private readonly byte[] _bytes = ArrayPool<byte>.Shared.Rent(Capacity);
    private int _length;

    public void Dispose() => ArrayPool<byte>.Shared.Return(_bytes);

    public bool EndsWithLineEnd => _length > 0 && _bytes[_length - 1] == (byte)'\n';

    public void Append(ReadOnlySpan<byte> text)
    {
        if (text.Length >= Capacity)
        {
            text[^Capacity..].CopyTo(_bytes);
            _length = Capacity;
            return;
        }
        var keep = Math.Min(_length, Capacity - text.Length);
        if (keep < _length)
        {
            _bytes.AsSpan(_length - keep, keep).CopyTo(_bytes);
        }
        text.CopyTo(_bytes.AsSpan(keep));
        _length = keep + text.Length;
    }

    /// <summary>The text after the last line end.</summary>
    public string LastLine()
    {
        var span = _bytes.AsSpan(0, _length);
        var end = span.LastIndexOf((byte)'\n');
        return Encoding.UTF8.GetString(span[(end + 1)..]);
    }
}

/// <summary>
/// Parses a JSON document as its bytes stream by (UTF-8), one or several top-level values, and throws a
/// <see cref="SourceFileException"/> naming the line where it stops parsing or ends too early.
/// </summary>
internal sealed class JsonStreamCheck(string displayName)
{
    private JsonReaderState _state = new(new JsonReaderOptions
    {
        AllowMultipleValues = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 256,
    });
    private byte[] _pending = [];
    private long _line = 1;
    private int _depth;
    private bool _any;

    public void Feed(ReadOnlySpan<byte> bytes) => Run(bytes, final: false);

    public void Finish()
    {
        Run([], final: true);
        if (_depth > 0)
        {
            throw new SourceFileException($"{displayName}: line {_line}: the JSON ends inside an object or array; "
                + "the file looks truncated, ask for the delivery again");
        }
        if (!_any)
        {
            throw new SourceFileException($"{displayName}: the file holds no JSON value");
        }
    }

    private void Run(ReadOnlySpan<byte> bytes, bool final)
    {
        byte[] data;
        if (_pending.Length > 0)
        {
            data = new byte[_pending.Length + bytes.Length];
            _pending.CopyTo(data, 0);
            bytes.CopyTo(data.AsSpan(_pending.Length));
        }
        else
        {
            data = bytes.ToArray();
        }
        var reader = new Utf8JsonReader(data, final, _state);
        try
        {
            while (reader.Read())
            {
                _any = true;
                _depth = reader.CurrentDepth + (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? 1 : 0);
            }
        }
        catch (JsonException ex)
        {
            var consumed = (int)Math.Min(reader.BytesConsumed, data.Length);
            var line = _line + data.AsSpan(0, consumed).Count((byte)'\n');
            throw new SourceFileException($"{displayName}: line {line}: the JSON does not parse ("
                + $"{ex.Message.Split(" LineNumber", StringSplitOptions.None)[0].TrimEnd('.')}); "
                + (final ? "the file looks truncated, ask for the delivery again" : "fix the file at that line"));
        }
        var used = (int)reader.BytesConsumed;
        _line += data.AsSpan(0, used).Count((byte)'\n');
        _pending = data[used..];
        _state = reader.CurrentState;
    }

    /// <summary>True when <paramref name="text"/> is one complete JSON value.</summary>
    public static bool IsWholeValue(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
