using System.Globalization;
using System.Text.RegularExpressions;
using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Cli.Doctor;

/// <summary>The machine: free disk space where cxw writes, and the run lock.</summary>
internal sealed partial class Checkup
{
    private const long FailBelowBytes = 200L << 20;
    private const long WarnBelowBytes = 2L << 30;

    private void CheckDiskSpace(CxConfig config)
    {
        var warehouseFolder = Path.GetDirectoryName(context.WarehousePath)!;
        var places = new (string Role, string Path)[]
        {
            ("lake", context.LakePath),
            ("warehouse", warehouseFolder),
            ("output", context.Output),
            ("DuckDB temp", Path.GetFullPath(config.Warehouse.TempDirectory ?? Path.Combine(warehouseFolder, "tmp"))),
        };
        var lakeBytes = Directory.Exists(context.LakePath)
            ? new DirectoryInfo(context.LakePath).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0L;
        var mounts = MountPoints();
        foreach (var volume in places.GroupBy(p => MountOf(ExistingAncestor(p.Path), mounts)))
        {
            var roles = string.Join(", ", volume.Select(p => p.Role));
            var check = "disk " + volume.Key;
            long free;
            try
            {
                free = new DriveInfo(volume.Key).AvailableFreeSpace;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                Add(DoctorCheck.Warn, check, $"free space unknown ({ex.Message}) for {roles}");
                continue;
            }
            var detail = $"{Size(free)} free for {roles}; the lake holds {Size(lakeBytes)}";
            var fix = $"free space on {volume.Key}, or move the {roles} elsewhere (--lake, --warehouse, --output, "
                + "warehouse: temp_directory)";
            if (free < FailBelowBytes)
            {
                Add(DoctorCheck.Fail, check, detail + $" (under {Size(FailBelowBytes)}: runs will fail)", fix);
            }
            else if (free < WarnBelowBytes || free < 2 * lakeBytes)
            {
                Add(DoctorCheck.Warn, check, detail + $" (under {Size(WarnBelowBytes)} or twice the lake)", fix);
            }
            else
            {
                Add(DoctorCheck.Ok, check, detail);
            }
        }
    }

    private static string ExistingAncestor(string path)
    {
        var probe = Path.GetFullPath(path);
        while (!Directory.Exists(probe) && Path.GetDirectoryName(probe) is { } parent)
        {
            probe = parent;
        }
        return probe;
    }

    private static List<string> MountPoints()
    {
        try
        {
            return DriveInfo.GetDrives().Select(d => d.Name).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The mount point holding <paramref name="path"/>: the longest mount that is a prefix of it.</summary>
    private static string MountOf(string path, List<string> mounts) =>
        mounts.Where(m => path == Path.TrimEndingDirectorySeparator(m) || m == "/"
                || path.StartsWith(Path.TrimEndingDirectorySeparator(m) + "/", StringComparison.Ordinal))
            .MaxBy(m => m.Length) ?? path;

    /// <summary>
    /// Judges the run lock from its holder file, without taking it: free, held by a live process (which, on
    /// which host, since when), or a stale holder file left by a dead one. Returns whether it is held.
    /// </summary>
    private bool CheckLock()
    {
        var lockPath = context.WarehousePath + ".lock";
        var holderPath = lockPath + ".holder";
        string text;
        try
        {
            text = File.Exists(holderPath) ? File.ReadAllText(holderPath).Trim() : "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Add(DoctorCheck.Warn, "lock", $"{holderPath} cannot be read: {ex.Message}");
            return false;
        }
        if (text.Length == 0)
        {
            Add(DoctorCheck.Ok, "lock", $"free ({lockPath})");
            return false;
        }
        var match = HolderLine().Match(text);
        if (!match.Success)
        {
            Add(DoctorCheck.Warn, "lock", $"{holderPath} reads '{text}', which is not a holder line",
                "if no cxw run is going on, delete it");
            return false;
        }
        var pid = int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture);
        var host = match.Groups["host"].Success ? match.Groups["host"].Value : null;
        var holder = $"pid {pid}" + (host is null ? "" : $" on {host}") + $" ({match.Groups["command"].Value}) "
            + $"since {match.Groups["since"].Value}";
        if (host is not null && !string.Equals(host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            Add(DoctorCheck.Warn, "lock", $"held by {holder}: another machine, so its process cannot be checked from here",
                $"wait for that run to finish; if none is going on at {host}, delete {holderPath}");
            return true;
        }
        if (HoldsLock(pid))
        {
            var since = DateTimeOffset.TryParse(match.Groups["since"].Value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at) ? $", {(DateTimeOffset.UtcNow - at).TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min" : "";
            Add(DoctorCheck.Warn, "lock", $"held by {holder}{since}: runs started now exit 75",
                $"wait for it to finish; if it hangs, stop it (kill {pid})");
            return true;
        }
        Add(DoctorCheck.Ok, "lock", $"free: a stale holder file names {holder}, which is no longer running (not "
            + "blocking: the kernel released its lock)", $"nothing needed; delete {holderPath} to tidy up");
        return false;
    }

    /// <summary>
    /// Whether <paramref name="pid"/> is alive and, where the kernel lists locks (<c>/proc/locks</c>), holds a
    /// flock: a pid reused by an unrelated process after the holder died does not count.
    /// </summary>
    private static bool HoldsLock(int pid)
    {
        if (OperatingSystem.IsLinux() && File.Exists("/proc/locks"))
        {
            try
            {
                var id = pid.ToString(CultureInfo.InvariantCulture);
                return File.ReadLines("/proc/locks").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    .Any(f => f.Length > 4 && f[1] == "FLOCK" && f[4] == id);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Fall back to whether the process is alive.
            }
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^pid (?<pid>\d+)(?: on (?<host>\S+))? \((?<command>[^)]*)\) since (?<since>\S+)$")]
    private static partial Regex HolderLine();
}
