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
}
