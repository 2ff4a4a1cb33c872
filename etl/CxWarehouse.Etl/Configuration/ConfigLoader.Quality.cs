using System.Globalization;

namespace CxWarehouse.Etl.Configuration;

public static partial class ConfigLoader
{
    private static readonly string[] s_qualityKeys =
        ["quarantine_budget_percent", "quarantine_budget_rows", "impossible_order", "earliest_date", "future_tolerance_hours"];

    /// <summary>
    /// A source's <c>quality:</c> block: the settings of all its streams, and under <c>streams:</c> a stream's own
    /// overrides (<c>crm.tickets: {impossible_order: null_and_flag}</c>).
    /// </summary>
    private static (QualitySettings Default, IReadOnlyDictionary<string, QualitySettings> Streams) ReadQuality(
        YamlReader source, Extract.SourceProfile profile)
    {
        var streams = new Dictionary<string, QualitySettings>(StringComparer.Ordinal);
        if (source.Map("quality") is not { } q)
        {
            return (new QualitySettings(), streams);
        }
        q.OnlyKeys([.. s_qualityKeys, "streams"]);
        var settings = QualityValues(q, new QualitySettings());
        if (q.Map("streams") is { } perStream)
        {
            foreach (var (key, node, body) in perStream.Entries())
            {
                if (!profile.Streams.ContainsKey(key))
                {
                    throw perStream.Error(node, $"{perStream.Qualified(key)}: the source has no stream '{key}' "
                        + $"(it has: {string.Join(", ", profile.Streams.Keys)})");
                }
                if (body is null)
                {
                    throw perStream.Error(node, $"{perStream.Qualified(key)}: needs a mapping of quality settings");
                }
                body.OnlyKeys(s_qualityKeys);
                streams[key] = QualityValues(body, settings);
            }
        }
        return (settings, streams);
    }

    private static QualitySettings QualityValues(YamlReader q, QualitySettings defaults)
    {
        DateOnly? earliest = null;
        if (q.String("earliest_date") is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw q.Error("earliest_date", $"'{text}' is not a date written yyyy-mm-dd");
            }
            earliest = date;
        }
        return new QualitySettings
        {
            QuarantineBudgetPercent = q.Number<double>("quarantine_budget_percent", 0, 100) ?? defaults.QuarantineBudgetPercent,
            QuarantineBudgetRows = q.Number<long>("quarantine_budget_rows", 0, long.MaxValue) ?? defaults.QuarantineBudgetRows,
            ImpossibleOrder = q.OneOf("impossible_order", "quarantine", "null_and_flag") ?? defaults.ImpossibleOrder,
            EarliestDate = earliest ?? defaults.EarliestDate,
            FutureToleranceHours = q.Number<double>("future_tolerance_hours", 0, 24 * 3650) ?? defaults.FutureToleranceHours,
        };
    }

    /// <summary>The top-level <c>quality:</c> block: checks across streams.</summary>
    private static OrphanSettings ReadOrphans(YamlReader yaml)
    {
        if (yaml.Map("quality") is not { } q)
        {
            return new OrphanSettings();
        }
        q.OnlyKeys("orphan_warn_percent");
        return new OrphanSettings { WarnPercent = q.Number<double>("orphan_warn_percent", 0, 100) ?? 5 };
    }
}
