using CxWarehouse.Reports.IO;
using CxWarehouse.Reports.Tests.Support;

namespace CxWarehouse.Reports.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Write_Success_ReplacesTargetWithoutTempFiles()
    {
        var path = _directory.File("report.html");
        File.WriteAllText(path, "old");

        AtomicFile.Write(path, s => s.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["report.html"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_WriterThrows_TargetUntouchedAndTempDeleted()
    {
        var path = _directory.File("report.xlsx");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["report.xlsx"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_TempName_HiddenInSameFolder()
    {
        string? seen = null;
        var path = _directory.File("cx-benchmark-2026-W47.xlsx");

        AtomicFile.Write(path, _ => seen = Directory.GetFiles(_directory.Path).Single());

        Assert.StartsWith(".cx-benchmark-2026-W47.xlsx.tmp-", Path.GetFileName(seen), StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
