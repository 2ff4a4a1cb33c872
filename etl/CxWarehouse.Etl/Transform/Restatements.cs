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
    public static bool Keep(DbConnection db)
    {
        if (!DuckDb.TableExists(db, "marts", "kpi_values"))
        {
            return false;
        }
        DuckDb.Execute(db, """
            CREATE OR REPLACE TEMP TABLE cxw_kpis_before AS
            SELECT period_grain, period_start, kpi, dimension, dimension_value, value, n FROM marts.kpi_values
            """);
        return true;
    }

    public static IReadOnlyList<Restatement> Find(DbConnection db, string runId)
    {
        DuckDb.Execute(db, """
            CREATE TABLE IF NOT EXISTS audit.restatements (run_id VARCHAR, period_grain VARCHAR, period_start DATE,
                kpi VARCHAR, value_before DOUBLE, value_after DOUBLE, n_before BIGINT, n_after BIGINT)
            """);
        DuckDb.Execute(db, """
            CREATE OR REPLACE TEMP TABLE cxw_restated AS
            WITH after AS (
                SELECT period_grain, period_start, kpi, dimension, dimension_value, value, n FROM marts.kpi_values
            ),
            closed AS (
                SELECT period_grain, max(period_start) AS newest FROM cxw_kpis_before GROUP BY period_grain
            ),
            compared AS (
                SELECT
                    coalesce(a.period_grain, b.period_grain) AS period_grain,
                    coalesce(a.period_start, b.period_start) AS period_start,
                    coalesce(a.kpi, b.kpi) AS kpi,
                    coalesce(a.dimension, b.dimension) AS dimension,
                    b.value AS value_before, a.value AS value_after, b.n AS n_before, a.n AS n_after
                FROM after AS a
                FULL JOIN cxw_kpis_before AS b
                    ON b.period_grain = a.period_grain AND b.period_start = a.period_start AND b.kpi = a.kpi
                    AND b.dimension = a.dimension AND b.dimension_value IS NOT DISTINCT FROM a.dimension_value
            )
            SELECT compared.*
            FROM compared
            INNER JOIN closed ON closed.period_grain = compared.period_grain
            WHERE compared.period_start < closed.newest
                AND (compared.n_before IS DISTINCT FROM compared.n_after
                    OR (compared.value_before IS NULL) <> (compared.value_after IS NULL)
                    OR abs(compared.value_after - compared.value_before)
                        > 1e-9 * greatest(1, abs(compared.value_before)))
            """);
        DuckDb.Execute(db, """
            INSERT INTO audit.restatements
            SELECT $1, period_grain, period_start, kpi, value_before, value_after, n_before, n_after
            FROM cxw_restated WHERE dimension = 'all'
            """, runId);
        var restated = DuckDb.Rows(db, """
            SELECT period_grain, strftime(period_start, '%Y-%m-%d'), list(DISTINCT kpi ORDER BY kpi)
            FROM cxw_restated GROUP BY period_grain, period_start ORDER BY period_grain, period_start
            """).Select(r => new Restatement((string)r[0]!, (string)r[1]!,
                ((System.Collections.IEnumerable)r[2]!).Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)!).ToList()))
            .ToList();
        DuckDb.Execute(db, "DROP TABLE cxw_restated");
        DuckDb.Execute(db, "DROP TABLE cxw_kpis_before");
        return restated;
    }
}
