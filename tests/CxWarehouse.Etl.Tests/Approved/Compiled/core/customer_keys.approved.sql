-- core.customer_keys: compiled by cxw from sql/core/customer_keys.sql (materialized: key_map).
-- Key map: this select returns each record (node) and its cluster in this build; the table
-- gives each node the key of its cluster that survives merges and splits across builds
-- (etl/CxWarehouse.Etl/Transform/KeyMap.cs), kept in core.customer_key_map and core.customer_key_events.
-- materialized: key_map
-- key_map: customer_key_map
-- key_events: customer_key_events
-- customer_keys: every source record's customer_key, resolved once here for every model that names a customer.
-- A customer keeps one key for life: when new data links two clusters the older key survives and the retired one
-- maps to it in core.customer_key_map; a part that splits off gets a new key; core.customer_key_events lists each
-- build's merges, splits and removals. These three tables persist across builds and full refreshes (rules:
-- etl/CxWarehouse.Etl/Transform/KeyMap.cs).
select node, cluster_id, first_seen_at
from intermediate.int_identity_clusters
