-- intermediate.int_kpi_customer_periods: compiled by cxw from sql/intermediate/kpi/int_kpi_customer_periods.sql (materialized: table).
-- int_kpi_customer_periods: per ISO week and month (from the first won order to the data's last) and per customer
-- location and segment, the customer counts behind repeat purchase, churn, retention and lifetime value: customers
-- and repeat customers to the period's end, orders and revenue to its end, customers active at its start and end
-- (a won order within the churn window before), new in it, and churned after it (active at the start, no order in
-- the churn window that follows). Counted from each customer's orders and the time of their next order, as running
-- totals over the periods, so the work grows with orders plus periods, never with a row per customer or order and
-- period; the counts add up across locations and segments, so KPIs sum them under any grouping.
-- materialized: table
with

clusters as (

    select node, customer_key from core.customer_keys

),

settings as (

    select setting('churn_window_days') as churn_days

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

customers as (

    select
        orders.customer_key,
        first(orders.location_id order by orders.ordered_local) as location_id,
        any_value(customer.segment) as segment
    from orders
    left join core.dim_customer as customer
        on customer.customer_key = orders.customer_key
    group by orders.customer_key

),

sequenced as (

    -- Each order with its place in the customer's history and when the customer ordered next.
    select
        orders.ordered_local,
        orders.amount_reporting,
        customers.location_id,
        customers.segment,
        row_number() over (partition by orders.customer_key order by orders.ordered_local) as order_number,
        coalesce(lead(orders.ordered_local) over (partition by orders.customer_key order by orders.ordered_local),
            'infinity'::timestamp) as next_at
    from orders
    inner join customers
        on customers.customer_key = orders.customer_key

),

bounds as (

    select min(ordered_local) as first_at, max(ordered_local) as as_of from orders

),

periods as (

    -- Each period with its end, and the instants that say whether it has a churn window of history before its start
    -- and of outcome after it.
    select
        grid.period_grain,
        grid.start_at,
        grid.end_at,
        grid.start_at - to_days(settings.churn_days) as active_start_from,
        grid.start_at + to_days(settings.churn_days) as churn_until
    from (
        select 'week' as period_grain, cast(starts as timestamp) as start_at, cast(starts as timestamp) + interval 7 day as end_at
        from (select unnest(generate_series(date_trunc('week', first_at), as_of, interval 7 day)) as starts from bounds)
        union all
        select 'month', cast(starts as timestamp), cast(starts as timestamp) + interval 1 month
        from (select unnest(generate_series(date_trunc('month', first_at), as_of, interval 1 month)) as starts from bounds)
    ) as grid
    cross join settings

),

in_period as (

    -- Each period's own orders: the grid's weeks and months tile the time from the first order on, so an order
    -- belongs to the one that date_trunc gives.
    select
        grains.period_grain,
        date_trunc(grains.period_grain, sequenced.ordered_local) as start_at,
        sequenced.location_id,
        sequenced.segment,
        count(*) filter (where sequenced.order_number = 1) as customers_in,
        count(*) filter (where sequenced.order_number = 2) as repeat_in,
        count(*) as orders_in,
        sum(sequenced.amount_reporting) as revenue_in
    from sequenced
    cross join (values ('week'), ('month')) as grains (period_grain)
    group by all

),

groups as (

    select distinct location_id, segment from sequenced

),

to_end as (

    -- Lifetime to the period's end: running totals of the periods' own orders (a customer's first and second
    -- orders count them), from the group's first order on. Not a join of every order to every later period, whose
    -- rows grow with orders times periods (11 million at scale 100).
    select
        periods.period_grain, periods.start_at, groups.location_id, groups.segment,
        sum(coalesce(in_period.customers_in, 0)) over running as customers_to_end,
        sum(coalesce(in_period.repeat_in, 0)) over running as repeat_customers,
        sum(coalesce(in_period.orders_in, 0)) over running as orders_to_end,
        coalesce(sum(in_period.revenue_in) over running, 0) as revenue_to_end,
        coalesce(in_period.customers_in, 0) as new_customers,
        0 as active_at_start, 0 as churned, 0 as active_at_end
    from periods
    cross join groups
    left join in_period
        on in_period.period_grain = periods.period_grain
        and in_period.start_at = periods.start_at
        and in_period.location_id is not distinct from groups.location_id
        and in_period.segment is not distinct from groups.segment
    window running as (
        partition by periods.period_grain, groups.location_id, groups.segment order by periods.start_at
        rows unbounded preceding
    )
    qualify orders_to_end > 0

),

moves as (

    -- Active at an instant: the customer's last order before it lies within the churn window before it, that is the
    -- instant falls in (order, least(order + churn window, next order)]; churned after a period's start: that order's
    -- next one also comes no sooner than a churn window after the start, so the start falls in (order, least(order +
    -- churn window, next order - churn window)]. Each order opens its two spans and closes them: +1 and -1 at the
    -- first instant of each grain after the span's ends, so a running total over the instants counts the orders whose
    -- spans hold each one. Three moves per order and grain, not a row per order and period it is active in (15
    -- million at scale 100, growing with orders times the periods in a churn window).
    select
        grains.period_grain,
        date_trunc(grains.period_grain, moved.instant) + grains.step as instant,
        sequenced.location_id,
        sequenced.segment,
        sum(moved.active) as active,
        sum(moved.churning) as churning
    from sequenced
    cross join settings
    cross join (values ('week', interval 7 day), ('month', interval 1 month)) as grains (period_grain, step)
    cross join lateral (
        select * from (values
            (sequenced.ordered_local, 1, 1),
            (least(sequenced.ordered_local + to_days(settings.churn_days), sequenced.next_at), -1, 0),
            (greatest(sequenced.ordered_local,
                least(sequenced.ordered_local + to_days(settings.churn_days), sequenced.next_at - to_days(settings.churn_days))),
                0, -1)
        ) as moves (instant, active, churning)
    ) as moved
    where settings.churn_days is not null
        and moved.instant < 'infinity'::timestamp
    group by all

),

instants as (

    -- Every instant a period starts or ends at, per grain.
    select period_grain, start_at as instant from periods
    union
    select period_grain, end_at from periods

),

active_at as (

    select
        instants.period_grain,
        instants.instant,
        groups.location_id,
        groups.segment,
        sum(coalesce(moves.active, 0)) over running as active,
        sum(coalesce(moves.churning, 0)) over running as churning
    from instants
    cross join groups
    left join moves
        on moves.period_grain = instants.period_grain
        and moves.instant = instants.instant
        and moves.location_id is not distinct from groups.location_id
        and moves.segment is not distinct from groups.segment
    window running as (
        partition by instants.period_grain, groups.location_id, groups.segment order by instants.instant
        rows unbounded preceding
    )

),

active as (

    -- Each period's counts at its start (where churn after it is also counted) and at its end, for the groups with
    -- a customer active at either.
    select
        periods.period_grain, periods.start_at, at_start.location_id, at_start.segment,
        0 as customers_to_end, 0 as repeat_customers, 0 as orders_to_end, 0 as revenue_to_end, 0 as new_customers,
        at_start.active as active_at_start,
        at_start.churning as churned,
        at_end.active as active_at_end
    from periods
    inner join active_at as at_start
        on at_start.period_grain = periods.period_grain
        and at_start.instant = periods.start_at
    inner join active_at as at_end
        on at_end.period_grain = periods.period_grain
        and at_end.instant = periods.end_at
        and at_end.location_id is not distinct from at_start.location_id
        and at_end.segment is not distinct from at_start.segment
    where at_start.active > 0 or at_end.active > 0

),

counted as (

    select * from to_end
    union all
    select * from active

),

final as (

    select
        counted.period_grain,
        cast(counted.start_at as date) as period_start,
        counted.location_id,
        counted.segment,
        sum(counted.customers_to_end) as customers_to_end,
        sum(counted.repeat_customers) as repeat_customers,
        sum(counted.orders_to_end) as orders_to_end,
        sum(counted.revenue_to_end) as revenue_to_end,
        sum(counted.new_customers) as new_customers,
        sum(counted.active_at_start) as active_at_start,
        sum(counted.churned) as churned,
        sum(counted.active_at_end) as active_at_end,
        -- Activity at the start needs a full churn window of history before it; churn needs one after it.
        any_value(periods.active_start_from >= bounds.first_at) as has_history,
        any_value(periods.churn_until <= bounds.as_of) as has_churn_outcome
    from counted
    inner join periods
        on periods.period_grain = counted.period_grain
        and periods.start_at = counted.start_at
    cross join bounds
    group by counted.period_grain, counted.start_at, counted.location_id, counted.segment

)

select * from final
