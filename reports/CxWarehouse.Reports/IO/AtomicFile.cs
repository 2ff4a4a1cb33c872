namespace CxWarehouse.Reports.IO;

/// <summary>Writes a file so that readers see either the old file or the complete new one.</summary>
/// <remarks>
/// The content goes to <c>.&lt;name&gt;.tmp-&lt;guid&gt;</c> in the same folder (same volume, so the move is a
/// rename), is flushed to disk, then replaces the target with <see cref="File.Move(string, string, bool)"/>.
/// On any failure the temporary file is deleted.
/// </remarks>
internal static class AtomicFile
{
    public const string TempMarker = ".tmp-";

    public static void Write(string path, Action<Stream> write)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}{TempMarker}{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception matters more than a leftover temp file.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
