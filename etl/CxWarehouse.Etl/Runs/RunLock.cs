using System.Globalization;

namespace CxWarehouse.Etl.Runs;

/// <summary>
/// One run at a time per warehouse: an exclusive open of <c>&lt;warehouse&gt;.lock</c>, which the kernel releases
/// when the process dies, even by <c>kill -9</c>. The holder's pid, host and command sit in a sibling file for the
/// message others get.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _infoPath;

    private RunLock(FileStream stream, string infoPath)
    {
        _stream = stream;
        _infoPath = infoPath;
    }

    public static RunLock Acquire(string warehousePath, string command)
    {
        var path = Path.GetFullPath(warehousePath) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var info = path + ".holder";
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = File.Exists(info) ? File.ReadAllText(info).Trim() : "another cxw process";
            throw new RunLockedException($"another run holds the lock on {warehousePath}: {holder}");
        }
        // cxw doctor reads this line back: pid, host, command and start, to tell a live holder from a dead one.
        File.WriteAllText(info, string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on {Environment.MachineName} ({command}) "
            + $"since {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}"));
        return new RunLock(stream, info);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_infoPath);
        }
        catch (IOException)
        {
            // The holder file is informational only.
        }
        _stream.Dispose();
    }
}

/// <summary>The lock is held by another run (exit code 75).</summary>
public sealed class RunLockedException(string message) : Exception(message);
