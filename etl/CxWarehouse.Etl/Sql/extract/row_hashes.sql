-- Row hashes: each CSV row's hash rides with it into the lake as _row_hash (see Extractor.RowHashes), so that a
-- re-export's rows that the stream holds already as they were loaded are not typed or merged again.

-- name: coverage
-- How many of the files ({{ files }}) have the column, and how many files there are: a file written before the
-- column has none.
SELECT count(DISTINCT file_name) FILTER (WHERE name = '_row_hash'), count(DISTINCT file_name)
FROM parquet_schema([{{ files }}])

-- name: committed
-- The hashes of the committed rows with their keys ({{ key }}; {{ option }}: how the files are read): each row is
-- its key's current version.
CREATE OR REPLACE TEMP TABLE committed_hashes AS
SELECT _row_hash, {{ key }} FROM read_parquet([{{ files }}]{{ option }}) WHERE _row_hash IS NOT NULL

-- name: row_hash
-- A source row's hash: the typing's signature ({{ signature }}) and the row's named values ({{ columns }}, name :=
-- value, as JSON: text, NULL and column names told apart), 128 bits.
md5_number({{ signature }} || to_json(struct_pack({{ columns }})))

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
