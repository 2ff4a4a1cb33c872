using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CxWarehouse.Etl.Extract;

/// <summary>What one pass over a source file found: its hash, size, header and whether it is whole.</summary>
internal sealed record SourceFileFacts(string Sha256, long Bytes, IReadOnlyList<string> Header, string ReadPath)
{
    /// <summary>The size of the text DuckDB reads: decompressed and, if transcoded, in UTF-8.</summary>
    public long? TextBytes { get; init; }
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

    static SourceFileInspector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static SourceFileFacts Inspect(string path, string displayName, ReaderOptions reader, string scratchFolder)
    {
        var info = new FileInfo(path);
        if (info.Length == 0)
        {
            throw new SourceFileException($"{displayName}: the file is empty (0 bytes)");
        }
        var encoding = reader.Encoding switch
        {
            "gb18030" => Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback,
                DecoderFallback.ExceptionFallback),
            "latin-1" => Encoding.Latin1,
            _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
        };
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
        var bytes = new byte[BufferSize];
        var chars = new char[encoding.GetMaxCharCount(BufferSize) + 4];
        var outBytes = new byte[utf8.GetMaxByteCount(chars.Length)];
        var header = new StringBuilder();
        var headerDone = reader.Format != SourceFormat.Csv || !reader.Header;
        var inQuotes = false;
        long offset = 0;
        var last = (byte)0;
        try
        {
            using var file = new HashingStream(
                new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize), sha);
            using var input = IsGzip(path) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            int read;
            var carry = new byte[4];
            var carried = 0;
            while ((read = input.Read(bytes, 0, bytes.Length)) > 0)
            {
                if (headerDone && copy is null)
                {
                    // UTF-8 read as it is: validate the bytes (vectorised) instead of decoding them.
                    carried = ValidateUtf8(bytes.AsSpan(0, read), carry, carried, offset, displayName);
                    last = bytes[read - 1];
                    offset += read;
                    continue;
                }
                int charCount;
                try
                {
                    charCount = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                }
                catch (DecoderFallbackException ex)
                {
                    var at = offset + Math.Max(0, ex.Index);
                    throw new SourceFileException(
                        $"{displayName}: byte {at} is not valid {reader.Encoding} text; declare the file's encoding "
                        + "(utf-8, latin-1 or gb18030) in the source's configuration");
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
                }
                last = bytes[read - 1];
                offset += read;
            }
            if (carried > 0)
            {
                throw new SourceFileException($"{displayName}: the file ends inside a {reader.Encoding} character");
            }
            try
            {
                var tail = decoder.GetChars([], 0, 0, chars, 0, flush: true);
                if (copy is not null && tail > 0)
                {
                    copy.Write(outBytes, 0, utf8.GetBytes(chars, 0, tail, outBytes, 0));
                }
            }
            catch (DecoderFallbackException)
            {
                throw new SourceFileException($"{displayName}: the file ends inside a {reader.Encoding} character");
            }
        }
        finally
        {
            copy?.Dispose();
        }

        if (IsGzip(path))
        {
            CheckGzipTrailer(path, offset, displayName);
        }
        if (last != (byte)'\n' && reader.Format != SourceFormat.JsonDocument)
        {
            throw new SourceFileException(
                $"{displayName}: the last record is incomplete (no line end at byte {offset}); the file looks truncated");
        }
        IReadOnlyList<string> names = [];
        if (reader.Format == SourceFormat.Csv)
        {
            names = reader.Header ? ParseHeader(header.ToString(), reader.Delimiter, displayName) : reader.Columns;
        }
        return new SourceFileFacts(Convert.ToHexStringLower(sha.GetHashAndReset()), info.Length, names, readPath)
        {
            TextBytes = transcode ? new FileInfo(readPath).Length : offset,
        };
    }

    /// <summary>
    /// Checks one buffer of UTF-8, carrying an incomplete sequence at its end over to the next buffer; returns how
    /// many bytes are carried. Called only after the header; a character the decoder left incomplete is carried in.
    /// </summary>
    private static int ValidateUtf8(ReadOnlySpan<byte> buffer, byte[] carry, int carried, long offset, string displayName)
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
                throw Invalid(offset - carried, displayName);
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
            throw Invalid(offset + start + at, displayName);
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

    private static SourceFileException Invalid(long at, string displayName) => new(
        $"{displayName}: byte {at} is not valid utf-8 text; declare the file's encoding "
        + "(utf-8, latin-1 or gb18030) in the source's configuration");

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

    internal static IReadOnlyList<string> ParseHeader(string line, char delimiter, string displayName)
    {
        line = line.TrimStart('\uFEFF').TrimEnd('\r');
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString().Trim());
        var duplicate = fields.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SourceFileException($"{displayName}: line 1: the header names column '{duplicate.Key}' twice");
        }
        if (fields.Any(f => f.Length == 0))
        {
            throw new SourceFileException(
                $"{displayName}: line 1, column {fields.FindIndex(f => f.Length == 0) + 1}: the header has an empty column name");
        }
        return fields;
    }

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
