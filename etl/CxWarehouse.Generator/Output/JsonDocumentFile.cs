using System.Text.Encodings.Web;
using System.Text.Json;

namespace CxWarehouse.Generator.Output;

/// <summary>One pretty-printed JSON document streamed with <see cref="Utf8JsonWriter"/>.</summary>
internal sealed class JsonDocumentFile : OutputFile
{
    private readonly LineCountingStream _stream;

    public JsonDocumentFile(string root, string relativePath)
        : base(root, relativePath)
    {
        _stream = new LineCountingStream(
            new FileStream(FullPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16));
        Writer = new Utf8JsonWriter(_stream, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    public Utf8JsonWriter Writer { get; }

    /// <summary>
    /// Line the next array element will start on: Utf8JsonWriter writes the separator, a newline and
    /// the indentation before the element's opening brace.
    /// </summary>
    public long NextElementLine()
    {
        Writer.Flush();
        return _stream.NewLines + 2;
    }

    public void CountElement() => Records++;

    protected override void Close()
    {
        Writer.Flush();
        _stream.WriteByte((byte)'\n');
        Writer.Dispose();
        _stream.Dispose();
    }
}
