using System.Globalization;

namespace CxWarehouse.Etl.Extract;

internal sealed partial class StreamSqlBuilder
{
    /// <summary>
    /// The SQL of a stream's domain rules over the typed columns: each broken rule's error text (the row is
    /// quarantined), the fields nulled by a rule whose policy loads the row anyway, and the flag text saying so.
    /// </summary>
    private sealed record RuleTerms(List<string> Errors, List<string> ErrorColumns,
        Dictionary<string, string> Nulled, string Flag);

    private RuleTerms Rules()
    {
        var stream = mapping.Stream;
        var quality = _quality;
        var errors = new List<string>();
        var columns = new List<string>();
        var nullConditions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var flags = new List<string>();
        var now = _runTime.ToUniversalTime();
        var future = now.AddHours(quality.FutureToleranceHours);
        foreach (var rule in DomainRules.For(stream))
        {
            if (!mapping.Fields.TryGetValue(rule.Field, out var source))
            {
                continue;
            }
            var field = stream.Field(rule.Field);
            var name = SqlText.Identifier(field.Name);
            var label = SourceLabel(field, source);
            var shown = Shown(field, name);
            string condition;
            string text;
            switch (rule.Kind)
            {
                case RuleKind.Range:
                    var bounds = new List<string>();
                    if (rule.Min is { } min)
                    {
                        bounds.Add($"{name} < {min.ToString("R", CultureInfo.InvariantCulture)}");
                    }
                    if (rule.Max is { } max)
                    {
                        bounds.Add($"{name} > {max.ToString("R", CultureInfo.InvariantCulture)}");
                    }
                    condition = string.Join(" OR ", bounds);
                    text = rule.Max is null
                        ? $"{SqlText.Literal(label + ": ")} || {shown} || ' is negative'"
                        : $"{SqlText.Literal(label + ": ")} || {shown} || {SqlText.Literal($" is outside {Bound(rule.Min)}-{Bound(rule.Max)}")}";
                    break;
                case RuleKind.Order:
                    if (!mapping.Fields.TryGetValue(rule.Earlier!, out var earlierSource))
                    {
                        continue;
                    }
                    var earlier = stream.Field(rule.Earlier!);
                    var earlierName = SqlText.Identifier(earlier.Name);
                    condition = $"{name} < {earlierName}";
                    text = $"{SqlText.Literal(label + ": ")} || {shown} || "
                        + $"{SqlText.Literal($" is before {SourceLabel(earlier, earlierSource)} ")} || {Shown(earlier, earlierName)}";
                    if (quality.ImpossibleOrder == "null_and_flag")
                    {
                        if (!nullConditions.TryGetValue(field.Name, out var list))
                        {
                            nullConditions[field.Name] = list = [];
                        }
                        list.Add(condition);
                        flags.Add($"CASE WHEN {condition} THEN {text} || {SqlText.Literal($" (rule {rule.Name}): {field.Name} loaded as NULL")} END");
                        continue;
                    }
                    break;
                case RuleKind.NotFuture:
                    var limit = future.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                    condition = $"{name} > TIMESTAMPTZ {SqlText.Literal(limit)}";
                    text = $"{SqlText.Literal(label + ": ")} || {shown} || {SqlText.Literal($" is in the future (after {limit})")}";
                    break;
                default:
                    var earliest = quality.EarliestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    condition = field.Type == FieldType.Date
                        ? $"{name} < DATE {SqlText.Literal(earliest)}"
                        : $"{name} < TIMESTAMPTZ {SqlText.Literal(earliest + "T00:00:00Z")}";
                    text = $"{SqlText.Literal(label + ": ")} || {shown} || {SqlText.Literal($" is before the earliest plausible date {earliest}")}";
                    break;
            }
            if (rule.When is not null)
            {
                condition = $"({condition}) AND {rule.When}";
            }
            errors.Add($"CASE WHEN {condition} THEN {text} || {SqlText.Literal($" (rule {rule.Name})")} END");
            columns.Add($"CASE WHEN {condition} THEN {SqlText.Literal(label)} END");
        }
        var nulled = nullConditions.ToDictionary(kv => kv.Key,
            kv => $"CASE WHEN {string.Join(" OR ", kv.Value)} THEN NULL ELSE {SqlText.Identifier(kv.Key)} END",
            StringComparer.Ordinal);
        var flag = flags.Count == 0 ? "CAST(NULL AS VARCHAR)" : $"nullif(concat_ws('; ', {string.Join(", ", flags)}), '')";
        return new RuleTerms(errors, columns, nulled, flag);
    }

    /// <summary>A typed value as text for a message: timestamps in ISO 8601 UTC, numbers as DuckDB writes them.</summary>
    private static string Shown(CanonicalField field, string name) => field.Type switch
    {
        FieldType.Timestamp => $"strftime(timezone('UTC', {name}), '%Y-%m-%dT%H:%M:%SZ')",
        FieldType.Date => $"strftime({name}, '%Y-%m-%d')",
        _ => $"CAST({name} AS VARCHAR)",
    };

    private static string Bound(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
