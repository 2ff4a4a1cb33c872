-- What cxw doctor reads from the warehouse (Doctor/Checkup.*), opened read-only: the catalogue, the last run and
-- whether its streams reconcile, and the last build's orphan counts.

-- name: schemas
SELECT DISTINCT schema_name FROM information_schema.schemata

-- name: relations
SELECT table_schema || '.' || table_name FROM information_schema.tables

-- name: row_count
-- Reading a table's row count touches its storage, so a damaged block shows here.
SELECT count(*) FROM {{ relation }}

-- name: last_run
SELECT run_id, command, status, strftime(ended_at, '%Y-%m-%d %H:%M') FROM audit.runs
ORDER BY started_at DESC LIMIT 1

-- name: latest_stream_run
SELECT s.run_id FROM audit.stream_runs AS s INNER JOIN audit.runs AS r ON r.run_id = s.run_id
ORDER BY r.started_at DESC LIMIT 1

-- name: unreconciled_streams
-- The streams of run $1 whose rows read are not loaded + quarantined + deduplicated + deleted.
SELECT source || ' ' || stream || ': read ' || rows_read || ' != ' || rows_loaded || ' + '
    || rows_quarantined || ' + ' || rows_deduplicated || ' + ' || coalesce(rows_deleted, 0)
FROM audit.stream_runs
WHERE run_id = $1 AND status <> 'failed'
    AND rows_read <> rows_loaded + rows_quarantined + rows_deduplicated + coalesce(rows_deleted, 0)
ORDER BY source, stream

-- name: stream_count
SELECT count(*) FROM audit.stream_runs WHERE run_id = $1

-- name: has_orphans
SELECT count(*) FROM information_schema.tables WHERE table_schema = 'audit' AND table_name = 'orphans'

-- name: latest_orphan_run
SELECT o.run_id FROM audit.orphans AS o INNER JOIN audit.runs AS r ON r.run_id = o.run_id
ORDER BY r.started_at DESC LIMIT 1

-- name: orphan_counts
-- The relations run $1 could check, and whether each was above the warning threshold.
SELECT relation, orphans, rows_checked, percent, status = 'warn' AS is_warned FROM audit.orphans
WHERE run_id = $1 AND status <> 'not_checked' ORDER BY relation
