-- typed: one source file's rows typed (the typed select, {{ typed_select }}), and what is written from it: its
-- tombstones and its loadable rows as a part of the stream. {{ loadable }} is the condition a loadable row meets.

-- name: create_lines
-- A JSON-lines file: a table of the main schema, so the second connection can write it; {{ order }} puts the lines
-- back in order after a lookup's join (or is empty).
CREATE OR REPLACE TABLE typed AS
{{ typed_select }}
{{ order }}

-- name: create
CREATE OR REPLACE TABLE typed AS {{ typed_select }}

-- name: count_accepted_lines
SELECT count(*) FROM typed WHERE _kind IS NULL OR _kind = 'typed'

-- name: count_read_lines
SELECT count(*) FROM typed WHERE _kind IS DISTINCT FROM 'blank'

-- name: count_lines
SELECT count(*) FROM typed

-- name: kept_lines
-- The lines a quarantine or a flag keeps (_raw is set), at most {{ limit }}.
SELECT rowid + 1 FROM typed WHERE _raw IS NOT NULL ORDER BY 1 LIMIT {{ limit }}

-- name: create_raw_lines
-- The lines kept, read back from the file by number.
CREATE OR REPLACE TABLE raw_lines (line BIGINT, raw VARCHAR)

-- name: read_back_lines
-- The kept lines' text, and why a line without a parsed value is not a JSON object.
UPDATE typed SET
    _raw = CASE WHEN typed._kind = 'json' THEN left(r.raw, 4096) ELSE r.raw END,
    _error = CASE WHEN typed._kind IS DISTINCT FROM 'json' THEN typed._error
                  WHEN NOT json_valid(r.raw) THEN 'the line is not valid JSON (truncated, malformed, or two values on one line)'
                  ELSE 'the line holds a JSON value that is not an object' END
FROM raw_lines AS r WHERE typed.rowid + 1 = r.line AND typed._raw IS NOT NULL

-- name: create_retyped
-- The lines read back that are JSON objects, typed from their text ({{ typed_select }} over json_lines_read_back):
-- _record is the line's number.
CREATE OR REPLACE TABLE retyped AS {{ typed_select }}

-- name: count_retyped_otherwise
-- Lines the reader parsed whose row is not the one their text types to ({{ typed }} against {{ retyped }}).
SELECT count(*) FROM typed JOIN retyped ON typed.rowid + 1 = retyped._record
WHERE typed._kind IS DISTINCT FROM 'json' AND row({{ typed }}) IS DISTINCT FROM row({{ retyped }})

-- name: update_retyped
-- The rows typed from the text of lines the reader gave no value ({{ set }}: every column but _record).
UPDATE typed SET {{ set }} FROM retyped WHERE typed.rowid + 1 = retyped._record AND typed._kind = 'json'

-- name: drop_raw_lines
DROP TABLE raw_lines; DROP TABLE IF EXISTS retyped

-- name: write_tombstones
-- The keys (and cursor) of the records the source marks deleted, to {{ path }}.
COPY (SELECT {{ keys }} FROM typed WHERE {{ loadable }} AND _deleted)
TO {{ path }} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)

-- name: count_tombstones
SELECT count(*) FROM typed WHERE {{ loadable }} AND _deleted

-- name: set_aside
-- The typed rows kept as the file's own table ({{ table }}) while the next file is typed.
DROP TABLE IF EXISTS {{ table }}; ALTER TABLE typed RENAME TO {{ table }}

-- name: write_part
-- The file's loadable rows, in the order they were read, as a part of the stream ({{ path }}). zstd at level 1, as
-- every lake file: 15-35% less time to write than DuckDB's default level 3, and within 7% of its size either way
-- (a 550,000-row GA4 part 3% smaller, a Salesforce contacts part 7% larger).
COPY (SELECT {{ fields }}
      FROM {{ table }} WHERE {{ loadable }})
TO {{ path }} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)
