using System.Data.Common;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Transform;

/// <summary>
/// The <c>key_map</c> materialisation: keys that survive the merges and splits of the clusters they name. The
/// model's select gives every record (<c>node</c>), the cluster it belongs to this build (<c>cluster_id</c>, any
/// value shared by the cluster's records) and when the record was first seen (<c>first_seen_at</c>). Three tables
/// persist across builds, <c>--full-refresh</c> included (only deleting the warehouse starts them anew):
/// <list type="bullet">
/// <item>the model's own table: each current record's key (<c>node</c>, <c>customer_key</c>);</item>
/// <item>the key map (<c>-- key_map:</c>): every key ever issued, the live key it now stands for
/// (<c>current_key</c>, itself while live), when it was issued and when and why it was retired;</item>
/// <item>the events (<c>-- key_events:</c>): the merges, splits and removals each build made.</item>
/// </list>
/// </summary>
/// <remarks>
/// Rules, applied in this order each build:
/// 1. an old key stays with the cluster holding its earliest-seen record (ties: the smallest node); the other
///    clusters holding its records split off;
/// 2. a cluster that keeps several old keys is a merge: the oldest key survives (issued first; ties: the key whose
///    anchor record was seen first, then the smaller key) and the others are retired and map to it;
/// 3. a cluster that keeps no old key gets a new one, <c>C</c> + the first 16 hex digits of the md5 of its
///    earliest-seen record (ties: the smallest node), so a from-scratch build over the same files issues the same
///    keys whenever history did not intervene (a key value already issued once is never reissued: the build time
///    is then hashed in too);
/// 4. a live key none of whose records remain is retired as removed (its history stays under it).
/// </remarks>
public static class KeyMap
{
    public static long Build(DbConnection connection, Model model, string body, DateTime buildAt)
    {
        var keys = model.Relation;
        var map = $"{model.Schema}.{SqlText.Identifier(model.Config["key_map"])}";
        var events = $"{model.Schema}.{SqlText.Identifier(model.Config["key_events"])}";
        void Sql(string sql)
        {
            if (sql.Contains("$1", StringComparison.Ordinal))
            {
                DuckDb.Execute(connection, sql, buildAt);
            }
            else
            {
                DuckDb.Execute(connection, sql);
            }
        }

        Sql($"CREATE TABLE IF NOT EXISTS {keys} (node VARCHAR NOT NULL, customer_key VARCHAR NOT NULL)");
        Sql($"""
            CREATE TABLE IF NOT EXISTS {map} (
                customer_key VARCHAR NOT NULL, current_key VARCHAR NOT NULL, anchor_node VARCHAR,
                anchor_first_seen_at TIMESTAMPTZ, issued_at TIMESTAMPTZ NOT NULL, retired_at TIMESTAMPTZ,
                retired_why VARCHAR)
            """);
        Sql($"""
            CREATE TABLE IF NOT EXISTS {events} (
                built_at TIMESTAMPTZ NOT NULL, event VARCHAR NOT NULL, customer_key VARCHAR NOT NULL,
                into_key VARCHAR, records BIGINT NOT NULL)
            """);
        Sql($"CREATE OR REPLACE TEMP TABLE cxw_nodes AS SELECT node, cluster_id, first_seen_at FROM ({body}) AS b");
        // Which old keys each cluster's records held, how many and since when.
        Sql($"""
            CREATE OR REPLACE TEMP TABLE cxw_claims AS
            SELECT n.cluster_id, k.customer_key, count(*) AS records, min(n.first_seen_at) AS first_seen_at,
                min(n.node) AS first_node
            FROM cxw_nodes AS n INNER JOIN {keys} AS k ON k.node = n.node
            GROUP BY n.cluster_id, k.customer_key
            """);
        // Rule 1: each old key stays with one cluster.
        Sql($"""
            CREATE OR REPLACE TEMP TABLE cxw_kept AS
            SELECT c.cluster_id, c.customer_key, m.issued_at, m.anchor_first_seen_at
            FROM cxw_claims AS c INNER JOIN {map} AS m ON m.customer_key = c.customer_key
            QUALIFY row_number() OVER (
                PARTITION BY c.customer_key ORDER BY c.first_seen_at NULLS LAST, c.first_node) = 1
            """);
        // Rule 2: the oldest key a cluster kept survives.
        Sql("""
            CREATE OR REPLACE TEMP TABLE cxw_survivors AS
            SELECT cluster_id, customer_key FROM cxw_kept
            QUALIFY row_number() OVER (
                PARTITION BY cluster_id ORDER BY issued_at, anchor_first_seen_at NULLS LAST, customer_key) = 1
            """);
        // Rule 3: a new key for every cluster that kept none.
        Sql($"""
            CREATE OR REPLACE TEMP TABLE cxw_new AS
            WITH anchors AS (
                SELECT n.cluster_id, n.node AS anchor_node, n.first_seen_at
                FROM cxw_nodes AS n ANTI JOIN cxw_survivors AS s ON s.cluster_id = n.cluster_id
                QUALIFY row_number() OVER (PARTITION BY n.cluster_id ORDER BY n.first_seen_at NULLS LAST, n.node) = 1
            )
            SELECT a.cluster_id, a.anchor_node, a.first_seen_at,
                CASE WHEN m.customer_key IS NULL THEN 'C' || substr(md5(a.anchor_node), 1, 16)
                    ELSE 'C' || substr(md5(a.anchor_node || '|' || CAST($1 AS VARCHAR)), 1, 16) END AS customer_key
            FROM anchors AS a
            LEFT JOIN {map} AS m ON m.customer_key = 'C' || substr(md5(a.anchor_node), 1, 16)
            """);
        Sql("""
            CREATE OR REPLACE TEMP TABLE cxw_assigned AS
            SELECT cluster_id, customer_key FROM cxw_survivors
            UNION ALL
            SELECT cluster_id, customer_key FROM cxw_new
            """);
        // Events: merges (kept keys that did not survive) and splits (records that left their key's cluster).
        Sql("""
            CREATE OR REPLACE TEMP TABLE cxw_retired AS
            SELECT k.customer_key, s.customer_key AS into_key, c.records
            FROM cxw_kept AS k
            INNER JOIN cxw_survivors AS s ON s.cluster_id = k.cluster_id
            INNER JOIN cxw_claims AS c ON c.cluster_id = k.cluster_id AND c.customer_key = k.customer_key
            WHERE k.customer_key <> s.customer_key
            """);
        Sql($"INSERT INTO {events} SELECT CAST($1 AS TIMESTAMPTZ), 'merge', customer_key, into_key, records FROM cxw_retired");
        Sql($"""
            INSERT INTO {events}
            SELECT CAST($1 AS TIMESTAMPTZ), 'split', c.customer_key, a.customer_key, c.records
            FROM cxw_claims AS c
            ANTI JOIN cxw_kept AS k ON k.cluster_id = c.cluster_id AND k.customer_key = c.customer_key
            INNER JOIN cxw_assigned AS a ON a.cluster_id = c.cluster_id
            """);
        // Rule 4: live keys whose records are all gone.
        Sql($"""
            CREATE OR REPLACE TEMP TABLE cxw_removed AS
            SELECT k.customer_key, count(*) AS records FROM {keys} AS k
            ANTI JOIN cxw_claims AS c ON c.customer_key = k.customer_key
            GROUP BY k.customer_key
            """);
        Sql($"INSERT INTO {events} SELECT CAST($1 AS TIMESTAMPTZ), 'removed', customer_key, NULL, records FROM cxw_removed");
        // The map: retired keys (and the keys that already mapped to them) now stand for their survivor.
        Sql($"""
            UPDATE {map} SET current_key = r.into_key
            FROM cxw_retired AS r WHERE {map}.current_key = r.customer_key
            """);
        Sql($"""
            UPDATE {map} SET retired_at = CAST($1 AS TIMESTAMPTZ), retired_why = 'merged'
            FROM cxw_retired AS r WHERE {map}.customer_key = r.customer_key
            """);
        Sql($"""
            UPDATE {map} SET retired_at = CAST($1 AS TIMESTAMPTZ), retired_why = 'removed'
            FROM cxw_removed AS r WHERE {map}.customer_key = r.customer_key
            """);
        Sql($"""
            INSERT INTO {map}
            SELECT customer_key, customer_key, anchor_node, first_seen_at, CAST($1 AS TIMESTAMPTZ), NULL, NULL
            FROM cxw_new
            """);
        // Each record's key: only the rows that changed are written (a weekly build changes a few percent of them;
        // rewriting a million unchanged rows cost more than finding the changed ones).
        Sql("""
            CREATE OR REPLACE TEMP TABLE cxw_keys AS
            SELECT n.node, a.customer_key FROM cxw_nodes AS n INNER JOIN cxw_assigned AS a ON a.cluster_id = n.cluster_id
            """);
        Sql($"""
            DELETE FROM {keys}
            WHERE NOT EXISTS (SELECT 1 FROM cxw_keys AS k WHERE k.node = {keys}.node AND k.customer_key = {keys}.customer_key)
            """);
        Sql($"""
            INSERT INTO {keys}
            SELECT k.node, k.customer_key FROM cxw_keys AS k ANTI JOIN {keys} AS old ON old.node = k.node
            ORDER BY k.node
            """);
        foreach (var temp in new[] { "cxw_nodes", "cxw_claims", "cxw_kept", "cxw_survivors", "cxw_new", "cxw_assigned", "cxw_retired", "cxw_removed", "cxw_keys" })
        {
            DuckDb.Execute(connection, $"DROP TABLE {temp}");
        }
        return DuckDb.Scalar<long>(connection, $"SELECT count(*) FROM {keys}");
    }

    /// <summary>
    /// Before a snapshot model with <c>-- follows_key_map: schema.map</c> is built: versions under a retired key
    /// move to the key it now maps to, the retired key's current version closing at this build (the survivor's
    /// own current version continues).
    /// </summary>
    public static void Follow(DbConnection connection, Model model, DateTime buildAt)
    {
        var mapName = model.Config["follows_key_map"];
        var parts = mapName.Split('.');
        if (parts.Length != 2 || !DuckDb.TableExists(connection, parts[0], parts[1]))
        {
            return;
        }
        var map = $"{SqlText.Identifier(parts[0])}.{SqlText.Identifier(parts[1])}";
        var key = SqlText.Identifier(model.UniqueKey.Single());
        DuckDb.Execute(connection, $"""
            UPDATE {model.Relation} SET valid_to = CAST($1 AS TIMESTAMPTZ), is_current = false
            FROM {map} AS m
            WHERE {model.Relation}.is_current AND {model.Relation}.{key} = m.customer_key AND m.current_key <> m.customer_key
            """, buildAt);
        DuckDb.Execute(connection, $"""
            UPDATE {model.Relation} SET {key} = m.current_key
            FROM {map} AS m
            WHERE {model.Relation}.{key} = m.customer_key AND m.current_key <> m.customer_key
            """);
    }
}
