using CxWarehouse.IO;

namespace CxWarehouse.Etl.Tests.IO;

/// <summary>The one atomic writer the lake, the run results, the bench and the reports share.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _directory = new();

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
    public void Write_RenameFails_TempDeletedAndTheRenameErrorPropagates()
    {
        // A folder where the file should go: the content is written and flushed, then the rename fails.
        var path = _directory.File("run_results.json");
        Directory.CreateDirectory(Path.Combine(path, "in-the-way"));

        var error = Record.Exception(() => AtomicFile.WriteAllText(path, "{}"));

        Assert.True(error is IOException or UnauthorizedAccessException, $"unexpected {error?.GetType()}");
        Assert.True(Directory.Exists(path));
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void Write_CleanUpFails_TheWritersErrorIsWhatTheCallerSees()
    {
        // The clean-up is best effort: here the temp name is a folder by the time it runs, so deleting it throws;
        // the caller must still see why the write failed, not the clean-up's error.
        var path = _directory.File("manifest.json");

        var error = Assert.Throws<InvalidDataException>(() => AtomicFile.Write(path, s =>
        {
            var temp = ((FileStream)s).Name;
            File.Delete(temp);
            Directory.CreateDirectory(Path.Combine(temp, "busy"));
            throw new InvalidDataException("bad manifest");
        }));

        Assert.Equal("bad manifest", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void WriteAllText_CreatesTheFolder_AndWritesTheText()
    {
        var path = _directory.File(Path.Combine("out", "nested", "run_results.json"));

        AtomicFile.WriteAllText(path, "{\"status\": \"success\"}");

        Assert.Equal("{\"status\": \"success\"}", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Write_TempName_HiddenInSameFolder()
    {
        string? seen = null;
        var path = _directory.File("cx-benchmark-2026-W47.xlsx");

        AtomicFile.Write(path, _ => seen = Directory.GetFiles(_directory.Path).Single());

        Assert.StartsWith(".cx-benchmark-2026-W47.xlsx" + AtomicFile.TempMarker, Path.GetFileName(seen), StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
