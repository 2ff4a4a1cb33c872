-- How a model's select ({{ body }}) becomes its relation ({{ relation }}), by materialisation (ModelRunner). $1 is
-- the build's time where a statement takes it. {{ key_match }} is the model's unique key matched between two
-- aliases (a.k1 = b.k1 AND ...), {{ unchanged }} its check_cols compared between the current rows and the
-- snapshot's.

-- name: no_since
-- A full build: an incremental model's getvariable('cxw_since') is NULL.
SET VARIABLE cxw_since = NULL::TIMESTAMPTZ

-- name: since
-- An incremental build reads from the table's highest updated_at less the look-back ($1, an interval's text).
SET VARIABLE cxw_since = (SELECT max({{ updated_at }}) FROM {{ relation }}) - CAST($1 AS INTERVAL)

-- name: create_or_replace
CREATE OR REPLACE {{ kind }} {{ relation }} AS
{{ body }}

-- name: increment
CREATE OR REPLACE TEMP TABLE cxw_increment AS
{{ body }}

-- name: increment_delete
-- The rows the increment replaces...
DELETE FROM {{ relation }} WHERE EXISTS (SELECT 1 FROM cxw_increment AS i WHERE {{ key_match }})

-- name: increment_insert
-- ...and the increment's rows.
INSERT INTO {{ relation }} BY NAME SELECT * FROM cxw_increment

-- name: first_snapshot
CREATE OR REPLACE TABLE {{ relation }} AS
SELECT *, CAST($1 AS TIMESTAMPTZ) AS valid_from, CAST(NULL AS TIMESTAMPTZ) AS valid_to, true AS is_current
FROM ({{ body }}) AS current_rows

-- name: snapshot_current
CREATE OR REPLACE TEMP TABLE cxw_current AS
{{ body }}

-- name: snapshot_close
-- Close the versions whose tracked columns changed or whose key is gone...
UPDATE {{ relation }} SET valid_to = CAST($1 AS TIMESTAMPTZ), is_current = false
WHERE is_current AND NOT EXISTS (
    SELECT 1 FROM cxw_current AS c WHERE {{ key_match }} AND {{ unchanged }})

-- name: snapshot_open
-- ...and open a version for every key without a current one.
INSERT INTO {{ relation }} BY NAME
SELECT c.*, CAST($1 AS TIMESTAMPTZ) AS valid_from, CAST(NULL AS TIMESTAMPTZ) AS valid_to, true AS is_current
FROM cxw_current AS c
WHERE NOT EXISTS (SELECT 1 FROM {{ relation }} AS s WHERE s.is_current AND {{ key_match }})

-- name: memo_version
-- A memo model's version: its select's hash ($1) and what its -- memo_version: expression gives this build.
SELECT CAST($1 AS VARCHAR) || ':' || CAST(({{ version }}) AS VARCHAR)

-- name: memo_stored_version
-- The version the memo's rows were computed under, kept as the table's comment.
SELECT comment FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2

-- name: memo_label
COMMENT ON TABLE {{ relation }} IS {{ version }}

-- name: memo_inputs
-- A later build: the inputs this build has ({{ inputs }}, the model's -- memo_of:)...
CREATE OR REPLACE TEMP TABLE cxw_memo_inputs AS SELECT * FROM {{ inputs }}

-- name: memo_prune
-- ...the rows of inputs that are gone go ({{ key_match }}: NULL keys match)...
DELETE FROM {{ relation }} WHERE NOT EXISTS (SELECT 1 FROM cxw_memo_inputs AS i WHERE {{ key_match }})

-- name: memo_todo
-- ...and the select reads, in place of its inputs, the ones without a row...
CREATE OR REPLACE TEMP VIEW cxw_memo_todo AS
SELECT * FROM cxw_memo_inputs AS i WHERE NOT EXISTS (SELECT 1 FROM {{ relation }} AS m WHERE {{ key_match }})

-- name: memo_insert
-- ...whose rows are added.
INSERT INTO {{ relation }} BY NAME {{ body }}

-- name: memo_drop
DROP VIEW cxw_memo_todo; DROP TABLE cxw_memo_inputs
