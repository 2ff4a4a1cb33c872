-- marts.customers_at_risk: compiled by cxw from sql/marts/customers_at_risk.sql (materialized: table).
-- customers_at_risk: customers who have bought and are drifting away: not yet churned, with a churn risk of
-- 0.5 or more or in the RFM "At risk" segment, highest value first. Reports mask their contact details.
with

customers as (

    select * from marts.customer_360

),

final as (

    select
        customer_key,
        trim(concat_ws(' ', first_name, last_name)) as name,
        email,
        phone,
        coalesce(rfm_segment, segment) as segment,
        home_location_id as location,
        cast(lifetime_revenue as double) as lifetime_revenue,
        last_order_at,
        churn_risk
    from customers
    where lifetime_orders > 0
        and not is_churned
        and (churn_risk >= 0.5 or rfm_segment = 'At risk')

)

select * from final
order by churn_risk desc, lifetime_revenue desc, customer_key
