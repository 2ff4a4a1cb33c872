-- marts.kpi_availability: compiled by cxw from sql/kpis.yml (materialized: table).
-- kpi_availability: generated from sql/kpis.yml (each KPI's own rows and its declared inputs); edit the
-- declarations, not this SQL. One row per KPI and period of the data: available, or what is missing.
with

input_1 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', responded_local) as date) as _cxw_week,
            cast(date_trunc('month', responded_local) as date) as _cxw_month
        from core.fct_survey_responses as source
                where nps_score is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_2 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', responded_local) as date) as _cxw_week,
            cast(date_trunc('month', responded_local) as date) as _cxw_month
        from core.fct_survey_responses as source
                where csat_score is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_3 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', responded_local) as date) as _cxw_week,
            cast(date_trunc('month', responded_local) as date) as _cxw_month
        from core.fct_survey_responses as source
                where ces_score is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_4 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', posted_local) as date) as _cxw_week,
            cast(date_trunc('month', posted_local) as date) as _cxw_month
        from core.fct_reviews as source
                where rating is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_5 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', posted_local) as date) as _cxw_week,
            cast(date_trunc('month', posted_local) as date) as _cxw_month
        from core.fct_reviews as source
                where review_text is not null and sentiment_score is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_6 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', posted_local) as date) as _cxw_week,
            cast(date_trunc('month', posted_local) as date) as _cxw_month
        from core.fct_reviews as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_7 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', posted_local) as date) as _cxw_week,
            cast(date_trunc('month', posted_local) as date) as _cxw_month
        from core.fct_reviews as source
                where reply_hours is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_8 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', initiated_local) as date) as _cxw_week,
            cast(date_trunc('month', initiated_local) as date) as _cxw_month
        from core.fct_calls as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_9 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', initiated_local) as date) as _cxw_week,
            cast(date_trunc('month', initiated_local) as date) as _cxw_month
        from core.fct_calls as source
                where is_answered and queue_s is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_10 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', initiated_local) as date) as _cxw_week,
            cast(date_trunc('month', initiated_local) as date) as _cxw_month
        from core.fct_calls as source
                where handle_s is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_11 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', occurred_local) as date) as _cxw_week,
            cast(date_trunc('month', occurred_local) as date) as _cxw_month
        from intermediate.int_kpi_contacts as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_12 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month
        from core.fct_tickets as source
                where first_response_min is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_13 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month
        from core.fct_tickets as source
                where resolution_h is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_14 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month
        from core.fct_tickets as source
                where first_response_business_min is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_15 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month
        from core.fct_tickets as source
                where resolution_business_h is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_16 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month
        from core.fct_tickets as source
                where is_sla_met is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_17 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month
        from core.fct_tickets as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_18 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', occurred_local) as date) as _cxw_week,
            cast(date_trunc('month', occurred_local) as date) as _cxw_month
        from intermediate.int_kpi_complaints as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_19 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month
        from core.fct_tickets as source
                where is_complaint and resolution_h is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_20 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', ordered_local) as date) as _cxw_week,
            cast(date_trunc('month', ordered_local) as date) as _cxw_month
        from core.fct_orders as source
                where is_won and amount_reporting is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_21 as (

    select period_grain, cast(period_start as date) as period_start, count(*) as n
    from intermediate.int_kpi_customer_periods as source
    group by period_grain, period_start

),

input_22 as (

    select period_grain, cast(period_start as date) as period_start, count(*) as n
    from intermediate.int_kpi_customer_periods as source
        where has_history
    group by period_grain, period_start

),

input_23 as (

    select period_grain, cast(period_start as date) as period_start, count(*) as n
    from intermediate.int_kpi_customer_periods as source
        where has_churn_outcome
    group by period_grain, period_start

),

input_24 as (

    select period_grain, cast(period_start as date) as period_start, count(*) as n
    from intermediate.int_kpi_customer_periods as source
        where has_history and has_churn_outcome
    group by period_grain, period_start

),

input_25 as (

    select period_grain, cast(period_start as date) as period_start, count(*) as n
    from intermediate.int_kpi_cltv_predicted as source
        where cltv_predicted is not null
    group by period_grain, period_start

),

input_26 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', occurred_local) as date) as _cxw_week,
            cast(date_trunc('month', occurred_local) as date) as _cxw_month
        from intermediate.int_kpi_acquisition as source
                where kind = 'spend'
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_27 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', occurred_local) as date) as _cxw_week,
            cast(date_trunc('month', occurred_local) as date) as _cxw_month
        from intermediate.int_kpi_acquisition as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_28 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', started_local) as date) as _cxw_week,
            cast(date_trunc('month', started_local) as date) as _cxw_month
        from core.fct_web_sessions as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

input_29 as (

    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        count(*) as n
    from (
        select cast(date_trunc('week', started_local) as date) as _cxw_week,
            cast(date_trunc('month', started_local) as date) as _cxw_month
        from core.fct_web_sessions as source
                where has_add_to_cart
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

periods as (

    select distinct 'week' as period_grain, week_start as period_start from core.dim_date
    union
    select distinct 'month' as period_grain, month_start as period_start from core.dim_date
    union
    select period_grain, period_start from input_1
    union
    select period_grain, period_start from input_2
    union
    select period_grain, period_start from input_3
    union
    select period_grain, period_start from input_4
    union
    select period_grain, period_start from input_5
    union
    select period_grain, period_start from input_6
    union
    select period_grain, period_start from input_7
    union
    select period_grain, period_start from input_8
    union
    select period_grain, period_start from input_9
    union
    select period_grain, period_start from input_10
    union
    select period_grain, period_start from input_11
    union
    select period_grain, period_start from input_12
    union
    select period_grain, period_start from input_13
    union
    select period_grain, period_start from input_14
    union
    select period_grain, period_start from input_15
    union
    select period_grain, period_start from input_16
    union
    select period_grain, period_start from input_17
    union
    select period_grain, period_start from input_18
    union
    select period_grain, period_start from input_19
    union
    select period_grain, period_start from input_20
    union
    select period_grain, period_start from input_21
    union
    select period_grain, period_start from input_22
    union
    select period_grain, period_start from input_23
    union
    select period_grain, period_start from input_24
    union
    select period_grain, period_start from input_25
    union
    select period_grain, period_start from input_26
    union
    select period_grain, period_start from input_27
    union
    select period_grain, period_start from input_28
    union
    select period_grain, period_start from input_29

),

checks as (

    select 'nps' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no NPS answers in the surveys data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_1.n, 0) as n
        from periods
        left join input_1
            on input_1.period_grain = periods.period_grain
            and input_1.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'csat' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no CSAT answers in the surveys data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_2.n, 0) as n
        from periods
        left join input_2
            on input_2.period_grain = periods.period_grain
            and input_2.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'csat_mean' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no CSAT answers in the surveys data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_2.n, 0) as n
        from periods
        left join input_2
            on input_2.period_grain = periods.period_grain
            and input_2.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'ces' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no CES answers in the surveys data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_3.n, 0) as n
        from periods
        left join input_3
            on input_3.period_grain = periods.period_grain
            and input_3.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'ces_easy_pct' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no CES answers in the surveys data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_3.n, 0) as n
        from periods
        left join input_3
            on input_3.period_grain = periods.period_grain
            and input_3.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'review_rating' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no rated reviews in the reviews data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_4.n, 0) as n
        from periods
        left join input_4
            on input_4.period_grain = periods.period_grain
            and input_4.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'review_positive_pct' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no rated reviews in the reviews data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_4.n, 0) as n
        from periods
        left join input_4
            on input_4.period_grain = periods.period_grain
            and input_4.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'review_negative_pct' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no rated reviews in the reviews data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_4.n, 0) as n
        from periods
        left join input_4
            on input_4.period_grain = periods.period_grain
            and input_4.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'review_sentiment' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no review texts in the reviews data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_5.n, 0) as n
        from periods
        left join input_5
            on input_5.period_grain = periods.period_grain
            and input_5.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'review_response_rate' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no reviews in the reviews data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_6.n, 0) as n
        from periods
        left join input_6
            on input_6.period_grain = periods.period_grain
            and input_6.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'review_response_time_h' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no owner replies in the reviews data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_7.n, 0) as n
        from periods
        left join input_7
            on input_7.period_grain = periods.period_grain
            and input_7.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'service_level' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no inbound calls in the calls data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_8.n, 0) as n
        from periods
        left join input_8
            on input_8.period_grain = periods.period_grain
            and input_8.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'abandonment_rate' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no inbound calls in the calls data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_8.n, 0) as n
        from periods
        left join input_8
            on input_8.period_grain = periods.period_grain
            and input_8.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'asa_s' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no answered calls with a recorded wait in the calls data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_9.n, 0) as n
        from periods
        left join input_9
            on input_9.period_grain = periods.period_grain
            and input_9.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'aht_s' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no answered calls with talk, hold and after-call work all recorded in the calls data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_10.n, 0) as n
        from periods
        left join input_10
            on input_10.period_grain = periods.period_grain
            and input_10.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'fcr' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no answered calls or tickets in the calls and crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_11.n, 0) as n
        from periods
        left join input_11
            on input_11.period_grain = periods.period_grain
            and input_11.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'first_response_min' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no tickets with a first response in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_12.n, 0) as n
        from periods
        left join input_12
            on input_12.period_grain = periods.period_grain
            and input_12.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'resolution_h' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no resolved tickets in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_13.n, 0) as n
        from periods
        left join input_13
            on input_13.period_grain = periods.period_grain
            and input_13.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'first_response_business_min' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no tickets with a first response in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_14.n, 0) as n
        from periods
        left join input_14
            on input_14.period_grain = periods.period_grain
            and input_14.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'resolution_business_h' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no resolved tickets in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_15.n, 0) as n
        from periods
        left join input_15
            on input_15.period_grain = periods.period_grain
            and input_15.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'sla_attainment' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no tickets with an SLA target in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_16.n, 0) as n
        from periods
        left join input_16
            on input_16.period_grain = periods.period_grain
            and input_16.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'complaint_rate' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no tickets in the crm data (complaints are counted from tickets)') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_17.n, 0) as n
        from periods
        left join input_17
            on input_17.period_grain = periods.period_grain
            and input_17.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'complaint_rate' as kpi, 1 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no won orders in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_18.n, 0) as n
        from periods
        left join input_18
            on input_18.period_grain = periods.period_grain
            and input_18.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'complaint_resolution_h' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no resolved complaints in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_19.n, 0) as n
        from periods
        left join input_19
            on input_19.period_grain = periods.period_grain
            and input_19.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'aov' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no won orders with an amount in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_20.n, 0) as n
        from periods
        left join input_20
            on input_20.period_grain = periods.period_grain
            and input_20.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'repeat_purchase_rate' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no customers with a won order in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_21.n, 0) as n
        from periods
        left join input_21
            on input_21.period_grain = periods.period_grain
            and input_21.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'churn_rate' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('needs a full churn window of order history before the period: ' || setting('churn_window_days') || ' days; the data has ' || greatest(0, date_diff('day', (select min(cast(ordered_local as date)) from core.fct_orders where is_won),
    period_start))) as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_22.n, 0) as n
        from periods
        left join input_22
            on input_22.period_grain = periods.period_grain
            and input_22.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'churn_rate' as kpi, 1 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('needs the churn window after the period''s start to have passed: ' || setting('churn_window_days') || ' days; the data ends ' || (select max(cast(ordered_local as date)) from core.fct_orders where is_won)) as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_23.n, 0) as n
        from periods
        left join input_23
            on input_23.period_grain = periods.period_grain
            and input_23.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'churn_rate' as kpi, 2 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no customers active at the period''s start in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_24.n, 0) as n
        from periods
        left join input_24
            on input_24.period_grain = periods.period_grain
            and input_24.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'retention_rate' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('needs a full churn window of order history before the period: ' || setting('churn_window_days') || ' days; the data has ' || greatest(0, date_diff('day', (select min(cast(ordered_local as date)) from core.fct_orders where is_won),
    period_start))) as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_22.n, 0) as n
        from periods
        left join input_22
            on input_22.period_grain = periods.period_grain
            and input_22.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'retention_rate' as kpi, 1 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no customers active at the period''s start in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_22.n, 0) as n
        from periods
        left join input_22
            on input_22.period_grain = periods.period_grain
            and input_22.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'cltv' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no customers with a won order in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_21.n, 0) as n
        from periods
        left join input_21
            on input_21.period_grain = periods.period_grain
            and input_21.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'cltv_predicted' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('needs benchmark.gross_margin and an observed churn rate') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_25.n, 0) as n
        from periods
        left join input_25
            on input_25.period_grain = periods.period_grain
            and input_25.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'cac' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no campaign spend in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_26.n, 0) as n
        from periods
        left join input_26
            on input_26.period_grain = periods.period_grain
            and input_26.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'cac' as kpi, 1 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no new customers in the crm data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_27.n, 0) as n
        from periods
        left join input_27
            on input_27.period_grain = periods.period_grain
            and input_27.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'conversion_rate' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no web sessions in the web data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_28.n, 0) as n
        from periods
        left join input_28
            on input_28.period_grain = periods.period_grain
            and input_28.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'bounce_rate' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no web sessions in the web data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_28.n, 0) as n
        from periods
        left join input_28
            on input_28.period_grain = periods.period_grain
            and input_28.period_start = periods.period_start
    ) as period_inputs
    union all
    select 'cart_abandonment_rate' as kpi, 0 as check_order, period_grain, period_start, n,
        case when n = 0 then cast(('no web sessions with an add-to-cart in the web data') as varchar) end as missing
    from (
        select periods.period_grain, periods.period_start, coalesce(input_29.n, 0) as n
        from periods
        left join input_29
            on input_29.period_grain = periods.period_grain
            and input_29.period_start = periods.period_start
    ) as period_inputs

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
