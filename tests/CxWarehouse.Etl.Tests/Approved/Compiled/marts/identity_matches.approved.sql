-- marts.identity_matches: compiled by cxw from sql/marts/identity_matches.sql (materialized: table).
-- identity_matches: the match report. One 'rule' row per rule: how many links it made and how many records it
-- joined to another record of a different source or to a duplicate of the same source. One 'build' row per build
-- that changed the customer keys: keys issued, merges (a retired key now mapping to an older one), splits (records
-- that left their key's customer for another) and removals (keys whose records are all gone), from
-- core.customer_key_events and core.customer_key_map.
with

links as (

    -- A record's source is its node's prefix ("crm:...", int_identity_records), and a link joins two records by
    -- construction: no join to every identity record is needed to tell same-source links from cross-source ones.
    select *, split_part(a, ':', 1) = split_part(b, ':', 1) as is_same_source
    from intermediate.int_identity_links

),

rules as (

    select
        'rule' as kind,
        links.rule,
        cast(null as timestamptz) as built_at,
        count(*) as links,
        count(distinct links.a) + count(distinct links.b) as records_involved,
        count(*) filter (where links.is_same_source) as same_source_links,
        count(*) filter (where not links.is_same_source) as cross_source_links,
        cast(null as bigint) as keys_issued,
        cast(null as bigint) as merges,
        cast(null as bigint) as splits,
        cast(null as bigint) as removals,
        cast(null as bigint) as records_moved
    from links
    group by links.rule

),

issued as (

    select issued_at as built_at, count(*) as keys_issued
    from core.customer_key_map
    group by issued_at

),

changes as (

    select
        built_at,
        count(*) filter (where event = 'merge') as merges,
        count(*) filter (where event = 'split') as splits,
        count(*) filter (where event = 'removed') as removals,
        coalesce(sum(records) filter (where event in ('merge', 'split')), 0) as records_moved
    from core.customer_key_events
    group by built_at

),

builds as (

    select
        'build' as kind,
        cast(null as varchar) as rule,
        coalesce(issued.built_at, changes.built_at) as built_at,
        cast(null as bigint) as links,
        cast(null as bigint) as records_involved,
        cast(null as bigint) as same_source_links,
        cast(null as bigint) as cross_source_links,
        coalesce(issued.keys_issued, 0) as keys_issued,
        coalesce(changes.merges, 0) as merges,
        coalesce(changes.splits, 0) as splits,
        coalesce(changes.removals, 0) as removals,
        coalesce(changes.records_moved, 0) as records_moved
    from issued
    full join changes on changes.built_at = issued.built_at

),

final as (

    select * from rules
    union all
    select * from builds

)

select * from final
order by kind desc, rule, built_at
