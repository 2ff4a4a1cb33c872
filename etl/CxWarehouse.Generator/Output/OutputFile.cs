namespace CxWarehouse.Generator.Output;

/// <summary>Bookkeeping shared by every written file: path, record count, dirty counts, size.</summary>
internal abstract class OutputFile : IDisposable
{
    private readonly SortedDictionary<string, long> _dirtyByKind = new(StringComparer.Ordinal);
    private bool _disposed;

    protected OutputFile(string root, string relativePath)
    {
        RelativePath = relativePath;
        FullPath = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(FullPath)!);
    }

    public string RelativePath { get; }

    public string FullPath { get; }

    public long Records { get; protected set; }

    public long Bytes { get; private set; }

    public IReadOnlyDictionary<string, long> DirtyByKind => _dirtyByKind;

    public void CountDirty(DirtyKind kind)
    {
        var name = DirtyKinds.Name(kind);
        _dirtyByKind[name] = _dirtyByKind.GetValueOrDefault(name) + 1;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Close();
        Bytes = new FileInfo(FullPath).Length;
    }

    protected abstract void Close();
}
