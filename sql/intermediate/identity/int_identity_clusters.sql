-- int_identity_clusters: each record's person, as the smallest record reachable through the links
-- materialized: table
-- (connected components), and the stable customer_key derived from it.
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

final as (

    select
        node,
        min(reached) as anchor,
        'C' || substr(md5(min(reached)), 1, 16) as customer_key
    from walk
    group by node

)

select * from final
