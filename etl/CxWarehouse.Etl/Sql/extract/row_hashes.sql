-- Row hashes: each CSV row's hash rides with it into the lake as _row_hash (see Extractor.RowHashes), so that a
-- re-export's rows that the stream holds already as they were loaded are not typed or merged again.

-- name: coverage
-- How many of the files ({{ files }}) have the column, and how many files there are: a file written before the
-- column has none.
SELECT count(DISTINCT file_name) FILTER (WHERE name = '_row_hash'), count(DISTINCT file_name)
FROM parquet_schema([{{ files }}])

-- name: committed
-- The hashes of the committed rows with their keys ({{ columns }}; {{ option }}: how the files are read): each row
-- is its key's current version.
CREATE OR REPLACE TEMP TABLE committed_hashes AS
SELECT {{ columns }} FROM read_parquet([{{ files }}]{{ option }}) WHERE _row_hash IS NOT NULL

-- name: row_hash
-- A source row's hash, 128 bits: of the typing's signature and the file's column names ({{ signature }}), then each
-- value with its length in bytes before it, 'n' for NULL ({{ values }}), which no two different rows share (0.15 s
-- for Salesforce's 249,188 contacts, against 0.25 s for the row as JSON).
md5_number(concat({{ signature }}, {{ values }}))

-- name: value
coalesce(strlen({{ column }})::VARCHAR, 'n'), ':', {{ column }}

-- name: skipped
-- The file's rows whose hash ({{ hash }}) a committed row has: records delivered again as they were loaded.
CREATE OR REPLACE TEMP TABLE skipped AS
SELECT _record, _row_hash FROM (SELECT _record, {{ hash }} AS _row_hash FROM src) AS hashed
SEMI JOIN committed_hashes USING (_row_hash)

-- name: count_conflicts
-- Rows left out whose key a loadable typed row of the file has ({{ key }}): the file holds another version of that
-- record, and which of the two wins depends on where each stands in the file, so both are typed.
SELECT count(*) FROM skipped WHERE _row_hash IN ({{ conflicting }})

-- name: conflicting
SELECT c._row_hash FROM committed_hashes AS c SEMI JOIN (SELECT {{ key }} FROM typed WHERE _error IS NULL) AS t USING ({{ key }})

-- name: unskip
DELETE FROM skipped WHERE _row_hash IN ({{ conflicting }})

-- name: record_skipped
-- The records a file's typing left out, kept for the merge as versions from that file's part ({{ part }}).
CREATE TEMP TABLE IF NOT EXISTS run_skipped (_part VARCHAR, _row_hash UHUGEINT);
INSERT INTO run_skipped SELECT {{ part }}, _row_hash FROM skipped

-- name: phantoms
-- The keys of records left out of one file's typing that another of the run's files (parts {{ parts }}, and the
-- keys of its tombstones {{ tombstones }}) holds a version of: which version wins then depends on the order of
-- the files, so the one left out takes part in the merge as the committed row it equals, from its own file's part.
CREATE OR REPLACE TEMP TABLE run_phantoms AS
SELECT c.* EXCLUDE (_row_hash), s._part
FROM run_skipped AS s JOIN committed_hashes AS c USING (_row_hash)
SEMI JOIN (SELECT {{ key }} FROM read_parquet({{ parts }}){{ tombstones }}) AS r USING ({{ key }})

-- name: tombstone_keys
 UNION ALL SELECT {{ key }} FROM read_parquet([{{ files }}])

-- name: count_phantoms
SELECT count(*) FROM run_phantoms

-- name: phantom_rows
-- The committed rows that stand for records left out of a file's typing ({{ files }}, read with {{ option }}), as
-- versions from that file's part; {{ batch }} is the merge's batch column, or nothing.
    UNION ALL BY NAME
    SELECT {{ fields }}, {{ batch }}p._part, 0 AS _record, false AS _deleted
    FROM read_parquet([{{ files }}]{{ option }}) AS c JOIN run_phantoms AS p USING ({{ key }})
