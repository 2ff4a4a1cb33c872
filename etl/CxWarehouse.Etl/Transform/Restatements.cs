using System.Data.Common;
using System.Globalization;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Transform;

/// <summary>A past period whose KPIs a build changed: late or changed data restated it.</summary>
public sealed record Restatement(string PeriodGrain, string PeriodStart, IReadOnlyList<string> Kpis);

/// <summary>
/// Restatement: a delivery that changes the past (a ticket resolved later, an order cancelled, a review edited)
/// changes the KPI values of the periods it belongs to. Before a build the KPI values (every unit) are kept
/// aside; after it, each week or month that was already closed at the last build (older than that build's newest
/// period of its grain) and whose values changed (or appeared or vanished) is listed, and recorded in
/// <c>audit.restatements</c> with the old and new values of the whole business ('all'). The benchmark's prior
/// period is always read from the values as they now stand, so reports compare with the restated past.
/// </summary>
public static class Restatements
{
    /// <summary>The statements, in <c>etl/CxWarehouse.Etl/Sql/transform/restatements.sql</c>.</summary>
    private const string Statements = "transform/restatements.sql";

    public static bool Keep(DbConnection db)
    {
        if (!DuckDb.TableExists(db, "marts", "kpi_values"))
        {
            return false;
        }
        DuckDb.Execute(db, SqlResources.Get(Statements, "kept_before"));
        return true;
    }

    public static IReadOnlyList<Restatement> Find(DbConnection db, string runId)
    {
        DuckDb.Execute(db, SqlResources.Get(Statements, "table"));
        DuckDb.Execute(db, SqlResources.Get(Statements, "restated"));
        DuckDb.Execute(db, SqlResources.Get(Statements, "record"), runId);
        var restated = DuckDb.Rows(db, SqlResources.Get(Statements, "periods"))
            .Select(r => new Restatement((string)r[0]!, (string)r[1]!,
                ((System.Collections.IEnumerable)r[2]!).Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)!).ToList()))
            .ToList();
        DuckDb.Execute(db, SqlResources.Get(Statements, "drop_temps"));
        return restated;
    }
}
