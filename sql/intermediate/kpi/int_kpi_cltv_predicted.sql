-- materialized: table
-- int_kpi_cltv_predicted: per week and month, the specification's simple predictive lifetime value:
-- AOV x orders per customer per year x gross margin x expected lifetime in years, the lifetime being 1 / the annual
-- churn rate. AOV and orders per customer are lifetime to the period's end (orders per year over the years of data
-- to it); the annual churn rate scales the period's churn over the churn window to a year, 1 - (1 - c)^(365 / W).
-- Without a gross margin (benchmark.gross_margin) or an observed churn the value is NULL (unavailable).
with

settings as (

    select
        setting('gross_margin') as gross_margin,
        setting('churn_window_days') as churn_days

),

first_order as (

    select min(ordered_local) as first_at, max(ordered_local) as as_of from core.fct_orders where is_won

),

periods as (

    select
        period_grain,
        period_start,
        sum(revenue_to_end) as revenue,
        sum(orders_to_end) as orders,
        sum(customers_to_end) as customers,
        sum(active_at_start) filter (where has_history and has_churn_outcome) as active_at_start,
        sum(churned) filter (where has_history and has_churn_outcome) as churned
    from intermediate.int_kpi_customer_periods
    group by period_grain, period_start

),

measured as (

    select
        periods.*,
        settings.gross_margin,
        periods.revenue / nullif(periods.orders, 0) as aov,
        periods.orders / nullif(periods.customers, 0)
            / nullif(date_diff('second', first_order.first_at, least(first_order.as_of,
                cast(periods.period_start as timestamp)
                    + case periods.period_grain when 'week' then interval 7 day else interval 1 month end))
                / (365.25 * 86400.0), 0) as orders_per_year,
        1 - power(1 - periods.churned / nullif(periods.active_at_start, 0), 365.0 / settings.churn_days)
            as annual_churn
    from periods
    cross join settings
    cross join first_order

),

final as (

    select
        period_grain,
        period_start,
        customers,
        aov,
        orders_per_year,
        gross_margin,
        annual_churn,
        aov * orders_per_year * gross_margin / nullif(annual_churn, 0) as cltv_predicted
    from measured

)

select * from final
