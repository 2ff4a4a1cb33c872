namespace CxWarehouse.TestSupport;

/// <summary>Finds the repository root (the folder holding CxWarehouse.sln) from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CxWarehouse.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("CxWarehouse.sln not found above the test folder");
    }

    /// <summary>
    /// The <c>.sql</c> files under a folder of the repository (<c>etl/CxWarehouse.Etl/Sql</c>), by their path
    /// under it with forward slashes, in order: what an assembly that embeds the folder must carry.
    /// </summary>
    public static IReadOnlyList<string> SqlFilesUnder(params string[] folder)
    {
        var root = Path.Combine([Root, .. folder]);
        return [.. Directory.EnumerateFiles(root, "*.sql", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
    }
}
