using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace CxWarehouse.TestSupport;

/// <summary>
/// A throwaway PostgreSQL 15 server for tests: a fresh cluster in a fresh temp folder, listening on 127.0.0.1 on a
/// free port (and on a unix socket in that folder), with trust auth and a database <c>cxw_test</c>.
/// Use it as an xunit class or collection fixture; disposing stops the server and deletes the folder.
/// </summary>
/// <remarks>
/// initdb and postgres refuse to run as root. When the tests run as root the server runs (via <c>runuser</c>) as the
/// OS user named by <c>CXW_PG_OS_USER</c>, else <c>postgres</c> (created by Debian's postgresql packages), else
/// <c>nobody</c> (present in every Debian image). When the tests do not run as root the server runs as the current
/// user. Clusters left behind by a killed test run are stopped and deleted by the next run.
/// </remarks>
public sealed class PostgresCluster : IDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    public const string DatabaseName = "cxw_test";
    public const string SuperUser = "postgres";

    private const string FolderPrefix = "cxw-pg-";
    private const string OwnerFileName = "owner.txt";
    private const string OsUserVariable = "CXW_PG_OS_USER";
    private const int StartAttempts = 3;
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] s_runuserPaths = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"];

    private readonly string? _runAs;
    private readonly string _dataDirectory;
    private readonly string _logFile;
    private bool _disposed;

    /// <summary>Creates, starts and waits for the server; throws with initdb's or the server's output if it cannot.</summary>
    public PostgresCluster()
    {
        var clock = Stopwatch.StartNew();
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("PostgresCluster runs the Debian PostgreSQL 15 binaries: Linux only.");
        }
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 server binaries not found in {BinDirectory} (Debian package postgresql-15).");
        }

        _runAs = ChooseOsUser();
        OsUser = _runAs ?? Environment.UserName;
        var parent = ChooseParentFolder(_runAs is not null);
        RemoveStaleClusters(parent, _runAs);

        WorkFolder = Path.Combine(parent, FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        _dataDirectory = Path.Combine(WorkFolder, "data");
        _logFile = Path.Combine(WorkFolder, "server.log");
        Directory.CreateDirectory(WorkFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            File.WriteAllText(Path.Combine(WorkFolder, OwnerFileName), OwnerStamp());
            if (_runAs is not null)
            {
                RunTool("/bin/chown", [_runAs + ":", WorkFolder], runAs: null, WorkFolder);
            }

            RunTool(Path.Combine(BinDirectory, "initdb"),
                ["-D", _dataDirectory, "-U", SuperUser, "--auth=trust", "--locale=C", "--encoding=UTF8", "--no-sync"],
                _runAs, WorkFolder);
            File.AppendAllText(Path.Combine(_dataDirectory, "postgresql.conf"), ServerSettings(WorkFolder));

            Port = StartServer();
            var adminConnection = BuildConnectionString(Port, "postgres");
            WaitUntilAcceptingConnections(adminConnection, clock);
            using (var connection = new NpgsqlConnection(adminConnection))
            {
                connection.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
                create.ExecuteNonQuery();
            }

            ConnectionString = BuildConnectionString(Port, DatabaseName);
        }
        catch
        {
            Cleanup(throwOnFailure: false);
            throw;
        }

        StartupTime = clock.Elapsed;
    }

    /// <summary>Npgsql connection string for database <c>cxw_test</c> as superuser, with pooling off.</summary>
    public string ConnectionString { get; }

    /// <summary>The TCP port on 127.0.0.1 the server listens on.</summary>
    public int Port { get; }

    /// <summary>The OS user the server process runs as.</summary>
    public string OsUser { get; }

    /// <summary>The temp folder holding the data directory, the unix socket and <c>server.log</c>.</summary>
    public string WorkFolder { get; }

    /// <summary>How long the constructor took: initdb, start, wait and CREATE DATABASE.</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>Opens a new connection to <c>cxw_test</c>; the caller disposes it.</summary>
    public NpgsqlConnection OpenConnection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs SQL (one or more statements, no results) in <c>cxw_test</c>; returns the rows affected.</summary>
    public int Execute(string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        using var connection = OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteNonQuery();
    }

    /// <summary>Stops the server (immediate mode) and deletes the work folder.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Cleanup(throwOnFailure: true);
    }

    private void Cleanup(bool throwOnFailure)
    {
        var problems = new List<string>();
        if (!StopServer(_dataDirectory, _runAs, out var stopProblem))
        {
            problems.Add(stopProblem);
        }
        if (!DeleteFolder(WorkFolder, out var deleteProblem))
        {
            problems.Add(deleteProblem);
        }
        if (throwOnFailure && problems.Count > 0)
        {
            throw new InvalidOperationException("PostgresCluster cleanup failed: " + string.Join("; ", problems));
        }
    }

    private int StartServer()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var result = RunToolUnchecked(Path.Combine(BinDirectory, "pg_ctl"),
                ["start", "-D", _dataDirectory, "-l", _logFile, "-w", "-t", "30", "-o", $"-p {port}"],
                _runAs, WorkFolder);
            if (result.ExitCode == 0)
            {
                return port;
            }

            var log = File.Exists(_logFile) ? File.ReadAllText(_logFile) : "";
            // Another process may take the port between FreePort() and the server's bind: try a new one.
            if (attempt < StartAttempts && log.Contains("could not bind", StringComparison.Ordinal))
            {
                StopServer(_dataDirectory, _runAs, out _);
                continue;
            }
            throw new InvalidOperationException(
                $"pg_ctl start failed (exit {result.ExitCode}):\n{result.Output}\n--- server.log ---\n{Tail(log)}");
        }
    }

    private void WaitUntilAcceptingConnections(string connectionString, Stopwatch clock)
    {
        var deadline = clock.Elapsed + s_startTimeout;
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(connectionString);
                connection.Open();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                if (clock.Elapsed > deadline)
                {
                    var log = File.Exists(_logFile) ? File.ReadAllText(_logFile) : "";
                    throw new TimeoutException(
                        $"PostgreSQL on port {Port} did not accept connections within {s_startTimeout.TotalSeconds} s"
                        + $"\n--- server.log ---\n{Tail(log)}", e);
                }
                Thread.Sleep(100);
            }
        }
    }

    private static string BuildConnectionString(int port, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = port,
        Username = SuperUser,
        Database = database,
        Pooling = false,
        Timeout = 5,
        CommandTimeout = 120,
        IncludeErrorDetail = true,
    }.ConnectionString;

    private static string ServerSettings(string socketFolder)
    {
        static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        var settings = new StringBuilder()
            .AppendLine()
            .AppendLine("# PostgresCluster (tests): throwaway server, speed over durability")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = {Quote(socketFolder)}")
            .AppendLine("fsync = off")
            .AppendLine("synchronous_commit = off")
            .AppendLine("full_page_writes = off")
            .AppendLine("wal_level = minimal")
            .AppendLine("max_wal_senders = 0")
            .AppendLine("logging_collector = off")
            .AppendLine("timezone = 'UTC'")
            .AppendLine("log_timezone = 'UTC'")
            .AppendLine("lc_messages = 'C'");
        return settings.ToString();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Null when the tests do not run as root (the server runs as the current user).</summary>
    private static string? ChooseOsUser()
    {
        if (!IsRoot())
        {
            return null;
        }

        var requested = Environment.GetEnvironmentVariable(OsUserVariable);
        string[] candidates = string.IsNullOrWhiteSpace(requested) ? ["postgres", "nobody"] : [requested.Trim()];
        foreach (var user in candidates)
        {
            if (user != "root" && RunToolUnchecked("/usr/bin/id", ["-u", user], runAs: null, "/").ExitCode == 0)
            {
                if (!s_runuserPaths.Any(File.Exists))
                {
                    throw new InvalidOperationException(
                        "Tests run as root but runuser (util-linux) is missing: cannot start PostgreSQL as " + user);
                }
                return user;
            }
        }
        throw new InvalidOperationException(
            $"Tests run as root, and initdb/postgres refuse to run as root, but OS user(s) "
            + $"{string.Join(", ", candidates)} do not exist. Create one first, e.g. "
            + "`useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres`, "
            + $"or set {OsUserVariable} to an existing unprivileged user.");
    }

    private static bool IsRoot()
    {
        // "Uid:\treal\teffective\tsaved\tfs"
        var uidLine = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            : null;
        var fields = uidLine?.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 3 } ? fields[2] == "0" : Environment.UserName == "root";
    }

    /// <summary>
    /// The system temp folder, unless the server's user could not reach it (e.g. TMPDIR under /root) or the unix
    /// socket path would exceed the 107-byte limit; then /tmp.
    /// </summary>
    private static string ChooseParentFolder(bool otherUser)
    {
        var temp = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.GetTempPath()));
        var tooLong = temp.Length + "/cxw-pg-123456789012/.s.PGSQL.65535".Length > 100;
        return tooLong || (otherUser && !TraversableByOthers(temp)) ? "/tmp" : temp;
    }

    private static bool TraversableByOthers(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            if (!dir.Exists || (dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }
        return true;
    }

    private static string OwnerStamp()
    {
        using var self = Process.GetCurrentProcess();
        return string.Join('\n', Environment.MachineName, Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            self.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)) + "\n";
    }

    /// <summary>Stops and deletes clusters whose test process (on this machine) is gone, e.g. after a killed run.</summary>
    private static void RemoveStaleClusters(string parent, string? runAs)
    {
        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(parent, FolderPrefix + "*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var folder in folders)
        {
            try
            {
                var owner = File.ReadAllLines(Path.Combine(folder, OwnerFileName));
                if (owner.Length < 3 || owner[0] != Environment.MachineName
                    || !int.TryParse(owner[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    || !long.TryParse(owner[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                    || IsAlive(pid, ticks))
                {
                    continue;
                }
                StopServer(Path.Combine(folder, "data"), runAs, out _);
                DeleteFolder(folder, out _);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not ours, not readable, or being created or deleted right now: leave it.
            }
        }
    }

    private static bool IsAlive(int pid, long startTicks)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            var started = process.StartTime.ToUniversalTime().Ticks;
            return !process.HasExited && Math.Abs(started - startTicks) < TimeSpan.TicksPerSecond * 2;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException
            or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>pg_ctl stop -m immediate; if that fails, SIGKILL the postmaster named in postmaster.pid.</summary>
    private static bool StopServer(string dataDirectory, string? runAs, out string problem)
    {
        problem = "";
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return true;
        }

        var result = RunToolUnchecked(Path.Combine(BinDirectory, "pg_ctl"),
            ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "20"], runAs, "/");
        if (result.ExitCode == 0 || !File.Exists(pidFile))
        {
            return true;
        }

        try
        {
            var firstLine = File.ReadLines(pidFile).FirstOrDefault();
            if (int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                using var postmaster = Process.GetProcessById(pid);
                if (postmaster.ProcessName is "postgres" or "postmaster")
                {
                    postmaster.Kill();
                    postmaster.WaitForExit(TimeSpan.FromSeconds(10));
                }
            }
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException
            or System.ComponentModel.Win32Exception)
        {
            problem = $"could not stop server in {dataDirectory}: {result.Output.Trim()} / {e.Message}";
            return false;
        }
    }

    private static bool DeleteFolder(string folder, out string problem)
    {
        problem = "";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A backend that is still exiting can write a file while the folder is being deleted.
                if (attempt == 5)
                {
                    problem = $"could not delete {folder}: {e.Message}";
                    return false;
                }
                Thread.Sleep(200 * attempt);
            }
        }
    }

    private static void RunTool(string file, IReadOnlyList<string> arguments, string? runAs, string workingDirectory)
    {
        var result = RunToolUnchecked(file, arguments, runAs, workingDirectory);
        if (result.ExitCode != 0)
        {
            var who = runAs is null ? "" : $" as {runAs}";
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)}{who} failed (exit {result.ExitCode}): {string.Join(' ', arguments)}\n"
                + result.Output);
        }
    }

    /// <summary>
    /// Runs a tool, as <paramref name="runAs"/> through runuser when set, with PG* variables removed and the C locale,
    /// so the caller's environment (no HOME, odd LANG, PGHOST...) does not matter.
    /// </summary>
    private static (int ExitCode, string Output) RunToolUnchecked(string file, IReadOnlyList<string> arguments,
        string? runAs, string workingDirectory)
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        if (runAs is null)
        {
            start.FileName = file;
        }
        else
        {
            start.FileName = s_runuserPaths.First(File.Exists);
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(runAs);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment.Remove("LANGUAGE");
        start.Environment["LC_ALL"] = "C";
        start.Environment["LANG"] = "C";

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_toolTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{Path.GetFileName(file)} {string.Join(' ', arguments)} did not finish in {s_toolTimeout.TotalSeconds} s");
        }
        process.WaitForExit();
        // A daemon that kept our pipes open must not hang the caller; pg_ctl redirects the postmaster's output.
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
        var output = (stdout.IsCompletedSuccessfully ? stdout.Result : "")
            + (stderr.IsCompletedSuccessfully ? stderr.Result : "");
        return (process.ExitCode, output);
    }

    private static string Tail(string text, int lines = 30) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));
}
