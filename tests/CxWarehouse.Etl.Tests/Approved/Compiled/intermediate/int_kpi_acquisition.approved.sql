-- intermediate.int_kpi_acquisition: compiled by cxw from sql/intermediate/kpi/int_kpi_acquisition.sql (materialized: view).
-- int_kpi_acquisition: marketing spend spread evenly over each campaign's days (in the reporting currency) and
-- each customer's first won order, on one time line: the basis of customer acquisition cost.
with

clusters as (

    select node, customer_key from core.customer_keys

),

campaigns as (

    select
        campaigns.campaign_id,
        campaigns.started_on,
        coalesce(campaigns.ended_on, campaigns.started_on) as ended_on,
        campaigns.spend_reporting,
        campaigns.location_id,
        campaigns.channel
    from staging.stg_crm__campaigns as campaigns
    where campaigns.spend is not null
        and campaigns.started_on is not null
        and coalesce(campaigns.ended_on, campaigns.started_on) >= campaigns.started_on

),

spend as (

    select
        'spend' as kind,
        cast(days.day as timestamp) as occurred_local,
        campaigns.location_id,
        campaigns.channel,
        campaigns.spend_reporting / (date_diff('day', campaigns.started_on, campaigns.ended_on) + 1) as amount,
        cast(null as varchar) as customer_key
    from campaigns
    cross join lateral (
        select unnest(generate_series(cast(campaigns.started_on as timestamp), cast(campaigns.ended_on as timestamp), interval 1 day)) as day
    ) as days

),

first_orders as (

    select
        'new_customer' as kind,
        min(orders.ordered_local) as occurred_local,
        first(orders.location_id order by orders.ordered_local) as location_id,
        first(orders.channel order by orders.ordered_local) as channel,
        cast(null as double) as amount,
        clusters.customer_key
    from core.fct_orders as orders
    inner join clusters
        on clusters.node = 'crm:' || orders.customer_id
    where orders.is_won
    group by clusters.customer_key

),

final as (

    select * from spend
    union all
    select * from first_orders

)

select * from final
