-- The generated parts of marts.kpi_availability (kpi_availability.sql): each input's rows counted per period,
-- and each KPI's checks against them.

-- name: input_by_time
-- An input cut into ISO weeks and months by its time column ({{ time }}).
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', {{ time }}) as date) as _cxw_week,
            cast(date_trunc('month', {{ time }}) as date) as _cxw_month
        from {{ relation }} as source{{ where }}
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

-- name: input_by_period
-- An input that already carries period_grain and period_start.
    select period_grain, cast(period_start as date) as period_start, count(*) as n
    from {{ relation }} as source{{ where }}
    group by period_grain, period_start

-- name: check
-- One input a KPI needs ({{ input }}), in every period: its rows, and what is missing when there are none.
    select {{ kpi }} as kpi, {{ check_order }} as check_order, period_grain, period_start, n,
        case when n = 0 then cast(({{ missing }}) as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce({{ input }}.n, 0) as n
        from periods
        left join {{ input }}
            on {{ input }}.period_grain = periods.period_grain
            and {{ input }}.period_start = periods.period_start
    ) as period_inputs

-- name: no_checks
-- No KPI is declared: the checks' columns, with no rows.
    select cast(null as varchar) as kpi, 0 as check_order, cast(null as varchar) as period_grain,
        cast(null as date) as period_start, cast(0 as bigint) as n, cast(null as varchar) as missing
    where false
