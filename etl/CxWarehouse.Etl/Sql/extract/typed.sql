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

-- name: write_tombstones
-- The keys (and cursor) of the records the source marks deleted, to {{ path }}.
COPY (SELECT {{ keys }} FROM typed WHERE {{ loadable }} AND _deleted)
TO {{ path }} (FORMAT parquet, COMPRESSION zstd)

-- name: count_tombstones
SELECT count(*) FROM typed WHERE {{ loadable }} AND _deleted

-- name: set_aside
-- The typed rows kept as the file's own table ({{ table }}) while the next file is typed.
DROP TABLE IF EXISTS {{ table }}; ALTER TABLE typed RENAME TO {{ table }}

-- name: write_part
-- The file's loadable rows, in the order they were read, as a part of the stream ({{ path }}).
COPY (SELECT {{ fields }}
      FROM {{ table }} WHERE {{ loadable }})
TO {{ path }} (FORMAT parquet, COMPRESSION zstd)
