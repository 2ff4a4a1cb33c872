-- Merging a run's rows (its typed parts, {{ parts }}) into the stream on its primary key ({{ key }}): the latest
-- version by cursor wins ({{ order }}: the cursor descending, or nothing without one), this run's on a tie; a
-- tombstone takes part like a version of its record and removes the key. {{ fields }} is the stream's columns,
-- file lists and paths are literals.

-- name: unique_by_hash
-- Whether the keys of the run's parts have as many different hashes as there are rows: then every key is there once.
-- Counting hashes instead of keys groups eight bytes a key instead of the key's text (two years of GA4 at scale 100:
-- 9.4 million keys of about 60 bytes, 1.1-1.2 s instead of 1.5-1.8 s).
SELECT count(*) = count(DISTINCT hash({{ key }})) FROM read_parquet({{ parts }})

-- name: unique
-- Whether every key of the run's parts is there once: then nothing needs merging. Asked only when two rows' key
-- hashes are the same, which two different keys can also give; only the keys of such rows are compared as text (as
-- transform/data_tests.sql's unique test does).
SELECT count(*) = 0 FROM (
    SELECT {{ key }} FROM read_parquet({{ parts }})
    WHERE hash({{ key }}) IN (SELECT hash({{ key }}) FROM read_parquet({{ parts }}) GROUP BY 1 HAVING count(*) > 1)
    GROUP BY ALL HAVING count(*) > 1
)

-- name: merged_view
-- Nothing to merge: the parts are the stream.
CREATE TEMP VIEW merged AS SELECT {{ fields }}, 1 AS _batch, false AS _deleted FROM read_parquet({{ parts }})

-- name: committed
-- The committed rows (batch 0) as the first branch of the merge ({{ option }}: how the files are read, see
-- Extractor.RowHashes.Read).
SELECT {{ fields }}, 0 AS _batch, '' AS _part, 0 AS _record, false AS _deleted FROM read_parquet([{{ files }}]{{ option }})
UNION ALL BY NAME

-- name: tombstones
-- The run's tombstones (tomb-N sorts after part-N: on a tie with a version of the same file, the deletion wins).
    UNION ALL BY NAME
    SELECT *, 1 AS _batch, filename AS _part, file_row_number AS _record, true AS _deleted
    FROM read_parquet([{{ files }}],
        filename = true, file_row_number = true)

-- name: merged
-- The whole stream merged ({{ committed }}: the committed branch or nothing): a part's name orders it by file and
-- its row number by record, as the files were read.
CREATE TEMP TABLE merged AS
SELECT * FROM (
    {{ committed }}SELECT {{ fields }}, 1 AS _batch, filename AS _part, file_row_number AS _record, false AS _deleted
    FROM read_parquet({{ parts }}, filename = true, file_row_number = true){{ tombstones }}
)
QUALIFY row_number() OVER (PARTITION BY {{ key }} ORDER BY {{ order }}_batch DESC, _part DESC, _record DESC) = 1

-- name: write
-- The merged stream in {{ order_by }} order: the key, or the cursor first where the key includes it, so that each
-- row group spans a short stretch of time and a later merge reads only the groups of its own span.
COPY (SELECT {{ fields }} FROM merged WHERE NOT _deleted ORDER BY {{ order_by }})
TO {{ path }} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)

-- name: count_loaded
SELECT count(*) FROM merged WHERE _batch = 1 AND NOT _deleted

-- name: count_rows
SELECT count(*) FROM merged WHERE NOT _deleted

-- name: latest
SELECT max({{ cursor }})::TIMESTAMP FROM merged WHERE NOT _deleted
