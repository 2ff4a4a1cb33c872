namespace CxWarehouse.Generator.Tests.Support;

/// <summary>One scale-1 run (seed 42) shared by the format and truth tests.</summary>
public sealed class GeneratedDataFixture : IDisposable
{
    private readonly TempFolder _directory = new();

    public GeneratedDataFixture()
    {
        Options = new GeneratorOptions(1, 42, _directory.Path);
        Summary = new CxDataGenerator(Options).Generate();
        Dirty = TruthFiles.ReadDirty(Root);
    }

    public GeneratorOptions Options { get; }

    public GeneratorSummary Summary { get; }

    public string Root => _directory.Path;

    /// <summary>truth/dirty.csv rows.</summary>
    public IReadOnlyList<DirtyEntry> Dirty { get; }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public IEnumerable<string> FilesUnder(string folder, string pattern) =>
        Directory.GetFiles(PathOf(folder), pattern).Order(StringComparer.Ordinal);

    public HashSet<long> DirtyLines(string relativePath) =>
        [.. Dirty.Where(d => d.File == relativePath).Select(d => d.Line)];

    public void Dispose() => _directory.Dispose();
}
