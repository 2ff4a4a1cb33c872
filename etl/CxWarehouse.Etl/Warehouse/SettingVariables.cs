using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;

namespace CxWarehouse.Etl.Warehouse;

/// <summary>
/// The configuration's settings as the models read them: one DuckDB variable <c>cxw_&lt;key&gt;</c> per setting,
/// typed as the setting is (an INTEGER for <c>fcr_window_days</c>, a DOUBLE for <c>gross_margin</c>; NULL when not
/// configured), read through the macro <c>setting('&lt;key&gt;')</c> of <c>sql/macros/setting.sql</c>. The
/// catalogue refresh records them in <c>config.settings</c> (key, value as text), for analysts, and sets them on the
/// connection that builds; every other connection <see cref="DuckDb.Open"/> makes to a warehouse sets them from that
/// table, so a view or a compiled model file reads the settings the warehouse was built with.
/// </summary>
public static partial class SettingVariables
{
    /// <summary>What a variable's name starts with: <c>cxw_fcr_window_days</c>.</summary>
    public const string Prefix = "cxw_";

    private sealed record Definition(string Key, string Type, Func<CxConfig, string?> Value);

    private static readonly Definition[] s_definitions =
    [
        new("project", "VARCHAR", c => c.Project),
        new("reporting_time_zone", "VARCHAR", c => c.Reporting.TimeZone),
        new("currency", "VARCHAR", c => c.Reporting.Currency),
        new("min_sample", "INTEGER", c => Number(c.Benchmark.MinSample)),
        new("service_level_seconds", "INTEGER", c => Number(c.Benchmark.ServiceLevelSeconds)),
        new("short_abandon_seconds", "INTEGER", c => Number(c.Benchmark.ShortAbandonSeconds)),
        new("fcr_window_days", "INTEGER", c => Number(c.Benchmark.FcrWindowDays)),
        new("churn_window_days", "INTEGER", c => Number(c.Benchmark.ChurnWindowDays)),
        new("gross_margin", "DOUBLE", c => c.Benchmark.GrossMargin is { } margin ? Number(margin) : ""),
        new("topic_taxonomy", "VARCHAR", c => c.Topics.Taxonomy),
        new("follow_up_detractor_hours", "DOUBLE", c => Number(c.FollowUp.DetractorHours)),
        new("follow_up_low_csat_hours", "DOUBLE", c => Number(c.FollowUp.LowCsatHours)),
        new("follow_up_negative_review_hours", "DOUBLE", c => Number(c.FollowUp.NegativeReviewHours)),
    ];

    /// <summary>The settings of a configuration, key and value as text (empty when not configured), in a fixed order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Of(CxConfig config) =>
        [.. s_definitions.Select(d => KeyValuePair.Create(d.Key, d.Value(config)))];

    /// <summary>The DuckDB type of a setting's variable; VARCHAR for a key this version does not know.</summary>
    public static string TypeOf(string key) =>
        s_definitions.FirstOrDefault(d => d.Key == key)?.Type ?? "VARCHAR";

    /// <summary>The <c>SET VARIABLE</c> statements that give a connection these settings.</summary>
    public static IReadOnlyList<string> Statements(IEnumerable<KeyValuePair<string, string?>> settings) =>
        [.. settings.Select(s => $"SET VARIABLE {VariableName(s.Key)} = CAST("
            + (string.IsNullOrEmpty(s.Value) ? "NULL" : SqlText.Literal(s.Value)) + $" AS {TypeOf(s.Key)})")];

    /// <summary>Sets each setting as its variable on the connection.</summary>
    public static void Set(DbConnection db, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        foreach (var statement in Statements(settings))
        {
            DuckDb.Execute(db, statement);
        }
    }

    /// <summary>The settings a warehouse recorded in <c>config.settings</c>; none when it has no such table yet.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Stored(DbConnection db) =>
        DuckDb.TableExists(db, "config", "settings")
            ? [.. DuckDb.Rows(db, "SELECT key, value FROM config.settings ORDER BY key")
                .Select(r => KeyValuePair.Create((string)r[0]!, (string?)r[1]))]
            : [];

    /// <summary>Sets the settings a warehouse recorded as the connection's variables.</summary>
    public static void SetStored(DbConnection db) => Set(db, Stored(db));

    private static string VariableName(string key) => KeyPattern().IsMatch(key)
        ? Prefix + key
        : throw new ArgumentException($"setting '{key}': a setting's key is lower-case letters, digits and _");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex KeyPattern();
}
