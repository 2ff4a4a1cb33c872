-- The typed select the extraction runs over a source table of raw text (src): each layer computes its
-- expressions once (source values, then cleaned text, then typed values, then the error text). The markers are
-- generated from the stream's mapping (StreamSqlBuilder): {{ carry }} the columns carried through from the source,
-- {{ fields }} the canonical fields (", a, b"), {{ extracted }}, {{ cleaned }} and {{ converted }} each layer's
-- expressions, {{ unfolded }} the local times moved to the first pass of an hour the clocks repeat (empty, or
-- " REPLACE (...)"), {{ errors }}, {{ error_column }} and {{ flag }} why a row cannot be loaded (or was nulled).

-- name: typed
SELECT {{ carry }}{{ fields }},
    {{ errors }} AS _error,
    {{ error_column }} AS _error_column,
    {{ flag }} AS _flag
FROM (
    SELECT *{{ unfolded }}
    FROM (
        SELECT {{ carry }}{{ converted }}
        FROM (
            SELECT {{ carry }}{{ cleaned }}
            FROM (
                SELECT {{ source_columns }}, {{ deleted }} AS _deleted{{ extracted }}
                FROM {{ source }}
            ) AS extracted
        ) AS cleaned
    ) AS typed_values
) AS converted

-- name: lines
-- A JSON-lines file read in one pass ({{ typed }} over its lines): a blank line is no record; a line that is not a
-- JSON object is quarantined for that reason alone; only a quarantined or flagged row keeps its line (_raw).
SELECT {{ fields }},
    CASE WHEN _line IS NULL THEN 'blank' WHEN _json_error IS NOT NULL THEN 'json'
         WHEN _error IS NOT NULL THEN 'typed' END AS _kind,
    coalesce(_json_error, _error) AS _error,
    CASE WHEN _json_error IS NULL THEN _error_column END AS _error_column,
    CASE WHEN _line IS NULL THEN NULL WHEN _json_error IS NOT NULL THEN left(_line, 4096)
         WHEN _error IS NOT NULL OR _flag IS NOT NULL THEN _line END AS _raw,
    CASE WHEN _json_error IS NULL AND _error IS NULL THEN _flag END AS _flag,
    _record, _deleted
FROM (
{{ typed }}
) AS typed

-- name: hashed
-- The source rows with each one's hash ({{ hash }}: of the typing's signature and the row's named values), and
-- {{ skip }}: nothing, or the condition that leaves out the rows the stream holds already as they are.
(SELECT *, {{ hash }} AS _row_hash FROM (SELECT * FROM src{{ skip }}) AS kept) AS src

-- name: unchanged
-- A record delivered again as it was loaded ({{ table }}: their numbers): typed as before, it would replace its
-- committed version with the same values.
WHERE _record NOT IN (SELECT _record FROM {{ table }})

-- name: parsed
-- Every mapped JSON path read from one parse of the record ({{ structure }}: json_transform's structure).
(SELECT *, json_transform(json, {{ structure }}) AS _j FROM {{ source }}) AS src

-- name: parsed_by_reader
-- Every mapped JSON path read from the record as DuckDB's JSON-lines reader parsed it (src._parsed).
(SELECT *, _parsed AS _j FROM {{ source }}) AS src

-- name: let
-- A let of the mapping: a layer of its own, so a later one can use an earlier one.
(SELECT *, ({{ expression }}) AS {{ name }} FROM {{ source }}) AS src

-- name: lookup
LEFT JOIN {{ table }} AS {{ name }} ON {{ name }}._key = src.{{ column }}
