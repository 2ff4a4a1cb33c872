-- Every cohort is fully active in its first month (100%), has one row per month up to the last month of data
-- (no gaps), and the cohorts add up to the customers with a won order (customer_360).
with

cohorts as (

    select
        cohort_month,
        min(months_since) as first_month,
        max(months_since) as last_month,
        count(*) as months,
        max(cohort_month + to_months(months_since)) as last_calendar_month,
        min(case when months_since = 0 then retention_pct end) as month_0_pct,
        min(cohort_customers) as cohort_customers,
        max(cohort_customers) as cohort_customers_check
    from marts.cohort_retention
    group by 1

),

buyers as (

    select count(*) as customers from marts.customer_360 where lifetime_orders > 0

)

select cohorts.cohort_month, cohorts.months, cohorts.month_0_pct, null as cohort_total, 'cohort' as failure
from cohorts
where cohorts.first_month <> 0
    or cohorts.months <> cohorts.last_month + 1
    or cohorts.month_0_pct <> 100
    or cohorts.cohort_customers <> cohorts.cohort_customers_check
    or cohorts.last_calendar_month <> (select max(last_calendar_month) from cohorts)
union all
select null, null, null, totals.customers, 'total'
from (select sum(cohort_customers) as customers from cohorts) as totals
cross join buyers
where totals.customers is distinct from buyers.customers and (totals.customers is not null or buyers.customers > 0)
