-- The run history every run appends to: audit.runs (one row a run) and audit.stream_runs (one row a stream of
-- a run).

-- name: tables
CREATE SCHEMA IF NOT EXISTS audit;
CREATE TABLE IF NOT EXISTS audit.runs (run_id VARCHAR PRIMARY KEY, command VARCHAR,
    started_at TIMESTAMPTZ, ended_at TIMESTAMPTZ, status VARCHAR);
CREATE TABLE IF NOT EXISTS audit.stream_runs (run_id VARCHAR, source VARCHAR, stream VARCHAR,
    status VARCHAR, rows_read BIGINT, rows_loaded BIGINT, rows_quarantined BIGINT,
    rows_deduplicated BIGINT, seconds DOUBLE, latest_record_at TIMESTAMPTZ, message VARCHAR,
    freshness VARCHAR, age_hours DOUBLE);
-- Warehouses written before freshness was recorded: fresh | warn | error, NULL when no ages are configured.
ALTER TABLE audit.stream_runs ADD COLUMN IF NOT EXISTS freshness VARCHAR;
ALTER TABLE audit.stream_runs ADD COLUMN IF NOT EXISTS age_hours DOUBLE;
-- Records the source marked deleted (tombstones); 0 in warehouses written before they were counted.
ALTER TABLE audit.stream_runs ADD COLUMN IF NOT EXISTS rows_deleted BIGINT DEFAULT 0;

-- name: delete_run
DELETE FROM audit.runs WHERE run_id = $1

-- name: insert_run
-- $1 run_id, $2 command, $3 started_at, $4 ended_at, $5 status.
INSERT INTO audit.runs VALUES ($1, $2, $3, $4, $5)

-- name: delete_stream_runs
DELETE FROM audit.stream_runs WHERE run_id = $1

-- name: insert_stream_run
-- By name: a migrated table has the freshness columns last whatever its age.
INSERT INTO audit.stream_runs (run_id, source, stream, status, rows_read, rows_loaded,
    rows_quarantined, rows_deduplicated, seconds, latest_record_at, message, freshness, age_hours,
    rows_deleted)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
