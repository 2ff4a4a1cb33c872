-- kpi_availability: generated from sql/kpis.yml (each KPI's own rows and its declared inputs); edit the
-- declarations, not this SQL. One row per KPI and period of the data: available, or what is missing.
with
{{ inputs }}
periods as (

    select distinct 'week' as period_grain, week_start as period_start from core.dim_date
    union
    select distinct 'month' as period_grain, month_start as period_start from core.dim_date{{ input_periods }}

),

checks as (

{{ checks }}

),

final as (

    select
        kpi,
        period_grain,
        period_start,
        bool_and(n > 0) as is_available,
        -- The first input missing: the declared ones say more than "no rows".
        arg_min(missing, check_order) filter (where n = 0) as missing
    from checks
    group by kpi, period_grain, period_start

)

select * from final
order by kpi, period_grain, period_start
