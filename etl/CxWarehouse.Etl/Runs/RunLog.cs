using System.Globalization;

namespace CxWarehouse.Etl.Runs;

/// <summary>
/// Log lines on standard error: plain and timestamped when nobody watches (cron, CI), a progress line that is
/// rewritten in place on a terminal. Standard output is kept for results (<c>cxw sql</c>).
/// </summary>
public sealed class RunLog(TextWriter writer, bool verbose, bool quiet, bool interactive, bool json = false)
{
    private readonly object _gate = new();
    private bool _progressShown;

    public static RunLog Console(bool verbose, bool quiet, bool json = false) =>
        new(System.Console.Error, verbose, quiet, !System.Console.IsErrorRedirected && !json, json);

    public static RunLog Silent { get; } = new(TextWriter.Null, false, true, false);

    public void Info(string message)
    {
        if (!quiet)
        {
            Write("info", message);
        }
    }

    public void Debug(string message)
    {
        if (verbose)
        {
            Write("debug", message);
        }
    }

    public void Warn(string message) => Write("warn", message);

    public void Error(string message) => Write("error", message);

    /// <summary>Shows what a long step is doing: in place on a terminal, as a log line otherwise.</summary>
    public void Progress(int step, int total, string message)
    {
        if (quiet)
        {
            return;
        }
        if (!interactive)
        {
            Debug($"[{step}/{total}] {message}");
            return;
        }
        lock (_gate)
        {
            var line = $"[{step}/{total}] {message}";
            if (line.Length > 100)
            {
                line = line[..97] + "...";
            }
            writer.Write("\r" + line.PadRight(100));
            _progressShown = true;
        }
    }

    private void Write(string level, string message)
    {
        lock (_gate)
        {
            if (_progressShown)
            {
                writer.Write("\r" + new string(' ', 100) + "\r");
                _progressShown = false;
            }
            // Emails and phone numbers never reach a log, whatever message carried them.
            message = PersonalData.Mask(message);
            var stamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            writer.WriteLine(json
                ? System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["time"] = stamp,
                    ["level"] = level,
                    ["message"] = message,
                })
                : $"{stamp} {level,-5} {message}");
        }
    }
}
