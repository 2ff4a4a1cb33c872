-- The orphan check (OrphanCheck): for each declared relation, the child rows whose reference ({{ field }}) names
-- no row of the parent ({{ parent }}, matched on {{ parent_field }}). {{ referring }} is the child's rows that
-- carry a reference: "<child table> AS child WHERE child.<field> IS NOT NULL [AND <the relation's condition>]".

-- name: table
CREATE TABLE IF NOT EXISTS audit.orphans (run_id VARCHAR, relation VARCHAR, child VARCHAR, parent VARCHAR,
    rows_checked BIGINT, orphans BIGINT, percent DOUBLE, status VARCHAR, message VARCHAR)

-- name: counts
-- In one pass over the child: the rows that refer, those of them that are orphans, and the parent's rows.
SELECT
    count(*) AS referring,
    count(*) FILTER (WHERE NOT EXISTS (
        SELECT 1 FROM {{ parent }} AS parent WHERE parent.{{ parent_field }} = child.{{ field }})) AS orphans,
    (SELECT count(*) FROM {{ parent }}) AS parents
FROM {{ referring }}

-- name: orphan_rows
-- One relation's orphans as audit.orphan_rows lists them; the names are literals.
SELECT {{ relation_name }} AS relation, {{ child_name }} AS child,
    child._source AS source, CAST(child.{{ key }} AS VARCHAR) AS child_key,
    {{ field_name }} AS field, CAST(child.{{ field }} AS VARCHAR) AS reference,
    {{ parent_name }} AS parent
FROM {{ referring }}
    AND NOT EXISTS (SELECT 1 FROM {{ parent }} AS parent WHERE parent.{{ parent_field }} = child.{{ field }})

-- name: no_orphan_rows
SELECT CAST(NULL AS VARCHAR) AS relation, CAST(NULL AS VARCHAR) AS child, CAST(NULL AS VARCHAR) AS source,
    CAST(NULL AS VARCHAR) AS child_key, CAST(NULL AS VARCHAR) AS field, CAST(NULL AS VARCHAR) AS reference,
    CAST(NULL AS VARCHAR) AS parent WHERE false

-- name: view
-- {{ rows }}: the relations' orphan_rows selects joined by UNION ALL, or no_orphan_rows.
CREATE OR REPLACE VIEW audit.orphan_rows AS
{{ rows }}

-- name: delete_result
DELETE FROM audit.orphans WHERE run_id = $1 AND relation = $2

-- name: insert_result
INSERT INTO audit.orphans VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
