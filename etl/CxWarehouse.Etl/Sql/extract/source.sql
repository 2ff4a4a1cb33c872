-- src: the scratch table (or view) of one source file's records as text, which the typed select reads. $1 is the
-- file to read, $2 the file's name as shown; the markers are the reader's settings from the source's profile.

-- name: kind
-- What src is from the previous file, to drop it: files of one stream can differ in shape.
SELECT 'VIEW' FROM duckdb_views() WHERE view_name = 'src' AND temporary
UNION ALL SELECT 'TABLE' FROM duckdb_tables() WHERE table_name = 'src' AND temporary

-- name: drop_rejects
DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans

-- name: csv
CREATE OR REPLACE TEMP TABLE src AS
SELECT row_number() OVER () AS _record, $2 AS _file, *
FROM read_csv($1, header = false, skip = {{ skip }}, auto_detect = false,
    columns = {{ columns }}, delim = {{ delimiter }},
    quote = '"', escape = '"', strict_mode = true, store_rejects = true,
    max_line_size = {{ max_line_size }})

-- name: rejects
-- DuckDB's rejected records into the quarantine, their reasons in words that say what is wrong with the record
-- and what the file should have. $1 run, $2 source, $3 stream, $4 file.
INSERT INTO quarantine
SELECT $1, $2, $3, $4, line, 'reject', NULL, first(column_name), string_agg(DISTINCT CASE error_type
        WHEN 'TOO MANY COLUMNS' THEN 'ragged record: more fields than the {{ width }} of {{ layout }}'
        WHEN 'MISSING COLUMNS' THEN 'ragged record: fewer fields than the {{ width }} of {{ layout }}'
        WHEN 'UNQUOTED VALUE' THEN 'a quote inside a value that is not quoted: the record''s quoting is broken'
        WHEN 'LINE SIZE OVER MAXIMUM' THEN 'the record is longer than {{ max_line_mib }} MiB'
        WHEN 'INVALID UNICODE' THEN 'the record has bytes that are not valid UTF-8'
        ELSE lower(error_type) || ': ' || error_message END, '; '), first(csv_line)
FROM reject_errors GROUP BY line

-- name: runaway_quote
-- The first record whose quote never closes (it swallowed line ends).
SELECT min(line) FROM reject_errors
WHERE error_message LIKE '%unterminated quote%' AND length(csv_line) - length(replace(csv_line, chr(10), '')) > 1

-- name: rejected_lines
SELECT DISTINCT line FROM reject_errors ORDER BY 1

-- name: parquet
CREATE OR REPLACE TEMP TABLE src AS
SELECT row_number() OVER () AS _record, $2 AS _file, * FROM read_parquet($1)

-- name: json_array
-- A top-level array: each element is a record.
CREATE OR REPLACE TEMP TABLE src AS
SELECT row_number() OVER () AS _record, $2 AS _file, json
FROM read_json_objects($1, format = 'array', maximum_object_size = {{ max_object_size }})

-- name: json_concatenated
-- Objects one after another, with or without line ends between them: each object is a record.
CREATE OR REPLACE TEMP TABLE src AS
SELECT row_number() OVER () AS _record, $2 AS _file, json
FROM read_json_objects($1, format = 'unstructured', maximum_object_size = {{ max_object_size }})

-- name: json_records
-- The records at a path of each document: the elements of the array there ({{ path }}, the path and [*]), or the
-- one object there ({{ at }}: a single record as an API's show endpoint returns it, {"ticket": {...}}).
CREATE OR REPLACE TEMP TABLE src AS
SELECT row_number() OVER () AS _record, $2 AS _file, json
FROM (SELECT unnest(CASE WHEN json_type(json, {{ at }}) = 'OBJECT' THEN [json_extract(json, {{ at }})]
                         ELSE json_extract(json, {{ path }}) END) AS json
      FROM read_json_objects($1, format = 'auto', maximum_object_size = {{ max_object_size }}))

-- name: count
SELECT count(*) FROM src

-- name: drop
-- {{ kind }}: VIEW or TABLE, as the kind statement found it.
DROP {{ kind }} src

-- name: add_column
-- A column an expression names but this file lacks: optional, it reads as NULL (schema drift).
ALTER TABLE src ADD COLUMN {{ column }} VARCHAR

-- name: json_lines
-- A JSON-lines file read in one pass: each physical line, in order ({{ path }}), with why it is not a JSON object
-- ({{ valid }}: json_valid, or a text test first where the typed select's parse will fail on malformed JSON;
-- {{ is_object }}: whether valid JSON is an object; {{ record }}: the line's number where a lookup's join could
-- reorder the rows, else NULL).
CREATE OR REPLACE TEMP VIEW src AS
SELECT {{ file }} AS _file, _line, _record,
    CASE WHEN _valid AND _object THEN _line END AS json,
    CASE WHEN _line IS NULL THEN NULL
         WHEN NOT _valid THEN 'the line is not valid JSON (truncated, malformed, or two values on one line)'
         WHEN NOT _object THEN 'the line holds a JSON value that is not an object' END AS _json_error
FROM (
    SELECT json AS _line, {{ valid }} AS _valid, {{ is_object }} AS _object,
        {{ record }} AS _record
    FROM read_csv({{ path }}, columns = {'json': 'VARCHAR'}, header = false,
        delim = E'\x1E', quote = '', escape = '', auto_detect = false, max_line_size = {{ max_line_size }})
)

-- name: json_lines_parsed
-- A JSON-lines file read and parsed in one pass by DuckDB's JSON-lines reader ({{ path }}), each line into _parsed
-- ({{ type }}: the typed select's structure), in order. A malformed line, or JSON null, has no value; a line none of
-- whose keys are there ({{ empty }}) may be no object: both are 'unchecked' until their text is read back
-- (Extractor.ParsedLinesHold), and _line is empty text until then.
CREATE OR REPLACE TEMP VIEW src AS
SELECT {{ file }} AS _file, '' AS _line, CAST(NULL AS BIGINT) AS _record, CAST(NULL AS VARCHAR) AS json,
    CASE WHEN _parsed IS NULL OR ({{ empty }}) THEN 'unchecked' END AS _json_error, _parsed
FROM read_json({{ path }}, format = 'newline_delimited', records = false, columns = {_parsed: {{ type }}},
    ignore_errors = true, maximum_object_size = {{ max_line_size }})

-- name: json_lines_read_back
-- The lines read back (raw_lines) that are JSON objects ({{ is_object }}), as json_lines has them, numbered in
-- _record.
CREATE OR REPLACE TEMP VIEW src AS
SELECT {{ file }} AS _file, r.raw AS _line, r.line AS _record, r.raw AS json, CAST(NULL AS VARCHAR) AS _json_error
FROM raw_lines AS r
WHERE json_valid(r.raw) AND {{ is_object }}

-- name: rows_aside
-- The file's rows set aside, to be combined into records.
DROP TABLE IF EXISTS src_rows; ALTER TABLE src RENAME TO src_rows

-- name: combine
-- Rows sharing the combination's key ({{ key }}) as one record numbered as its last row ({{ columns }}: each
-- column's aggregate); a row without a key stays a record of its own.
CREATE TEMP TABLE src AS
SELECT max(_record) AS _record, any_value(_file) AS _file,
    {{ columns }}
FROM src_rows
GROUP BY coalesce(nullif(trim({{ key }}), ''), '#' || _record)
ORDER BY 1

-- name: lookup
-- A lookup's files ({{ files }}) as a table of its values ({{ values }}) by key ({{ key }}).
CREATE OR REPLACE TEMP TABLE {{ table }} AS
SELECT {{ key }} AS _key, {{ values }}
FROM read_csv({{ files }}, header = true, all_varchar = true, delim = {{ delimiter }},
    quote = '"', escape = '"', strict_mode = true, max_line_size = {{ max_line_size }})
GROUP BY 1
