-- intermediate.int_identity_clusters: compiled by cxw from sql/intermediate/identity/int_identity_clusters.sql (materialized: table).
-- int_identity_clusters: each record's person this build, as the smallest record reachable through the links
-- materialized: table
-- (connected components), with when the record was first seen. The customer_key that names the person for
-- life is issued from these clusters by core.customer_keys, which keeps it across merges and splits.
-- The walk runs on integers numbered in node order (so the smallest number is the smallest node) and moves a
-- label only to a larger neighbour: the component's smallest record still reaches every other one (each step
-- of a path from it leads to a larger record), and the walk carries half the pairs and no strings.
with recursive

numbered as (

    select node, first_seen_at, cast(row_number() over (order by node) as integer) as id
    from intermediate.int_identity_records

),

edges as (

    select a_side.id as a, b_side.id as b
    from intermediate.int_identity_links as links
    inner join numbered as a_side on a_side.node = links.a
    inner join numbered as b_side on b_side.node = links.b

),

links as (

    select a, b from edges
    union
    select b, a from edges

),

walk(id, label) as (

    select a, a from links
    union
    select links.b, walk.label
    from walk
    inner join links on links.a = walk.id
    where walk.label < links.b

),

components as (

    select id, min(label) as cluster_number
    from walk
    group by id

),

final as (

    -- A record without links is its own cluster.
    select numbered.node, coalesce(anchor.node, numbered.node) as cluster_id, numbered.first_seen_at
    from numbered
    left join components on components.id = numbered.id
    left join numbered as anchor on anchor.id = components.cluster_number

)

select * from final
