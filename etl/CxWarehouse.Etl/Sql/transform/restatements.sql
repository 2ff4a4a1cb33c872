-- Restatement (Restatements): the KPI values before a build kept aside (kept_before), then the closed periods
-- whose values the build changed, recorded in audit.restatements with the old and new values of the whole
-- business ($1: the run) and listed per period.

-- name: kept_before
CREATE OR REPLACE TEMP TABLE cxw_kpis_before AS
SELECT period_grain, period_start, kpi, dimension, dimension_value, value, n FROM marts.kpi_values

-- name: table
CREATE TABLE IF NOT EXISTS audit.restatements (run_id VARCHAR, period_grain VARCHAR, period_start DATE,
    kpi VARCHAR, value_before DOUBLE, value_after DOUBLE, n_before BIGINT, n_after BIGINT)

-- name: restated
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

-- name: record
INSERT INTO audit.restatements
SELECT $1, period_grain, period_start, kpi, value_before, value_after, n_before, n_after
FROM cxw_restated WHERE dimension = 'all'

-- name: periods
SELECT period_grain, strftime(period_start, '%Y-%m-%d'), list(DISTINCT kpi ORDER BY kpi)
FROM cxw_restated GROUP BY period_grain, period_start ORDER BY period_grain, period_start

-- name: drop_temps
DROP TABLE cxw_restated; DROP TABLE cxw_kpis_before
