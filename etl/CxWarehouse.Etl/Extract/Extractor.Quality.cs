using System.Globalization;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Warehouse;
using CxWarehouse.IO;
using DuckDB.NET.Data;

namespace CxWarehouse.Etl.Extract;

public sealed partial class Extractor
{
    /// <summary>The run's time: timestamps after it (plus the stream's tolerance) are in the future.</summary>
    public DateTimeOffset RunTime { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Why a stream over its quarantine budget fails: how many rows, against which budget, and its most frequent
    /// reasons (by rule, or by reason with the values left out) with their counts and the shape of a failing value.
    /// </summary>
    private static string OverBudgetMessage(DuckDBConnection db, SourceInput input, CanonicalStream stream,
        QualitySettings quality, long read, long quarantined)
    {
        var reasons = DuckDb.Rows(db, SqlResources.Get("extract/quarantine.sql", "top_reasons"))
            .Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r[0]} ({Convert.ToInt64(r[1], CultureInfo.InvariantCulture)} rows{(r[2] is string shape ? $", e.g. shaped '{shape}'" : "")})"));
        var share = 100.0 * quarantined / read;
        var head = quarantined == read
            ? string.Create(CultureInfo.InvariantCulture, $"every row read ({read}) was quarantined")
            : string.Create(CultureInfo.InvariantCulture,
                $"{quarantined} of {read} rows quarantined ({share:0.0}%), above the budget of {quality.QuarantineBudgetPercent:0.##}% "
                + $"and {quality.QuarantineBudgetRows} rows (quality.quarantine_budget_percent / quarantine_budget_rows of source {input.Name})");
        return $"{head}; nothing of {stream.Name} was committed; top reasons: {string.Join("; ", reasons)}";
    }

    /// <summary>Rows loaded with a value nulled by a domain rule, staged for <c>audit.flagged</c>.</summary>
    private List<string> StageFlagged(DuckDBConnection db, SourceInput input, CanonicalStream stream, string staging,
        long flagged, Dictionary<string, string> staged)
    {
        if (flagged == 0)
        {
            return [];
        }
        var path = Path.Combine(staging, "flagged.parquet");
        DuckDb.Execute(db, SqlResources.Get("extract/quarantine.sql", "write_flagged", ("path", SqlText.Literal(path))));
        var final = $"quarantine/{input.Name}/{stream.Entity}/{runId}-flagged.parquet";
        AtomicFile.Flush(path);
        staged[path] = final;
        return [final];
    }
}
