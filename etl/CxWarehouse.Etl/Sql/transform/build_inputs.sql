-- What a build reads besides the lake and sql/ (BuildInputs): its fingerprint hashes these; a run whose inputs
-- hash as the last complete build's did skips the model work. audit.builds records each build's fingerprint.

-- name: raw_views
-- The raw views, each as its definition: the lake's files the build reads.
SELECT coalesce(string_agg(schema_name || '.' || view_name || '=' || sql, chr(10) ORDER BY schema_name, view_name), '')
FROM duckdb_views() WHERE NOT internal AND schema_name = 'raw'

-- name: config_tables
SELECT schema_name, table_name FROM duckdb_tables() WHERE schema_name IN ('config', 'seeds')
ORDER BY schema_name, table_name

-- name: table_hash
-- One configuration or seed table ({{ relation }}) as its row count and the md5 of its rows in order.
SELECT count(*) || ':' || coalesce(md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)), '') FROM {{ relation }} AS t

-- name: last
SELECT fingerprint FROM audit.builds ORDER BY built_at DESC LIMIT 1

-- name: table
CREATE TABLE IF NOT EXISTS audit.builds (run_id VARCHAR, built_at TIMESTAMPTZ, fingerprint VARCHAR)

-- name: record
INSERT INTO audit.builds VALUES ($1, $2, $3)
