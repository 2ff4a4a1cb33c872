using System.Text;

namespace CxWarehouse.Generator.Output;

/// <summary>A streamed text file that knows the physical line each record starts on.</summary>
internal sealed class TextOutputFile : OutputFile
{
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(false, true);
    public static readonly Encoding Utf8Bom = new UTF8Encoding(true, true);

    private readonly StreamWriter _writer;
    private readonly string _newLine;
    private long _newLines;

    public TextOutputFile(string root, string relativePath, Encoding encoding, string newLine)
        : base(root, relativePath)
    {
        var stream = new FileStream(FullPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        _writer = new StreamWriter(stream, encoding, 1 << 15);
        _newLine = newLine;
    }

    /// <summary>1-based line the next record will start on.</summary>
    public long NextLine => _newLines + 1;

    /// <summary>Writes a header or other non-record line.</summary>
    public void WriteHeader(string line) => WriteRaw(line);

    /// <summary>Writes one record (which may span lines) and returns the line it starts on.</summary>
    public long WriteRecord(string record)
    {
        var line = NextLine;
        WriteRaw(record);
        Records++;
        return line;
    }

    private void WriteRaw(string text)
    {
        _writer.Write(text);
        _writer.Write(_newLine);
        _newLines += text.AsSpan().Count('\n') + 1;
    }

    protected override void Close() => _writer.Dispose();
}
