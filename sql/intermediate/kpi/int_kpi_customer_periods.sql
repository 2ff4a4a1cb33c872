-- int_kpi_customer_periods: every customer with a won order before the period's end, in every ISO week and month
-- from the first order to the data's last: orders and revenue to the period's end, and whether the customer was
-- active at its start and end (ordered within the churn window before), new in it, or ordered in the churn window
-- after its start. The basis of repeat purchase, churn, retention and historical lifetime value.
-- materialized: table
with

clusters as (

    select node, customer_key from intermediate.int_identity_clusters

),

settings as (

    select cast(value as integer) as churn_days from config.settings where key = 'churn_window_days'

),

orders as (

    select
        clusters.customer_key,
        orders.ordered_local,
        orders.amount_reporting,
        orders.location_id
    from core.fct_orders as orders
    inner join clusters
        on clusters.node = 'crm:' || orders.customer_id
    where orders.is_won
        and orders.ordered_local is not null

),

bounds as (

    select min(ordered_local) as first_at, max(ordered_local) as as_of from orders

),

periods as (

    -- Each period with the instants its flags compare orders with, computed once here so that the join below is a
    -- plain range join (a computed bound in the join condition makes DuckDB fall back to a nested loop).
    select
        grid.period_grain,
        grid.start_at,
        grid.end_at,
        grid.start_at - to_days(settings.churn_days) as active_start_from,
        grid.end_at - to_days(settings.churn_days) as active_end_from,
        grid.start_at + to_days(settings.churn_days) as churn_until,
        greatest(grid.end_at, grid.start_at + to_days(settings.churn_days)) as orders_until
    from (
        select 'week' as period_grain, cast(starts as timestamp) as start_at, cast(starts as timestamp) + interval 7 day as end_at
        from (select unnest(generate_series(date_trunc('week', first_at), as_of, interval 7 day)) as starts from bounds)
        union all
        select 'month', cast(starts as timestamp), cast(starts as timestamp) + interval 1 month
        from (select unnest(generate_series(date_trunc('month', first_at), as_of, interval 1 month)) as starts from bounds)
    ) as grid
    cross join settings

),

customers as (

    select
        orders.customer_key,
        min(orders.ordered_local) as first_order_at,
        first(orders.location_id order by orders.ordered_local) as location_id,
        any_value(customer.segment) as segment
    from orders
    left join core.dim_customer as customer
        on customer.customer_key = orders.customer_key
    group by orders.customer_key

),

activity as (

    select
        periods.period_grain,
        periods.start_at,
        periods.end_at,
        orders.customer_key,
        count(*) filter (where orders.ordered_local < periods.end_at) as orders_to_end,
        coalesce(sum(orders.amount_reporting) filter (where orders.ordered_local < periods.end_at), 0) as revenue_to_end,
        coalesce(bool_or(orders.ordered_local >= periods.active_start_from
            and orders.ordered_local < periods.start_at), false) as is_active_at_start,
        coalesce(bool_or(orders.ordered_local >= periods.active_end_from
            and orders.ordered_local < periods.end_at), false) as is_active_at_end,
        coalesce(bool_or(orders.ordered_local >= periods.start_at
            and orders.ordered_local < periods.churn_until), false) as has_order_in_churn_window
    from periods
    inner join orders
        on orders.ordered_local < periods.orders_until
    group by periods.period_grain, periods.start_at, periods.end_at, orders.customer_key

),

final as (

    select
        activity.period_grain,
        cast(activity.start_at as date) as period_start,
        activity.customer_key,
        customers.location_id,
        customers.segment,
        activity.orders_to_end,
        activity.revenue_to_end,
        activity.is_active_at_start,
        activity.is_active_at_end,
        customers.first_order_at >= activity.start_at and customers.first_order_at < activity.end_at as is_new,
        activity.has_order_in_churn_window,
        -- Activity at the start needs a full churn window of history before it; churn needs one after it.
        activity.start_at - to_days(settings.churn_days) >= bounds.first_at as has_history,
        activity.start_at + to_days(settings.churn_days) <= bounds.as_of as has_churn_outcome
    from activity
    inner join customers
        on customers.customer_key = activity.customer_key
    cross join settings
    cross join bounds
    where customers.first_order_at < activity.end_at
        or activity.is_active_at_start

)

select * from final
