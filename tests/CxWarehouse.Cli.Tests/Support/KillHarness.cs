using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CxWarehouse.Cli.Tests.Support;

/// <summary>
/// Runs cxw with <c>--verbose</c>, watches the stage markers it logs (<c>debug stage extract</c>, <c>stage build</c>,
/// <c>stage test</c>, <c>stage report</c>) and kills it with SIGKILL a chosen time after a chosen stage began. The
/// stage a kill landed in is read from everything the process wrote before it died, so a kill counts for a stage
/// only if that stage was running when the signal arrived.
/// </summary>
public static partial class KillHarness
{
    /// <summary>The stages the crash-safety loop aims at.</summary>
    public static readonly string[] Stages = ["extract", "build", "report"];

    /// <summary>Kills to deliver in each stage: <c>CXW_KILLS</c> (make crashtest sets 20), else the CI count.</summary>
    public static int KillsPerStage(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("CXW_KILLS"), NumberStyles.None, CultureInfo.InvariantCulture,
            out var kills) && kills > 0 ? kills : ciDefault;

    /// <summary>Runs to the end; returns the result and how long each stage took, marker to marker (or exit).</summary>
    public static (CxwResult Result, IReadOnlyDictionary<string, TimeSpan> Stages) Timed(params string[] args)
    {
        using var watched = new Watched(args);
        watched.WaitForExit(TimeSpan.FromMinutes(5));
        var markers = watched.Markers();
        var stages = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        for (var i = 0; i < markers.Count; i++)
        {
            var end = i + 1 < markers.Count ? markers[i + 1].At : watched.ExitedAt;
            stages[markers[i].Stage] = end - markers[i].At;
        }
        return (new CxwResult(watched.ExitCode, "", watched.Stderr()), stages);
    }

    /// <summary>
    /// Starts cxw, waits for <paramref name="stage"/> to begin, waits <paramref name="after"/> more and kills it.
    /// Killed is false when the process ended by itself first; Stage is the stage it was in when it died, and
    /// StageTook how long the aimed stage ran when it ended before the kill (to aim the next one better).
    /// </summary>
    public static KillOutcome KillIn(string stage, TimeSpan after, params string[] args)
    {
        using var watched = new Watched(args);
        if (!watched.WaitForStage(stage, TimeSpan.FromMinutes(5)))
        {
            watched.WaitForExit(TimeSpan.FromMinutes(5));
            return new KillOutcome(null, false, watched.ExitCode, watched.Stderr(), null);
        }
        watched.Kill(after);
        var markers = watched.Markers();
        var killed = watched.ExitCode == 137;
        var at = markers.FindIndex(m => m.Stage == stage);
        TimeSpan? took = at + 1 < markers.Count ? markers[at + 1].At - markers[at].At
            : killed ? null : watched.ExitedAt - markers[at].At;
        return new KillOutcome(markers[^1].Stage, killed, watched.ExitCode, watched.Stderr(), took);
    }

    [GeneratedRegex(@"^\S+ debug +stage (?<stage>[a-z]+)")]
    private static partial Regex Marker();

    private sealed class Watched : IDisposable
    {
        private readonly Process _process;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(TimeSpan At, string Line)> _lines = [];
        private readonly object _gate = new();
        private bool _ended;

        public Watched(string[] args)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Cxw.RepoRoot,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Cxw.Program);
            foreach (var arg in args.Append("--verbose"))
            {
                start.ArgumentList.Add(arg);
            }
            _process = new Process { StartInfo = start };
            _process.ErrorDataReceived += (_, e) =>
            {
                lock (_gate)
                {
                    if (e.Data is null)
                    {
                        _ended = true;
                    }
                    else
                    {
                        _lines.Add((_clock.Elapsed, e.Data));
                    }
                    Monitor.PulseAll(_gate);
                }
            };
            _process.OutputDataReceived += (_, _) => { };
            _process.Start();
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
        }

        public TimeSpan ExitedAt { get; private set; }

        public int ExitCode => _process.ExitCode;

        /// <summary>True once a marker of <paramref name="stage"/> is read; false if the output ends first.</summary>
        public bool WaitForStage(string stage, TimeSpan timeout)
        {
            var deadline = _clock.Elapsed + timeout;
            lock (_gate)
            {
                while (true)
                {
                    if (_lines.Any(l => Marker().Match(l.Line) is { Success: true } m && m.Groups["stage"].Value == stage))
                    {
                        return true;
                    }
                    var left = deadline - _clock.Elapsed;
                    if (_ended || left <= TimeSpan.Zero)
                    {
                        return false;
                    }
                    Monitor.Wait(_gate, left);
                }
            }
        }

        /// <summary>SIGKILL after <paramref name="delay"/>, unless the process ends first; waits for its output to end.</summary>
        public void Kill(TimeSpan delay)
        {
            if (!_process.WaitForExit(delay))
            {
                _process.Kill(); // SIGKILL on Linux
            }
            WaitForExit(TimeSpan.FromMinutes(1));
        }

        public void WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"cxw did not finish in {timeout}");
            }
            _process.WaitForExit(); // drains the redirected output
            ExitedAt = _clock.Elapsed;
        }

        public List<(TimeSpan At, string Stage)> Markers()
        {
            lock (_gate)
            {
                return _lines.Select(l => (l.At, Match: Marker().Match(l.Line))).Where(l => l.Match.Success)
                    .Select(l => (l.At, l.Match.Groups["stage"].Value)).ToList();
            }
        }

        public string Stderr()
        {
            lock (_gate)
            {
                return string.Join("\n", _lines.Select(l => l.Line));
            }
        }

        public void Dispose() => _process.Dispose();
    }
}

/// <summary>
/// Where a kill landed: the stage the process was in, whether SIGKILL ended it, its exit code and log, and how long
/// the aimed stage took when it ended before the kill.
/// </summary>
public sealed record KillOutcome(string? Stage, bool Killed, int ExitCode, string Stderr, TimeSpan? StageTook);
