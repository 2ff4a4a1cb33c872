using System.Text;
using CxWarehouse.Etl.Extract;

namespace CxWarehouse.Etl.Tests.Extract;

public sealed class PhysicalLinesTests
{
    private static (long Lines, bool LoneReturn) Count(params string[] pieces)
    {
        var lines = new PhysicalLines();
        foreach (var piece in pieces)
        {
            lines.Add(Encoding.UTF8.GetBytes(piece));
        }
        return lines.Count;
    }

    [Theory]
    [InlineData(0L, "")]
    [InlineData(1L, "{}")]
    [InlineData(1L, "{}\n")]
    [InlineData(2L, "{}\n{}")]
    [InlineData(3L, "{}\n\n{}\n")]
    [InlineData(2L, "{}\r\n{}\r\n")]
    public void Counts_LinesAsTheLineReaderDoes_ALastLineWithoutItsEndIncluded(long expected, string text)
    {
        Assert.Equal((expected, false), Count(text));
    }

    [Fact]
    public void ACarriageReturnAndItsLineFeed_SplitBetweenTwoBuffers_AreOneLineEnd()
    {
        Assert.Equal((2L, false), Count("{}\r", "\n{}\r", "\n"));
    }

    [Theory]
    [InlineData("{}\r{}\n")]
    [InlineData("{}\r", "{}\n")]
    [InlineData("{}\n{}\r")]
    public void ACarriageReturnThatEndsALineByItself_IsFound(params string[] pieces)
    {
        Assert.True(Count(pieces).LoneReturn);
    }

    [Fact]
    public void EachMark_CountsTheLineFeedsBeforeItsOffset_WhereverTheBuffersEnd()
    {
        var random = new Random(7);
        var text = new StringBuilder();
        for (var line = 0; line < 20_000; line++)
        {
            text.Append('x', random.Next(0, 300)).Append(line % 7 == 0 ? "\r\n" : "\n");
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var lines = new PhysicalLines();
        lines.Skip(3);
        for (var at = 0; at < bytes.Length;)
        {
            var length = Math.Min(bytes.Length - at, random.Next(1, 200_000));
            lines.Add(bytes.AsSpan(at, length));
            at += length;
        }

        Assert.Equal(bytes.Length / PhysicalLines.MarkBytes, lines.Marks.Count);
        foreach (var mark in lines.Marks)
        {
            Assert.Equal(0, (mark.Offset - 3) % PhysicalLines.MarkBytes);
            Assert.Equal(bytes.AsSpan(0, (int)mark.Offset - 3).Count((byte)'\n'), mark.LineFeeds);
        }
    }

    [Fact]
    public void LinesAt_ReadsTheWantedLines_FromTheMarks_AsReadingFromTheStartDoes()
    {
        // A byte-order mark, lines of every length (some longer than a mark's distance and than the read buffer),
        // CRLF and LF, blank lines, and a last line without its line end: every wanted line, read from the mark
        // before it, is the file's line.
        using var folder = new TempFolder();
        var random = new Random(11);
        var lines = new List<string>();
        for (var line = 1; line <= 3_000; line++)
        {
            lines.Add(line % 500 == 0 ? new string('l', 150_000) : line % 97 == 0 ? "" : $"{{\"n\":{line},\"pad\":\"{new string('é', random.Next(0, 400))}\"}}");
        }
        var text = string.Concat(lines.Select((l, i) => l + (i == lines.Count - 1 ? "" : i % 3 == 0 ? "\r\n" : "\n")));
        var path = Path.Combine(folder.Path, "events.ndjson");
        File.WriteAllBytes(path, [.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes(text)]);
        var counted = new PhysicalLines();
        var bytes = File.ReadAllBytes(path);
        counted.Skip(3);
        counted.Add(bytes.AsSpan(3));
        Assert.Equal(3_000L, counted.Count.Lines);
        Assert.NotEmpty(counted.Marks);

        var wanted = new long[] { 1, 2, 97, 500, 501, 1_000, 1_001, 1_777, 2_500, 2_999, 3_000 }
            .Concat(Enumerable.Range(0, 40).Select(_ => (long)random.Next(1, 3_001))).Distinct().Order().ToList();
        var read = Extractor.LinesAt(path, wanted, counted.Marks).ToList();

        Assert.Equal(wanted, read.Select(r => r.Line));
        Assert.Equal(wanted.Select(l => lines[(int)l - 1]), read.Select(r => r.Text));
        Assert.Equal(read, Extractor.LinesAt(path, wanted, []).ToList());
    }
}
