namespace CxWarehouse.Generator.Output;

/// <summary>Every file of one run, for the manifest and the summary.</summary>
internal sealed class OutputSet(string root)
{
    private readonly List<OutputFile> _files = [];
    private readonly List<(string Path, long Records, string FullPath)> _extra = [];

    public string Root { get; } = root;

    public IReadOnlyList<OutputFile> Files => _files;

    public T Add<T>(T file)
        where T : OutputFile
    {
        _files.Add(file);
        return file;
    }

    /// <summary>A file written outside <see cref="OutputFile"/> (the SQLite database, summary.json).</summary>
    public void AddExternal(string relativePath, long records) =>
        _extra.Add((relativePath, records, Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar))));

    public List<GeneratedFile> Describe()
    {
        var list = new List<GeneratedFile>();
        foreach (var file in _files)
        {
            list.Add(new GeneratedFile(file.RelativePath, file.Records, file.Bytes));
        }

        foreach (var (path, records, fullPath) in _extra)
        {
            list.Add(new GeneratedFile(path, records, new FileInfo(fullPath).Length));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return list;
    }
}
