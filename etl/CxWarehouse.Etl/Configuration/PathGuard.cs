namespace CxWarehouse.Etl.Configuration;

/// <summary>Keeps configured paths inside their root: no <c>..</c>, no absolute paths, no symlinks out.</summary>
public static class PathGuard
{
    /// <summary>
    /// Resolves <paramref name="relative"/> (a file, folder or glob) under <paramref name="root"/>; null with a
    /// reason when it would leave the root.
    /// </summary>
    public static string? Resolve(string root, string relative, out string? problem)
    {
        problem = null;
        if (Path.IsPathRooted(relative))
        {
            problem = $"'{relative}' is an absolute path; give it relative to {root} (or use --input)";
            return null;
        }
        var parts = relative.Split('/', '\\');
        if (parts.Contains(".."))
        {
            problem = $"'{relative}' leaves the input folder through '..'";
            return null;
        }
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(rootFull, relative));
        if (!IsUnder(rootFull, full))
        {
            problem = $"'{relative}' resolves outside the input folder";
            return null;
        }
        // A symlink anywhere along the existing part of the path may point out of the root.
        var probe = rootFull;
        foreach (var part in parts.Where(p => p.Length > 0 && p != "."))
        {
            if (part.IndexOfAny(['*', '?', '[']) >= 0)
            {
                break;
            }
            probe = Path.Combine(probe, part);
            var info = new FileInfo(probe);
            if (!info.Exists && !Directory.Exists(probe))
            {
                break;
            }
            if (info.LinkTarget is not null || new DirectoryInfo(probe).LinkTarget is not null)
            {
                problem = $"'{relative}' goes through a symbolic link ({part}), which is not allowed";
                return null;
            }
        }
        return full;
    }

    public static bool IsUnder(string root, string path)
    {
        var r = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var p = Path.GetFullPath(path);
        return p.StartsWith(r, StringComparison.Ordinal) || p + Path.DirectorySeparatorChar == r;
    }
}
