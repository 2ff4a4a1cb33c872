-- core.dim_customer_history: compiled by cxw from sql/core/dim_customer_history.sql (materialized: snapshot).
-- Snapshot: this select returns the current version of each customer_key; the table adds valid_from,
-- valid_to and is_current and keeps the versions whose check_cols (segment, loyalty_tier, home_location_id) changed, so its rows
-- where is_current, without those three columns, are this select's.
-- materialized: snapshot
-- unique_key: customer_key
-- check_cols: segment, loyalty_tier, home_location_id
-- follows_key_map: core.customer_key_map
-- dim_customer_history: every version of each customer's segment, loyalty tier and home location, as builds
-- saw them: valid_from and valid_to bound a version, is_current marks the latest (history starts with the
-- warehouse's first build; `cxw build --full-refresh` starts it anew). When two customers merge, the retired
-- key's versions move to the surviving key, the retired key's current version closing at that build.
with

customers as (

    select * from core.dim_customer

),

clusters as (

    select node, customer_key from core.customer_keys

),

tiers as (

    select clusters.customer_key, first(members.tier order by members.updated_at desc, members.member_id) as loyalty_tier
    from staging.stg_crm__loyalty as members
    inner join clusters on clusters.node = 'crm:' || members.customer_id
    group by clusters.customer_key

),

final as (

    select
        customers.customer_key,
        customers.segment,
        tiers.loyalty_tier,
        customers.home_location_id
    from customers
    left join tiers on tiers.customer_key = customers.customer_key

)

select * from final
