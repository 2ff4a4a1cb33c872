namespace CxWarehouse.Generator.Output;

/// <summary>A streamed NDJSON file: one record per physical line, each ending with \n.</summary>
internal sealed class JsonLinesFile : OutputFile
{
    private readonly FileStream _stream;

    public JsonLinesFile(string root, string relativePath)
        : base(root, relativePath)
    {
        _stream = new FileStream(FullPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
    }

    /// <summary>Writes one line (bytes without the newline) and returns its 1-based line number.</summary>
    public long WriteLine(ReadOnlySpan<byte> json)
    {
        _stream.Write(json);
        _stream.WriteByte((byte)'\n');
        Records++;
        return Records;
    }

    protected override void Close() => _stream.Dispose();
}
