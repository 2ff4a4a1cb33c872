using System.Globalization;
using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Cli.Doctor;

/// <summary>
/// The checks of <c>cxw doctor</c>: the configuration, each source's reachability and freshness, disk space, the
/// run lock and the warehouse's integrity. Nothing is written and the run lock is never taken: the warehouse is
/// opened read-only, sources are opened for reading, and the lock is judged from its holder file.
/// </summary>
internal sealed partial class Checkup(CliContext context, Action<DoctorCheck> report)
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;
    private readonly List<DoctorCheck> _checks = [];

    /// <summary>Runs every check in turn, reporting each as it completes; returns them all.</summary>
    public IReadOnlyList<DoctorCheck> Run()
    {
        CxConfig config;
        try
        {
            config = context.LoadConfig();
        }
        catch (ConfigException ex)
        {
            // Without a valid configuration nothing else can be judged.
            Add(DoctorCheck.Fail, "config", ex.Message, "correct the configuration at the place named, then rerun cxw doctor");
            return _checks;
        }
        Add(DoctorCheck.Ok, "config", $"{config.FilePath}: valid, {config.Sources.Count} source(s)");
        foreach (var input in config.Sources)
        {
            CheckSource(input);
        }
        CheckFreshness(config);
        CheckDiskSpace(config);
        var lockHeld = CheckLock();
        CheckWarehouse(config, lockHeld);
        CheckLake(config);
        return _checks;
    }

    /// <summary>0 when every check is ok, 1 when any warns, 2 when any fails.</summary>
    public static int ExitCode(IReadOnlyList<DoctorCheck> checks) =>
        checks.Any(c => c.Status == DoctorCheck.Fail) ? ExitCodes.Usage
        : checks.Any(c => c.Status == DoctorCheck.Warn) ? ExitCodes.DataProblems
        : ExitCodes.Success;

    private void Add(string status, string check, string detail, string? fix = null)
    {
        var finding = new DoctorCheck(status, check, detail.ReplaceLineEndings(" "), fix);
        _checks.Add(finding);
        report(finding);
    }

    private static string Hours(double hours) => hours.ToString(hours < 10 ? "0.0" : "0", s_invariant);

    private static string Size(double bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (1L << 30)).ToString("0.0", s_invariant) + " GB",
        >= 1L << 20 => (bytes / (1L << 20)).ToString("0", s_invariant) + " MB",
        _ => (bytes / 1024).ToString("0", s_invariant) + " KB",
    };

    /// <summary>At most <paramref name="count"/> items, then how many more.</summary>
    private static string Some(IReadOnlyCollection<string> items, int count = 3) =>
        string.Join(", ", items.Take(count)) + (items.Count > count ? $" and {items.Count - count} more" : "");
}
