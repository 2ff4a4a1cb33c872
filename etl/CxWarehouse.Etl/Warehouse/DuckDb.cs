using System.Data.Common;
using CxWarehouse.Etl.Configuration;
using DuckDB.NET.Data;

namespace CxWarehouse.Etl.Warehouse;

/// <summary>Opens DuckDB connections with the project's settings and runs statements with parameters.</summary>
public static class DuckDb
{
    /// <summary>An in-memory database for extraction work, spilling to <paramref name="tempFolder"/>.</summary>
    public static DuckDBConnection OpenScratch(WarehouseSettings settings, string tempFolder) =>
        Open(":memory:", settings, tempFolder, readOnly: false);

    public static DuckDBConnection Open(string path, WarehouseSettings settings, string? tempFolder, bool readOnly)
    {
        var connection = new DuckDBConnection(readOnly
            ? $"Data Source={path};ACCESS_MODE=READ_ONLY"
            : $"Data Source={path}");
        try
        {
            connection.Open();
        }
        catch (DuckDBException ex) when (ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            connection.Dispose();
            throw new WarehouseLockedException(path, ex);
        }
        Execute(connection, "SET TimeZone = 'UTC'");
        // DuckDB's own default is 80% of the machine: bounded, it spills to disk instead, so a run's memory does
        // not grow with the data (the scale 100 build took the same time at 1 GB and at 700 MB as unbounded, at
        // 1.3 GB and 1.1 GB RSS instead of 3.6 GB).
        Execute(connection, $"SET memory_limit = '{settings.MemoryLimit ?? DefaultMemoryLimitMb() + "MB"}'");
        if (settings.Threads is not null)
        {
            Execute(connection, $"SET threads = {settings.Threads.Value}");
        }
        if (!readOnly)
        {
            var temp = settings.TempDirectory ?? tempFolder;
            if (temp is not null)
            {
                Execute(connection, "SET temp_directory = " + Extract.SqlText.Literal(temp));
            }
        }
        if (!readOnly && path != ":memory:" && !settings.CompressText)
        {
            // Text is written as it is: choosing and applying the dictionary and FSST encodings was half of writing a
            // table (1 million identity records: 0.79 s -> 0.35 s) and a fifth of the scale-100 build (42.6 s ->
            // 33.5 s; the file 439 MB -> 1.1 GB). Numbers, dates and booleans keep their light encodings.
            Execute(connection, "SET disabled_compression_methods = 'fsst,dictionary'");
        }
        if (path != ":memory:")
        {
            // A warehouse's settings as the variables its views and compiled models read through setting(name).
            SettingVariables.SetStored(connection);
        }
        return connection;
    }

    /// <summary>The memory limit when <c>warehouse: memory_limit</c> is not set: 768 MB, or a quarter of the machine's
    /// memory if that is less.</summary>
    public static long DefaultMemoryLimitMb() =>
        Math.Max(256, Math.Min(768, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 / (1024 * 1024)));

    private static readonly bool s_trace = Environment.GetEnvironmentVariable("CXW_TRACE_SQL") is "1" or "full";

    private static readonly bool s_traceFull = Environment.GetEnvironmentVariable("CXW_TRACE_SQL") == "full";

    /// <summary>
    /// Confines the connection's file access to <paramref name="folders"/> (DuckDB's allowed_directories with
    /// external access off) and locks the configuration so SQL cannot undo it: a model or query that reads
    /// <c>/etc/passwd</c> or <c>lake/../../etc</c> fails with a permission error.
    /// </summary>
    public static void Confine(DbConnection connection, IEnumerable<string> folders)
    {
        var list = folders.Where(f => !string.IsNullOrEmpty(f))
            .Select(f => Extract.SqlText.Literal(Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)) + "/"))
            .Distinct(StringComparer.Ordinal);
        Execute(connection, $"SET allowed_directories = [{string.Join(", ", list)}]");
        Execute(connection, "SET enable_external_access = false");
        Execute(connection, "SET lock_configuration = true");
    }

    public static long Execute(DbConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return Traced(sql, command.ExecuteNonQuery);
    }

    /// <summary>
    /// CXW_TRACE_SQL=1: each statement's time on standard error, for finding what a slow run spends time on: its wall
    /// time and the process's CPU time meanwhile (near the wall time when a statement keeps one core busy, twice it on
    /// two; other threads' work, such as another source's extraction, counts too).
    /// </summary>
    private static TResult Traced<TResult>(string sql, Func<TResult> run)
    {
        if (!s_trace)
        {
            return run();
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        var result = run();
        var shown = sql.ReplaceLineEndings(" ").Trim();
        Console.Error.WriteLine($"sql {clock.Elapsed.TotalSeconds,7:0.000} s {(Environment.CpuUsage.TotalTime - cpu).TotalSeconds,7:0.000} cpu  "
            + (s_traceFull ? sql.Trim() : shown[..Math.Min(100, shown.Length)]));
        return result;
    }

    public static T? Scalar<T>(DbConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        var value = Traced(sql, command.ExecuteScalar);
        if (value is null or DBNull)
        {
            return default;
        }
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<object?[]> Rows(DbConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    public static bool TableExists(DbConnection connection, string schema, string table) =>
        Scalar<long>(connection,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2",
            schema, table) > 0;

    private static DbCommand Command(DbConnection connection, string sql, object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
