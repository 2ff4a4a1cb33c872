-- quarantine: the scratch table of a stream's extraction holding every row it could not load (kind reject, json
-- or typed) and every row it loaded with a value nulled by a domain rule (kind nulled), with the reason. It is
-- written to the lake as audit.quarantine's and audit.flagged's files.

-- name: create
CREATE TEMP TABLE quarantine (run_id VARCHAR, source VARCHAR, stream VARCHAR, file VARCHAR,
    record BIGINT, kind VARCHAR, line BIGINT, "column" VARCHAR, reason VARCHAR, raw VARCHAR)

-- name: forget_file
-- A file whose rows are not committed: its quarantined rows are not either.
DELETE FROM quarantine WHERE file = $1

-- name: forget_typed
-- The typed rows of file $1 (quarantined or flagged), before the file is typed again; its rejected records stay.
DELETE FROM quarantine WHERE file = $1 AND kind IN ('typed', 'nulled')

-- name: count_quarantined
SELECT count(*) FROM quarantine WHERE kind <> 'nulled'

-- name: count_flagged
SELECT count(*) FROM quarantine WHERE kind = 'nulled'

-- name: count_file_quarantined
SELECT count(*) FROM quarantine WHERE file = $1 AND kind <> 'nulled'

-- name: count_file
SELECT count(*) FROM quarantine WHERE file = $1

-- name: insert_lines
-- A JSON-lines file's typed rows: a row's position is its line number. $1 run, $2 source, $3 stream, $4 file.
INSERT INTO quarantine
SELECT $1, $2, $3, $4, rowid + 1, _kind, rowid + 1, _error_column, _error, _raw
FROM typed WHERE _kind IN ('json', 'typed')
UNION ALL
SELECT $1, $2, $3, $4, rowid + 1, 'nulled', rowid + 1, NULL, _flag, _raw
FROM typed WHERE _kind IS NULL AND _flag IS NOT NULL

-- name: insert_typed
-- A file's typed rows, with the source record ({{ raw_record }}) as text. $1 run, $2 source, $3 stream, $4 file.
INSERT INTO quarantine
SELECT $1, $2, $3, $4, typed._record, 'typed', NULL, typed._error_column, typed._error, {{ raw_record }}
FROM typed JOIN src ON src._record = typed._record
WHERE typed._error IS NOT NULL
UNION ALL
SELECT $1, $2, $3, $4, typed._record, 'nulled', NULL, NULL, typed._flag, {{ raw_record }}
FROM typed JOIN src ON src._record = typed._record
WHERE typed._error IS NULL AND typed._flag IS NOT NULL

-- name: decimal_comma
-- The column whose values most often fail as numbers written with a decimal comma, or as amounts whose thousands
-- are separated with '.' (375.000), in file $1.
SELECT "column", count(*), min(reason) FROM quarantine
WHERE file = $1 AND (regexp_matches(reason, 'cannot read ''-?[0-9.]*,[0-9]+'' as (an amount|a number)')
    OR regexp_matches(reason, 'cannot read ''-?[0-9]{1,3}([.][0-9]{3})+'' as an amount'))
GROUP BY 1 ORDER BY 2 DESC LIMIT 1

-- name: day_month_dates
-- The dates written with slashes (21/03/2023, 03/21/2023 12:10, 3/21/23 3:17 PM) that file $1's rows could not
-- read, per column (as the reason names it, in the order met): the largest first and second parts, and the first
-- value (by record) and its record: of all, of those whose first part is over 12 (the day first), and of those whose
-- second part is (the month first); and how many rows of the file have such a date.
WITH hits AS (
    SELECT record, reason, unnest(regexp_extract_all(reason,
        '[^;]+: cannot read ''[0-9]{1,2}/[0-9]{1,2}/(?:[0-9]{4}|[0-9]{2})(?: [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?: ?[AaPp][Mm])?)?'' as a (?:timestamp|date)')) AS hit
    FROM quarantine WHERE file = $1 AND kind = 'typed' AND contains(reason, '/')
),
parts AS (
    SELECT record, trim(regexp_extract(hit, '^(.*): cannot read ''', 1)) AS label,
        regexp_extract(hit, 'cannot read ''([^'']*)''', 1) AS value,
        CAST(regexp_extract(hit, 'cannot read ''([0-9]{1,2})/', 1) AS INTEGER) AS first_part,
        CAST(regexp_extract(hit, 'cannot read ''[0-9]{1,2}/([0-9]{1,2})/', 1) AS INTEGER) AS second_part,
        strpos(reason, hit) AS position
    FROM hits
)
SELECT label, max(first_part), max(second_part), arg_min(value, record), min(record),
    arg_min(value, record) FILTER (WHERE first_part > 12), min(record) FILTER (WHERE first_part > 12),
    arg_min(value, record) FILTER (WHERE second_part > 12), min(record) FILTER (WHERE second_part > 12),
    (SELECT count(DISTINCT record) FROM parts)
FROM parts GROUP BY label
-- The columns in the order their first failure was met: by record, then by the field's place in the reason.
ORDER BY min(record), arg_min(position, record), label

-- name: unnumbered
-- The CSV file $1's quarantined rows whose physical line is not known yet.
SELECT DISTINCT record, kind FROM quarantine WHERE file = $1 AND line IS NULL

-- name: line_map
CREATE OR REPLACE TEMP TABLE line_map (kind VARCHAR, idx BIGINT, record BIGINT, line BIGINT)

-- name: insert_line_map
-- {{ rows }}: (kind, index, record, line) tuples of numbers and kinds the extraction computed.
INSERT INTO line_map VALUES {{ rows }}

-- name: number_lines
-- The file $1's rows given their record and physical line from line_map.
UPDATE quarantine SET record = m.record, line = m.line FROM line_map m
WHERE quarantine.file = $1 AND quarantine.line IS NULL AND quarantine.kind = m.kind AND quarantine.record = m.idx

-- name: write
-- The stream's quarantined rows as the lake's quarantine file ({{ path }}).
COPY (SELECT run_id, source, stream, file, line, record, "column", reason, raw FROM quarantine
      WHERE kind <> 'nulled'
      ORDER BY file, record) TO {{ path }} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)

-- name: write_flagged
-- The stream's rows loaded with a value nulled by a domain rule, as the lake's flagged file ({{ path }}).
COPY (SELECT run_id, source, stream, file, line, record, "column", reason, raw FROM quarantine
      WHERE kind = 'nulled' ORDER BY file, record) TO {{ path }} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)

-- name: top_reasons
-- The three most frequent reasons rows were quarantined, with their counts, and for a reason that quotes a value the
-- shape of one such value (upper-case letters A, other letters a, digits 9, the rest as written, at most 24
-- characters): what failed is seen (99/99/9999 for day-first dates) without the value, which may be personal data.
SELECT why, count(*) AS n, min(shape) AS example FROM (
    -- A row's first reason: by rule where it broke one, else with its values left out.
    SELECT CASE WHEN is_rule
                THEN coalesce("column" || ': ', '') || 'rule ' || regexp_extract(first, '\(rule ([a-z0-9_]+)\)', 1)
                ELSE left(regexp_replace(first, '''[^'']*''', '''...''', 'g'), 160) END AS why,
           CASE WHEN NOT is_rule AND regexp_matches(first, '''[^'']*''')
                THEN left(regexp_replace(regexp_replace(regexp_replace(regexp_extract(first, '''([^'']*)''', 1),
                    '[\p{Ll}\p{Lt}\p{Lm}\p{Lo}]', 'a', 'g'), '\p{Lu}', 'A', 'g'), '\p{Nd}', '9', 'g'), 24) END AS shape
    FROM (SELECT "column", split_part(reason, '; ', 1) AS first, regexp_matches(first, '\(rule [a-z0-9_]+\)') AS is_rule
          FROM quarantine WHERE kind <> 'nulled')
) GROUP BY why ORDER BY n DESC, why LIMIT 3
