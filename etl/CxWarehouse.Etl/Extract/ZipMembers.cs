using System.IO.Compression;

namespace CxWarehouse.Etl.Extract;

/// <summary>
/// A .zip archive in a source's folder is read as a folder of its files: Salesforce's Data Export delivers its CSV
/// files zipped (WE_00D...zip), Qualtrics' response export API returns the CSV in a zip, and HubSpot zips an export
/// of several files. Each member is known by a path under the archive's own (<c>crm/WE_00D.zip/Contact.csv</c>),
/// which is how runs, messages and the lake's manifests name it; it is recognised from its first bytes and, when
/// read, extracted to the run's scratch folder like a transcoded copy, nothing held in memory.
/// </summary>
internal static class ZipMembers
{
    /// <summary>True when the file is a zip archive named .zip (an .xlsx workbook is a zip too, read as one sheet).</summary>
    public static bool IsArchive(string path)
    {
        if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        try
        {
            Span<byte> start = stackalloc byte[4];
            using var file = File.OpenRead(path);
            return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length
                && start[0] == (byte)'P' && start[1] == (byte)'K' && start[2] is 3 or 5 && start[3] is 4 or 6;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The member paths of an archive, in name order: its files, not its folders, nor hidden files or the
    /// __MACOSX folder a Mac adds. An archive that cannot be read, or that names a member outside itself (an
    /// absolute path, a .. part: a zip-slip archive), is itself the only path: it is then recognised by no stream
    /// and named as such, never read in part.
    /// </summary>
    public static IReadOnlyList<string> Members(string archive)
    {
        try
        {
            using var zip = ZipFile.OpenRead(archive);
            if (zip.Entries.Any(e => e.FullName.StartsWith('/') || e.FullName.Contains('\\', StringComparison.Ordinal)
                || e.FullName.Split('/').Any(part => part == "..")))
            {
                return [archive];
            }
            return zip.Entries
                .Where(e => e.Name.Length > 0 && !e.Name.StartsWith('.') && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
                .Select(e => archive + "/" + e.FullName)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return [archive];
        }
    }

    /// <summary>Splits a member path into its archive and its name inside; false for a path on disk.</summary>
    public static bool TrySplit(string path, out string archive, out string member)
    {
        archive = member = "";
        if (File.Exists(path))
        {
            return false;
        }
        var from = 0;
        int at;
        while ((at = path.IndexOf(".zip/", from, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var candidate = path[..(at + 4)];
            if (File.Exists(candidate))
            {
                archive = candidate;
                member = path[(at + 5)..];
                return true;
            }
            from = at + 5;
        }
        return false;
    }

    /// <summary>A file's size and last write time (UTC): a member's own size, and its archive's write time.</summary>
    public static (long Length, DateTime Modified) Info(string path)
    {
        if (!TrySplit(path, out var archive, out var member))
        {
            var info = new FileInfo(path);
            return (info.Exists ? info.Length : 0, info.Exists ? info.LastWriteTimeUtc : default);
        }
        using var zip = ZipFile.OpenRead(archive);
        return (zip.GetEntry(member)?.Length ?? 0, File.GetLastWriteTimeUtc(archive));
    }

    /// <summary>
    /// Copies a member into <paramref name="folder"/> under a new name that keeps its extension (so a .gz member is
    /// still known as gzip), and returns the copy's path.
    /// </summary>
    public static string Extract(string archive, string member, string folder, string displayName)
    {
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, Guid.NewGuid().ToString("N") + "-" + Path.GetFileName(member));
        try
        {
            using var zip = ZipFile.OpenRead(archive);
            var entry = zip.GetEntry(member)
                ?? throw new SourceFileException($"{displayName}: the archive no longer holds this file; run again once the "
                    + "delivery is complete");
            entry.ExtractToFile(copy);
            return copy;
        }
        catch (InvalidDataException ex)
        {
            throw new SourceFileException($"{displayName}: the zip archive is corrupt ({ex.Message}); ask for the delivery again");
        }
    }
}
