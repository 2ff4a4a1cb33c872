-- intermediate.int_identity_clusters: compiled by cxw from sql/intermediate/identity/int_identity_clusters.sql (materialized: table).
-- int_identity_clusters: each record's person this build, as the smallest record reachable through the links
-- materialized: table
-- (connected components), with when the record was first seen. The customer_key that names the person for
-- life is issued from these clusters by core.customer_keys, which keeps it across merges and splits.
with recursive

links as (

    select a, b from intermediate.int_identity_links
    union
    select b, a from intermediate.int_identity_links

),

walk(node, reached) as (

    select node, node from intermediate.int_identity_records
    union
    select walk.node, links.b
    from walk
    inner join links on links.a = walk.reached

),

components as (

    select node, min(reached) as cluster_id
    from walk
    group by node

),

final as (

    select components.node, components.cluster_id, records.first_seen_at
    from components
    inner join intermediate.int_identity_records as records on records.node = components.node

)

select * from final
