-- The key_map materialisation (KeyMap.Build), run in this order each build. {{ keys }} is the model's table (each
-- current record's key), {{ map }} the key map (every key ever issued and the live key it stands for), {{ events }}
-- the merges, splits and removals; {{ body }} is the model's select (node, cluster_id, first_seen_at). $1 is the
-- build's time.

-- name: create_keys
CREATE TABLE IF NOT EXISTS {{ keys }} (node VARCHAR NOT NULL, customer_key VARCHAR NOT NULL)

-- name: create_map
CREATE TABLE IF NOT EXISTS {{ map }} (
    customer_key VARCHAR NOT NULL, current_key VARCHAR NOT NULL, anchor_node VARCHAR,
    anchor_first_seen_at TIMESTAMPTZ, issued_at TIMESTAMPTZ NOT NULL, retired_at TIMESTAMPTZ,
    retired_why VARCHAR)

-- name: create_events
CREATE TABLE IF NOT EXISTS {{ events }} (
    built_at TIMESTAMPTZ NOT NULL, event VARCHAR NOT NULL, customer_key VARCHAR NOT NULL,
    into_key VARCHAR, records BIGINT NOT NULL)

-- name: nodes
CREATE OR REPLACE TEMP TABLE cxw_nodes AS SELECT node, cluster_id, first_seen_at FROM ({{ body }}) AS b

-- name: claims
-- Which old keys each cluster's records held, how many and since when. {{ join }} is FULL OUTER, which adds the
-- records no cluster holds any more (cluster_id NULL: deleted) and those no key held before (customer_key NULL: new),
-- so that one pass tells which clusters are left as they were; in a first build (no record has a key yet) it is
-- INNER: no claims, and every cluster is open (open_clusters_first), without that pass (0.4 s at scale 100).
CREATE OR REPLACE TEMP TABLE cxw_claims AS
SELECT n.cluster_id, k.customer_key, count(*) AS records, min(n.first_seen_at) AS first_seen_at,
    min(n.node) AS first_node
FROM cxw_nodes AS n {{ join }} JOIN {{ keys }} AS k ON k.node = n.node
GROUP BY n.cluster_id, k.customer_key

-- name: open_clusters_first
CREATE OR REPLACE TEMP TABLE cxw_open_clusters AS SELECT DISTINCT cluster_id FROM cxw_nodes

-- name: open_clusters
-- The clusters the build may change: those holding a new record or the records of more than one old key, or holding
-- records of a key whose other records are in another cluster or gone. The others (a weekly build leaves nearly all
-- of them as they were: every record held the one old key, and all of that key's records are here) keep their key
-- and need none of the rules below.
CREATE OR REPLACE TEMP TABLE cxw_open_clusters AS
WITH by_cluster AS (
    SELECT cluster_id, count(*) AS claims, min(customer_key) AS customer_key
    FROM cxw_claims WHERE cluster_id IS NOT NULL GROUP BY cluster_id
), by_key AS (
    SELECT customer_key, count(*) AS claims FROM cxw_claims WHERE customer_key IS NOT NULL GROUP BY customer_key
)
SELECT c.cluster_id
FROM by_cluster AS c LEFT JOIN by_key AS k ON k.customer_key = c.customer_key
WHERE c.claims > 1 OR c.customer_key IS NULL OR k.claims > 1

-- name: open
-- The open clusters' claims of old keys (the records that are new or gone are not claims).
CREATE OR REPLACE TEMP TABLE cxw_open AS
SELECT * FROM cxw_claims AS c
WHERE c.customer_key IS NOT NULL AND c.cluster_id IN (SELECT cluster_id FROM cxw_open_clusters)

-- name: kept
-- Rule 1: each old key stays with one cluster.
CREATE OR REPLACE TEMP TABLE cxw_kept AS
SELECT c.cluster_id, c.customer_key, m.issued_at, m.anchor_first_seen_at
FROM cxw_open AS c INNER JOIN {{ map }} AS m ON m.customer_key = c.customer_key
QUALIFY row_number() OVER (
    PARTITION BY c.customer_key ORDER BY c.first_seen_at NULLS LAST, c.first_node) = 1

-- name: survivors
-- Rule 2: the oldest key a cluster kept survives.
CREATE OR REPLACE TEMP TABLE cxw_survivors AS
SELECT cluster_id, customer_key FROM cxw_kept
QUALIFY row_number() OVER (
    PARTITION BY cluster_id ORDER BY issued_at, anchor_first_seen_at NULLS LAST, customer_key) = 1

-- name: new
-- Rule 3: a new key for every open cluster that kept none.
CREATE OR REPLACE TEMP TABLE cxw_new AS
WITH anchors AS (
    SELECT n.cluster_id, n.node AS anchor_node, n.first_seen_at
    FROM cxw_nodes AS n
    SEMI JOIN cxw_open_clusters AS o ON o.cluster_id = n.cluster_id
    ANTI JOIN cxw_survivors AS s ON s.cluster_id = n.cluster_id
    QUALIFY row_number() OVER (PARTITION BY n.cluster_id ORDER BY n.first_seen_at NULLS LAST, n.node) = 1
)
SELECT a.cluster_id, a.anchor_node, a.first_seen_at,
    CASE WHEN m.customer_key IS NULL THEN 'C' || substr(md5(a.anchor_node), 1, 16)
        ELSE 'C' || substr(md5(a.anchor_node || '|' || CAST($1 AS VARCHAR)), 1, 16) END AS customer_key
FROM anchors AS a
LEFT JOIN {{ map }} AS m ON m.customer_key = 'C' || substr(md5(a.anchor_node), 1, 16)

-- name: assigned
CREATE OR REPLACE TEMP TABLE cxw_assigned AS
SELECT cluster_id, customer_key FROM cxw_survivors
UNION ALL
SELECT cluster_id, customer_key FROM cxw_new

-- name: retired
-- Events: merges (kept keys that did not survive) and splits (records that left their key's cluster).
CREATE OR REPLACE TEMP TABLE cxw_retired AS
SELECT k.customer_key, s.customer_key AS into_key, c.records
FROM cxw_kept AS k
INNER JOIN cxw_survivors AS s ON s.cluster_id = k.cluster_id
INNER JOIN cxw_open AS c ON c.cluster_id = k.cluster_id AND c.customer_key = k.customer_key
WHERE k.customer_key <> s.customer_key

-- name: merge_events
INSERT INTO {{ events }} SELECT CAST($1 AS TIMESTAMPTZ), 'merge', customer_key, into_key, records FROM cxw_retired

-- name: split_events
INSERT INTO {{ events }}
SELECT CAST($1 AS TIMESTAMPTZ), 'split', c.customer_key, a.customer_key, c.records
FROM cxw_open AS c
ANTI JOIN cxw_kept AS k ON k.cluster_id = c.cluster_id AND k.customer_key = c.customer_key
INNER JOIN cxw_assigned AS a ON a.cluster_id = c.cluster_id

-- name: removed
-- Rule 4: live keys whose records are all gone.
CREATE OR REPLACE TEMP TABLE cxw_removed AS
SELECT customer_key, sum(records) AS records FROM cxw_claims
WHERE customer_key IS NOT NULL
GROUP BY customer_key HAVING bool_and(cluster_id IS NULL)

-- name: removed_events
INSERT INTO {{ events }} SELECT CAST($1 AS TIMESTAMPTZ), 'removed', customer_key, NULL, records FROM cxw_removed

-- name: map_follows_merges
-- The map: retired keys (and the keys that already mapped to them) now stand for their survivor.
UPDATE {{ map }} SET current_key = r.into_key
FROM cxw_retired AS r WHERE {{ map }}.current_key = r.customer_key

-- name: map_retires_merged
UPDATE {{ map }} SET retired_at = CAST($1 AS TIMESTAMPTZ), retired_why = 'merged'
FROM cxw_retired AS r WHERE {{ map }}.customer_key = r.customer_key

-- name: map_retires_removed
UPDATE {{ map }} SET retired_at = CAST($1 AS TIMESTAMPTZ), retired_why = 'removed'
FROM cxw_removed AS r WHERE {{ map }}.customer_key = r.customer_key

-- name: map_issues_new
INSERT INTO {{ map }}
SELECT customer_key, customer_key, anchor_node, first_seen_at, CAST($1 AS TIMESTAMPTZ), NULL, NULL
FROM cxw_new

-- name: record_keys
-- Each record's key: only the rows that changed are written (a weekly build changes a few percent of them;
-- rewriting a million unchanged rows cost more than finding the changed ones). The records of a cluster that is
-- not open keep theirs; those of the open ones get their cluster's.
CREATE OR REPLACE TEMP TABLE cxw_keys AS
SELECT n.node, a.customer_key FROM cxw_nodes AS n INNER JOIN cxw_assigned AS a ON a.cluster_id = n.cluster_id

-- name: delete_changed_keys
-- A record whose key changed or that is gone held an open or removed key (the other keys' records are all in one
-- cluster that is not open, which keeps its key).
DELETE FROM {{ keys }}
WHERE customer_key IN (SELECT customer_key FROM cxw_open UNION ALL SELECT customer_key FROM cxw_removed)
    AND NOT EXISTS (SELECT 1 FROM cxw_keys AS k WHERE k.node = {{ keys }}.node AND k.customer_key = {{ keys }}.customer_key)

-- name: insert_changed_keys
INSERT INTO {{ keys }}
SELECT k.node, k.customer_key FROM cxw_keys AS k ANTI JOIN {{ keys }} AS old ON old.node = k.node
ORDER BY k.node

-- name: drop_temps
DROP TABLE cxw_nodes; DROP TABLE cxw_claims; DROP TABLE cxw_open_clusters; DROP TABLE cxw_open; DROP TABLE cxw_kept;
DROP TABLE cxw_survivors; DROP TABLE cxw_new; DROP TABLE cxw_assigned; DROP TABLE cxw_retired; DROP TABLE cxw_removed; DROP TABLE cxw_keys

-- name: follow_close
-- KeyMap.Follow, before a snapshot with -- follows_key_map is built: versions under a retired key close at this
-- build ($1)...
UPDATE {{ snapshot }} SET valid_to = CAST($1 AS TIMESTAMPTZ), is_current = false
FROM {{ map }} AS m
WHERE {{ snapshot }}.is_current AND {{ snapshot }}.{{ key }} = m.customer_key AND m.current_key <> m.customer_key

-- name: follow_move
-- ...and move to the key the retired one now maps to.
UPDATE {{ snapshot }} SET {{ key }} = m.current_key
FROM {{ map }} AS m
WHERE {{ snapshot }}.{{ key }} = m.customer_key AND m.current_key <> m.customer_key
