-- audit.quarantine and audit.flagged: the rows the extraction could not load, and those it loaded with a value
-- nulled by a domain rule, read from the lake's quarantine files ({{ files }}: their paths as literals).

-- name: quarantine
CREATE OR REPLACE VIEW audit.quarantine AS SELECT * FROM read_parquet([{{ files }}])

-- name: quarantine_empty
-- No input has quarantined a row: the view's columns, with no rows.
CREATE OR REPLACE VIEW audit.quarantine AS SELECT CAST(NULL AS VARCHAR) AS run_id,
    CAST(NULL AS VARCHAR) AS source, CAST(NULL AS VARCHAR) AS stream, CAST(NULL AS VARCHAR) AS file,
    CAST(NULL AS BIGINT) AS line, CAST(NULL AS BIGINT) AS record, CAST(NULL AS VARCHAR) AS "column",
    CAST(NULL AS VARCHAR) AS reason, CAST(NULL AS VARCHAR) AS raw WHERE false

-- name: flagged
CREATE OR REPLACE VIEW audit.flagged AS SELECT * FROM read_parquet([{{ files }}])

-- name: flagged_empty
CREATE OR REPLACE VIEW audit.flagged AS SELECT * FROM audit.quarantine WHERE false
