-- core.fct_orders: compiled by cxw from sql/core/fct_orders.sql (materialized: table).
-- fct_orders: one row per order or booking, amounts in the order and the reporting currency.
with

orders as (

    select * from staging.stg_crm__orders

),

settings as (

    select setting('reporting_time_zone') as time_zone

),

final as (

    select
        orders.order_id,
        orders.customer_id,
        orders.ordered_at,
        timezone(settings.time_zone, orders.ordered_at) as ordered_local,
        orders.status,
        orders.is_won,
        orders.amount,
        orders.currency,
        orders.amount_reporting,
        orders.location_id,
        orders.product_id,
        orders.channel,
        orders.campaign_id,
        orders.service_date,
        orders.delivered_at,
        orders.source_name
    from orders
    cross join settings

)

select * from final
