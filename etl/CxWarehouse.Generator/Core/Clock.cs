using System.Globalization;

namespace CxWarehouse.Generator.Core;

/// <summary>Time-zone conversion and the timestamp formats each source writes. All instants are UTC
/// DateTimes.</summary>
internal static class Clock
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    public static readonly TimeZoneInfo Denver = TimeZoneInfo.FindSystemTimeZoneById("America/Denver");
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static TimeZoneInfo Find(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>Local wall time to UTC; a time in a spring-forward gap moves one hour later.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public static DateTime AtLocal(DateOnly day, double hourOfDay, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue).AddSeconds(Math.Round(hourOfDay * 3600));
        return ToUtc(local, zone);
    }

    public static long UnixSeconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;

    public static long UnixMicros(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>Salesforce API datetime, e.g. 2026-11-18T09:15:02.000Z.</summary>
    public static string Sf(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", s_inv);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", s_inv);

    public static string Date(DateTime dt) => dt.ToString("yyyy-MM-dd", s_inv);

    /// <summary>Amazon Connect CTR timestamp, e.g. 2025-03-01T10:11:12Z.</summary>
    public static string Ctr(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", s_inv);

    /// <summary>yyyy-MM-dd HH:mm:ss wall time (Asterisk, Qualtrics).</summary>
    public static string Wall(DateTime local) => local.ToString("yyyy-MM-dd HH:mm:ss", s_inv);

    public static string WallMinutes(DateTime local) => local.ToString("yyyy-MM-dd HH:mm", s_inv);

    /// <summary>RFC 3339 UTC with the given number of fractional digits (0, 3, 6 or 9).</summary>
    public static string Rfc3339(DateTime utc, int fractionDigits, int extraNanos)
    {
        var seconds = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", s_inv);
        if (fractionDigits == 0)
        {
            return seconds + "Z";
        }

        var nanos = ((utc.Ticks % TimeSpan.TicksPerSecond) * 100) + (extraNanos % 100);
        var fraction = nanos.ToString("D9", s_inv)[..fractionDigits];
        return seconds + "." + fraction + "Z";
    }

    public static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    public static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
