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
    /// The shared real data (<c>shared/realdata</c>, never copied into the repository): <c>CXW_SHARED</c> when set,
    /// else <c>shared/</c> beside the repository, else beside the repository a clone was made from (a clone in
    /// <c>/tmp/fresh</c> of a checkout that sits beside <c>shared/</c> finds it there).
    /// </summary>
    public static string RealData { get; } = FindRealData();

    private static string FindRealData()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("CXW_SHARED") is { Length: > 0 } shared)
        {
            candidates.Add(shared);
        }
        candidates.Add(Path.Combine(Root, "..", "shared"));
        if (CloneOrigin() is { } origin)
        {
            candidates.Add(Path.Combine(origin, "..", "shared"));
        }
        var found = candidates.Select(c => Path.GetFullPath(Path.Combine(c, "realdata"))).FirstOrDefault(Directory.Exists);
        // When none holds it, the first place looked: the tests that need it name it in their failure or skip.
        return found ?? Path.GetFullPath(Path.Combine(candidates[0], "realdata"));
    }

    /// <summary>The folder of the local repository this checkout was cloned from, if it was (git's origin).</summary>
    private static string? CloneOrigin()
    {
        var config = Path.Combine(Root, ".git", "config");
        if (!File.Exists(config))
        {
            return null;
        }
        var inOrigin = false;
        foreach (var line in File.ReadLines(config).Select(l => l.Trim()))
        {
            if (line.StartsWith('['))
            {
                inOrigin = line == "[remote \"origin\"]";
            }
            else if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.Split('=', 2) is [_, var url])
            {
                var path = url.Trim();
                path = path.StartsWith("file://", StringComparison.Ordinal) ? path["file://".Length..] : path;
                return Path.IsPathRooted(path) && Directory.Exists(path) ? path : null;
            }
        }
        return null;
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
