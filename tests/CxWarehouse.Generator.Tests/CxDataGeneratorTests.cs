using System.Security.Cryptography;
using System.Text.Json;
using CxWarehouse.Generator.Tests.Support;

namespace CxWarehouse.Generator.Tests;

public sealed class CxDataGeneratorTests
{
    [Fact]
    public void Generate_SameOptionsTwice_WritesByteIdenticalFiles()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        new CxDataGenerator(new GeneratorOptions(0.25, 7, first.Path)).Generate();
        new CxDataGenerator(new GeneratorOptions(0.25, 7, second.Path)).Generate();

        // crm.sqlite is compared by its bytes too: the sink uses a fixed page size, no WAL and a
        // final VACUUM, so identical inserts give an identical file.
        var a = HashTree(first.Path);
        var b = HashTree(second.Path);
        Assert.Contains("crm-db/crm.sqlite", a.Keys);
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, hash) in a)
        {
            Assert.True(hash == b[path], $"{path} differs between two runs with the same options");
        }
    }

    [Fact]
    public void Generate_SameFolderTwice_OverwritesWithIdenticalFiles()
    {
        using var folder = new TempFolder();
        var options = new GeneratorOptions(0.05, 3, folder.Path);

        new CxDataGenerator(options).Generate();
        var before = HashTree(folder.Path);
        new CxDataGenerator(options).Generate();

        Assert.Equal(before, HashTree(folder.Path));
    }

    [Fact]
    public void Generate_DifferentSeeds_WritesDifferentFiles()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        new CxDataGenerator(new GeneratorOptions(0.25, 1, first.Path)).Generate();
        new CxDataGenerator(new GeneratorOptions(0.25, 2, second.Path)).Generate();

        var a = HashTree(first.Path);
        var b = HashTree(second.Path);
        var shared = a.Keys.Intersect(b.Keys).ToList();
        Assert.NotEmpty(shared);
        foreach (var path in shared.Where(p => p != "crm/users.csv"))
        {
            Assert.True(a[path] != b[path], $"{path} is identical for seeds 1 and 2");
        }
    }

    [Fact]
    public void Generate_Summary_MatchesManifestAndFilesOnDisk()
    {
        using var folder = new TempFolder();

        var summary = new CxDataGenerator(new GeneratorOptions(0.05, 11, folder.Path)).Generate();

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "manifest.json")));
        var listed = manifest.RootElement.GetProperty("files").EnumerateArray()
            .Select(f =>
                (f.GetProperty("path").GetString()!, f.GetProperty("records").GetInt64(),
                    f.GetProperty("bytes").GetInt64()))
            .ToList();
        Assert.Equal(summary.Files.Select(f => (f.RelativePath, f.Records, f.Bytes)), listed);
        foreach (var file in summary.Files)
        {
            Assert.Equal(new FileInfo(Path.Combine(folder.Path, file.RelativePath)).Length, file.Bytes);
        }

        var onDisk = HashTree(folder.Path).Keys.Where(k => k != "manifest.json").Order(StringComparer.Ordinal);
        Assert.Equal(onDisk, summary.Files.Select(f => f.RelativePath));
    }

    [Fact]
    public void Generate_ZeroDirtyShare_ListsNoCorruptions()
    {
        using var folder = new TempFolder();

        new CxDataGenerator(new GeneratorOptions(0.1, 5, folder.Path) { DirtyShare = 0 }).Generate();

        Assert.Empty(TruthFiles.ReadDirty(folder.Path));
    }

    [Theory]
    [InlineData(0, 0.002, "--scale")]
    [InlineData(-1, 0.002, "--scale")]
    [InlineData(1001, 0.002, "--scale")]
    [InlineData(1, -0.1, "--dirty-share")]
    [InlineData(1, 0.25, "--dirty-share")]
    public void Constructor_InvalidOption_ThrowsNamingTheOption(double scale, double dirtyShare, string option)
    {
        var options = new GeneratorOptions(scale, 1, "out") { DirtyShare = dirtyShare };

        var error = Assert.ThrowsAny<ArgumentException>(() => new CxDataGenerator(options));

        Assert.StartsWith(option + " must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EndNotAfterStart_ThrowsNamingTheOption()
    {
        var options =
            new GeneratorOptions(1, 1, "out") { Start = new DateOnly(2025, 1, 6), End = new DateOnly(2025, 1, 6) };

        var error = Assert.ThrowsAny<ArgumentException>(() => new CxDataGenerator(options));

        Assert.StartsWith("--end must be", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> HashTree(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetRelativePath(root, path).Replace('\\', '/'),
            path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))),
            StringComparer.Ordinal);
}
