using CxWarehouse.Etl;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CxWarehouse.Cli.Doctor;

/// <summary>Sources: their files or databases, and the freshness of what the lake holds of them.</summary>
internal sealed partial class Checkup
{
    /// <summary>Seconds a SQL source gets to answer; one attempt, no retries, so an unreachable one is quick to report.</summary>
    private const int SqlTimeoutSeconds = 5;

    private static IEnumerable<StreamMapping> Planned(SourceInput input) =>
        input.Mapping.Streams.Where(s => input.Streams.Count == 0 || input.Streams.Contains(s.Key)).Select(s => s.Value);

    private void CheckSource(SourceInput input)
    {
        var check = "source " + input.Name;
        var streams = Planned(input).ToList();
        if (input.Database == "postgres")
        {
            CheckPostgres(input, check);
        }
        else if (streams.Any(s => s.Reader.IsSql))
        {
            CheckSqlite(input, check);
        }
        else
        {
            CheckFiles(input, streams, check);
        }
    }

    private void CheckFiles(SourceInput input, List<StreamMapping> streams, string check)
    {
        var folder = input.Path.IndexOfAny(['*', '?']) >= 0 ? Path.GetDirectoryName(input.Path)! : input.Path;
        var fixPath = $"create it or correct the source's path in {Path.GetFileName(context.ConfigPath)} (relative to "
            + "the configuration's folder, or to --input)";
        if (!File.Exists(folder) && !Directory.Exists(folder))
        {
            Add(DoctorCheck.Fail, check, $"{input.Profile}: folder not found: {folder}", fixPath);
            return;
        }
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var unmatched = new List<string>();
        IReadOnlyList<string> strangers = [];
        try
        {
            // The files each stream would read: a built-in profile recognises them by what they hold.
            var (byStream, unrecognised) = Extractor.RecogniseFiles(input);
            strangers = unrecognised;
            foreach (var stream in streams)
            {
                var matched = byStream.TryGetValue(stream.Stream.Name, out var found) ? found : [];
                if (matched.Count == 0)
                {
                    unmatched.Add(input.Profile == "custom" ? $"{stream.Files} ({stream.Stream.Name})" : stream.Stream.Name);
                }
                files.UnionWith(matched);
            }
        }
        catch (Exception ex) when (ex is SourceFileException or UnauthorizedAccessException or IOException)
        {
            Add(DoctorCheck.Fail, check, $"{folder} cannot be listed: {ex.Message}",
                "give the user cxw runs as read and execute permission on the folder");
            return;
        }
        var empty = new List<string>();
        var unreadable = new List<string>();
        long bytes = 0;
        foreach (var file in files)
        {
            try
            {
                var length = Extractor.FileLength(file);
                bytes += length;
                if (length == 0)
                {
                    empty.Add(Path.GetFileName(file));
                }
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                unreadable.Add(Path.GetFileName(file));
            }
        }
        if (unreadable.Count > 0)
        {
            Add(DoctorCheck.Fail, check, $"{unreadable.Count} file(s) in {folder} cannot be read: {Some(unreadable)}",
                "give the user cxw runs read permission on them");
        }
        if (empty.Count > 0)
        {
            Add(DoctorCheck.Fail, check, $"{empty.Count} empty file(s) in {folder}: {Some(empty)} (their streams "
                + "would fail)", "re-export them from the source system, or move them out of the folder");
        }
        if (strangers.Count > 0)
        {
            Add(DoctorCheck.Warn, check, $"{input.Profile}: {strangers.Count} file(s) in {folder} are not an export the "
                + $"profile recognises and will not be read: {Some(strangers.Select(Path.GetFileName).ToList()!)}",
                "move them out of the folder, or check they are the export the profile describes");
        }
        if (files.Count == 0 && input.Optional)
        {
            Add(DoctorCheck.Ok, check, $"{input.Profile}: no file in {folder} yet; the source is optional");
        }
        else if (files.Count == 0)
        {
            Add(DoctorCheck.Fail, check, $"{input.Profile}: no file in {folder} is an export of any of the profile's "
                + $"streams ({Some(unmatched, 6)})", fixPath + ", or export the files the profile reads");
        }
        else if (unmatched.Count > 0)
        {
            Add(DoctorCheck.Warn, check, $"{input.Profile}: {files.Count} file(s) in {folder}, but none for "
                + $"{Some(unmatched, 6)}, so those streams will be empty",
                "export those files too, or list only the streams you have under the source's streams:");
        }
        else if (unreadable.Count == 0 && empty.Count == 0)
        {
            Add(DoctorCheck.Ok, check, $"{input.Profile}: {files.Count} file(s), {Size(bytes)} in {folder}; every "
                + "stream has its files");
        }
    }

    private void CheckSqlite(SourceInput input, string check)
    {
        if (!File.Exists(input.Path))
        {
            Add(DoctorCheck.Fail, check, $"SQLite database not found: {input.Path}",
                $"correct the source's path in {Path.GetFileName(context.ConfigPath)}");
            return;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = input.Path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
                DefaultTimeout = SqlTimeoutSeconds,
            }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "select 1";
            command.ExecuteScalar();
            // A file that is not a database opens; reading its schema is what fails.
            command.CommandText = "select count(*) from sqlite_master";
            command.ExecuteScalar();
            Add(DoctorCheck.Ok, check, $"SQLite {input.Path}: select 1 answered in {clock.ElapsedMilliseconds} ms");
        }
        catch (SqliteException ex)
        {
            SqlFailure(check, $"SQLite {input.Path}", ex, null);
        }
    }

    private void CheckPostgres(SourceInput input, string check)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(input.Connection)
            {
                Timeout = SqlTimeoutSeconds,
                CommandTimeout = SqlTimeoutSeconds,
                Pooling = false,
            };
        }
        catch (ArgumentException ex)
        {
            Add(DoctorCheck.Fail, check, "the connection string is not valid: " + ex.Message,
                "write it as Host=...;Database=...;Username=...");
            return;
        }
        var target = $"PostgreSQL {builder.Username ?? "(no user)"}@{builder.Host}:{builder.Port}/{builder.Database}";
        string? password = null;
        if (input.PasswordEnv is not null)
        {
            password = Environment.GetEnvironmentVariable(input.PasswordEnv);
            if (password is null)
            {
                Add(DoctorCheck.Fail, check, $"{target}: the environment variable {input.PasswordEnv} (the password) "
                    + "is not set", $"set {input.PasswordEnv} in the environment cxw runs in (cron's too)");
                return;
            }
            builder.Password = password;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("select 1", connection);
            command.ExecuteScalar();
            Add(DoctorCheck.Ok, check, $"{target}: select 1 answered in {clock.ElapsedMilliseconds} ms");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            SqlFailure(check, target, ex, password);
        }
    }

    /// <summary>Authentication and configuration faults need the user; transient ones are the server's or the network's.</summary>
    private void SqlFailure(string check, string target, Exception ex, string? password)
    {
        var message = FirstLine(ex.Message);
        if (!string.IsNullOrEmpty(password))
        {
            // The password never reaches the output, whatever a driver put in its message.
            message = message.Replace(password, "***", StringComparison.Ordinal);
        }
        if (Retry.IsTransient(ex))
        {
            Add(DoctorCheck.Fail, check, $"{target}: transient fault (network or server): {message}",
                "check that the server is up and reachable from this machine; runs retry such faults, so a brief "
                + "outage only delays them");
        }
        else if (ex is PostgresException { SqlState: var state } && state.StartsWith("28", StringComparison.Ordinal))
        {
            Add(DoctorCheck.Fail, check, $"{target}: authentication failed ({state}): {message}",
                "check the user in connection: and the password in the source's password_env variable; runs do not "
                + "retry this");
        }
        else
        {
            Add(DoctorCheck.Fail, check, $"{target}: configuration fault: {message}",
                "check the connection string (host, port, database, user) or the database file; runs do not retry this");
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }

    private void CheckFreshness(CxConfig config)
    {
        var lake = new Lake(context.LakePath);
        var now = DateTimeOffset.UtcNow;
        foreach (var input in config.Sources)
        {
            var configured = input.FreshnessWarnHours is not null || input.FreshnessErrorHours is not null;
            var ages = configured
                ? $"warn after {(input.FreshnessWarnHours is { } w ? Hours(w) : "-")} h, error after "
                    + $"{(input.FreshnessErrorHours is { } e ? Hours(e) : "-")} h"
                : "no freshness ages configured";
            foreach (var stream in Planned(input).Select(s => s.Stream.Name))
            {
                var check = $"freshness {input.Name} {stream}";
                StreamManifest? manifest;
                try
                {
                    manifest = lake.ReadManifest(input.Name, stream);
                }
                catch (System.Text.Json.JsonException)
                {
                    continue; // reported by the lake check
                }
                if (manifest is null)
                {
                    Add(DoctorCheck.Warn, check, $"never extracted into {context.LakePath}",
                        $"run cxw run (or cxw extract --source {input.Name})");
                    continue;
                }
                if (manifest.CursorValue is null)
                {
                    Add(configured ? DoctorCheck.Warn : DoctorCheck.Ok, check,
                        $"no record time on record ({manifest.Rows} rows, last committed "
                        + $"{manifest.CommittedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z), so its age is unknown; {ages}",
                        configured ? "check that the source delivers records with their times" : null);
                    continue;
                }
                var latest = DateTimeOffset.Parse(manifest.CursorValue, s_invariant);
                var age = (now - latest).TotalHours;
                var status = input.FreshnessOf(age) switch
                {
                    FreshnessStatus.Error => DoctorCheck.Fail,
                    FreshnessStatus.Warn => DoctorCheck.Warn,
                    _ => DoctorCheck.Ok,
                };
                Add(status, check, $"newest record {latest.UtcDateTime:yyyy-MM-dd HH:mm}Z is {Hours(age)} h old ({ages})",
                    status == DoctorCheck.Ok ? null
                        : $"check that {input.Name} still exports new data to its path, then run cxw run; or raise "
                            + "the source's freshness: ages");
            }
        }
    }
}
