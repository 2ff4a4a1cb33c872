using Microsoft.Data.Sqlite;
using Npgsql;

namespace CxWarehouse.Etl.Extract;

/// <summary>How often and how patiently a source is retried.</summary>
public sealed record RetryPolicy(int Attempts = 4, double BaseDelayMs = 500, double MaxDelayMs = 10_000)
{
    public static RetryPolicy None { get; } = new(1, 0, 0);

    /// <summary>Exponential backoff with full jitter, capped: a random wait in [0, min(max, base·2^attempt)].</summary>
    public TimeSpan Delay(int attempt, Random random) =>
        TimeSpan.FromMilliseconds(random.NextDouble() * Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, attempt)));
}

/// <summary>
/// Retries transient faults only (a dropped connection, a busy database, a timeout, a file briefly unreadable);
/// authentication, configuration and data faults fail at once.
/// </summary>
public static class Retry
{
    public static T Run<T>(Func<T> action, RetryPolicy policy, Action<int, Exception, TimeSpan>? onRetry = null,
        Random? random = null, Action<TimeSpan>? sleep = null)
    {
        random ??= Random.Shared;
        sleep ??= Thread.Sleep;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return action();
            }
            catch (Exception ex) when (attempt < policy.Attempts && IsTransient(ex))
            {
                var delay = policy.Delay(attempt, random);
                onRetry?.Invoke(attempt, ex, delay);
                sleep(delay);
            }
        }
    }

    public static bool IsTransient(Exception ex) => ex switch
    {
        PostgresException pg => pg.IsTransient,                     // 28P01 (bad password) and friends are not
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,  // SQLITE_BUSY, SQLITE_LOCKED
        TimeoutException => true,
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => false,
        IOException => true,
        TransientSourceException => true,
        _ => false,
    };
}

/// <summary>A fault the source itself declares temporary.</summary>
public sealed class TransientSourceException(string message) : Exception(message);
