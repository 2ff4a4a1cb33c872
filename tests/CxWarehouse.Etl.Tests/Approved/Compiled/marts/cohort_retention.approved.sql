-- marts.cohort_retention: compiled by cxw from sql/marts/cohort_retention.sql (materialized: table).
-- cohort_retention: customers grouped by the month of their first won order (reporting time zone), and the share
-- of each cohort with a won order in each month since, from month 0 (always 100%) to the last month of data (the
-- later of the latest activity and the latest won order); months without orders appear with 0 active customers.
with

clusters as (

    select node, customer_key from core.customer_keys

),

customers as (

    select customer_key from core.dim_customer

),

coverage as (

    -- Orders are no activity measure (open opportunities carry future close dates); won orders count below.
    select coalesce(max(last_local_date) filter (where is_activity), max(last_local_date)) as last_local_date
    from marts.data_coverage

),

orders as (

    select
        clusters.customer_key,
        cast(date_trunc('month', orders.ordered_local) as date) as order_month
    from core.fct_orders as orders
    inner join clusters on clusters.node = 'crm:' || orders.customer_id
    inner join customers on customers.customer_key = clusters.customer_key
    where orders.is_won

),

cohorts as (

    select customer_key, min(order_month) as cohort_month
    from orders
    group by 1

),

last_month as (

    select greatest(cast(date_trunc('month', max(coverage.last_local_date)) as date), max(orders.order_month))
        as last_month
    from orders
    cross join coverage

),

cohort_sizes as (

    select cohort_month, count(*) as cohort_customers
    from cohorts
    group by 1

),

months as (

    select
        cohort_sizes.cohort_month,
        cohort_sizes.cohort_customers,
        cast(months_since.months_since as integer) as months_since
    from cohort_sizes
    cross join last_month
    cross join range(0, date_diff('month', cohort_sizes.cohort_month, last_month.last_month) + 1)
        as months_since(months_since)

),

activity as (

    select
        cohorts.cohort_month,
        date_diff('month', cohorts.cohort_month, orders.order_month) as months_since,
        count(distinct orders.customer_key) as active_customers
    from orders
    inner join cohorts on cohorts.customer_key = orders.customer_key
    group by 1, 2

),

final as (

    select
        months.cohort_month,
        months.months_since,
        months.cohort_customers,
        coalesce(activity.active_customers, 0) as active_customers,
        100 * cast(coalesce(activity.active_customers, 0) as double) / months.cohort_customers as retention_pct
    from months
    left join activity
        on activity.cohort_month = months.cohort_month and activity.months_since = months.months_since

)

select * from final
order by cohort_month, months_since
