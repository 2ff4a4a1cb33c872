-- raw.<kind>__<entity>: one view per canonical stream over the committed Parquet files of every active input.
-- {{ columns }} is the stream's field list, {{ files }} the files' paths as literals: both come from the stream
-- catalogue and the lake's manifests.

-- name: view
CREATE OR REPLACE VIEW raw.{{ view }} AS
{{ body }}

-- name: input
-- One input's files, tagged with the input's name.
SELECT {{ source }} AS _source, {{ columns }} FROM read_parquet([{{ files }}])

-- name: empty
-- The view of a stream no input feeds: typed, with no rows.
SELECT CAST(NULL AS VARCHAR) AS _source, {{ columns }} WHERE false
