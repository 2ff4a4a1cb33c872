namespace CxWarehouse.IO;

/// <summary>Writes a file so that readers see either the old file or the complete new one.</summary>
/// <remarks>
/// The content goes to <c>.&lt;name&gt;.tmp-&lt;guid&gt;</c> in the same folder (same volume, so the move is a
/// rename), is flushed to disk, then replaces the target with <see cref="File.Move(string, string, bool)"/>.
/// On any failure (the writer throws, the disk is full, the rename fails) the temporary file is deleted, best
/// effort, and the original exception propagates: a failure to delete never hides why the write failed.
/// </remarks>
public static class AtomicFile
{
    /// <summary>What every temporary name holds, so a clean-up or a test can recognise a leftover.</summary>
    public const string TempMarker = ".tmp-";

    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });

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

    /// <summary>Flushes a finished file (written by DuckDB, say) to disk before it is renamed into place.</summary>
    public static void Flush(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
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
