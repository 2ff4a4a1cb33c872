-- marts.kpi_values: compiled by cxw from sql/kpis.yml (materialized: table).
-- kpi_values: generated from sql/kpis.yml (the KPI registry); edit the declarations, not this SQL.
-- One row per KPI, period (ISO week and month, in the reporting time zone) and dimension value,
-- with the numerator, denominator and sample size behind every value.
with

kpi_nps as (

    -- nps: 100 * (promoters - detractors) / responses (sql/kpis.yml line 44)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'nps' as kpi,
        cast(count(*) filter (where nps_score >= 9) - count(*) filter (where nps_score <= 6) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(count(*) filter (where nps_score >= 9 or nps_score <= 6) as double) as squares,
        'nps' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', responded_local) as date) as _cxw_week,
            cast(date_trunc('month', responded_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            source.*
        from core.fct_survey_responses as source
        where nps_score is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_csat as (

    -- csat: 100 * responses scoring 4-5 / responses (sql/kpis.yml line 65)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'csat' as kpi,
        cast(count(*) filter (where csat_score >= 4) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', responded_local) as date) as _cxw_week,
            cast(date_trunc('month', responded_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            source.*
        from core.fct_survey_responses as source
        where csat_score is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_csat_mean as (

    -- csat_mean: sum of scores / responses (sql/kpis.yml line 85)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'csat_mean' as kpi,
        cast(sum(csat_score) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(sum(csat_score * csat_score) as double) as squares,
        'mean' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', responded_local) as date) as _cxw_week,
            cast(date_trunc('month', responded_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            source.*
        from core.fct_survey_responses as source
        where csat_score is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_ces as (

    -- ces: sum of scores / responses (sql/kpis.yml line 105)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'ces' as kpi,
        cast(sum(ces_score) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(sum(ces_score * ces_score) as double) as squares,
        'mean' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', responded_local) as date) as _cxw_week,
            cast(date_trunc('month', responded_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            source.*
        from core.fct_survey_responses as source
        where ces_score is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_ces_easy_pct as (

    -- ces_easy_pct: 100 * responses scoring 5-7 / responses (sql/kpis.yml line 125)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'ces_easy_pct' as kpi,
        cast(count(*) filter (where ces_score >= 5) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', responded_local) as date) as _cxw_week,
            cast(date_trunc('month', responded_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            source.*
        from core.fct_survey_responses as source
        where ces_score is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_review_rating as (

    -- review_rating: sum of ratings / reviews (sql/kpis.yml line 146)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'platform' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'review_rating' as kpi,
        cast(sum(rating) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(sum(rating * rating) as double) as squares,
        'mean' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', posted_local) as date) as _cxw_week,
            cast(date_trunc('month', posted_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(platform as varchar) as _cxw_d2,
            source.*
        from core.fct_reviews as source
        where rating is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_review_positive_pct as (

    -- review_positive_pct: 100 * reviews rated 4-5 / reviews (sql/kpis.yml line 166)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'platform' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'review_positive_pct' as kpi,
        cast(count(*) filter (where rating >= 4) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', posted_local) as date) as _cxw_week,
            cast(date_trunc('month', posted_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(platform as varchar) as _cxw_d2,
            source.*
        from core.fct_reviews as source
        where rating is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_review_negative_pct as (

    -- review_negative_pct: 100 * reviews rated 1-2 / reviews (sql/kpis.yml line 186)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'platform' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'review_negative_pct' as kpi,
        cast(count(*) filter (where rating <= 2) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', posted_local) as date) as _cxw_week,
            cast(date_trunc('month', posted_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(platform as varchar) as _cxw_d2,
            source.*
        from core.fct_reviews as source
        where rating is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_review_sentiment as (

    -- review_sentiment: sum of sentiment scores / reviews with text (sql/kpis.yml line 206)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'platform' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'review_sentiment' as kpi,
        cast(sum(sentiment_score) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(sum(sentiment_score * sentiment_score) as double) as squares,
        'mean' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', posted_local) as date) as _cxw_week,
            cast(date_trunc('month', posted_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(platform as varchar) as _cxw_d2,
            source.*
        from core.fct_reviews as source
        where review_text is not null and sentiment_score is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_review_response_rate as (

    -- review_response_rate: 100 * reviews with a reply / reviews (sql/kpis.yml line 226)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'platform' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'review_response_rate' as kpi,
        cast(count(*) filter (where has_reply) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', posted_local) as date) as _cxw_week,
            cast(date_trunc('month', posted_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(platform as varchar) as _cxw_d2,
            source.*
        from core.fct_reviews as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_review_response_time_h as (

    -- review_response_time_h: median(replied - posted) (sql/kpis.yml line 245)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'platform' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'review_response_time_h' as kpi,
        cast(null as double) as numerator,
        cast(null as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(median(reply_hours) as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'median' as interval_method,
        cast(quantile_cont(reply_hours, 0.75) - quantile_cont(reply_hours, 0.25) as double) as iqr
    from (
        select
            cast(date_trunc('week', posted_local) as date) as _cxw_week,
            cast(date_trunc('month', posted_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(platform as varchar) as _cxw_d2,
            source.*
        from core.fct_reviews as source
        where reply_hours is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_service_level as (

    -- service_level: 100 * answered within Y s / (offered - short abandons) (sql/kpis.yml line 266)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'queue' when grouping(_cxw_d3) = 0 then 'agent' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 when grouping(_cxw_d3) = 0 then _cxw_d3 else 'all' end as dimension_value,
        'service_level' as kpi,
        cast(count(*) filter (where is_within_service_level) as double) as numerator,
        cast(count(*) filter (where not is_short_abandon) as double) as denominator,
        cast(count(*) filter (where not is_short_abandon) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', initiated_local) as date) as _cxw_week,
            cast(date_trunc('month', initiated_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(queue as varchar) as _cxw_d2,
            cast(agent as varchar) as _cxw_d3,
            source.*
        from core.fct_calls as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_week, _cxw_d3), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2), (_cxw_month, _cxw_d3))

),

kpi_abandonment_rate as (

    -- abandonment_rate: 100 * abandoned / (offered - short abandons) (sql/kpis.yml line 285)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'queue' when grouping(_cxw_d3) = 0 then 'agent' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 when grouping(_cxw_d3) = 0 then _cxw_d3 else 'all' end as dimension_value,
        'abandonment_rate' as kpi,
        cast(count(*) filter (where is_abandoned) as double) as numerator,
        cast(count(*) filter (where not is_short_abandon) as double) as denominator,
        cast(count(*) filter (where not is_short_abandon) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', initiated_local) as date) as _cxw_week,
            cast(date_trunc('month', initiated_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(queue as varchar) as _cxw_d2,
            cast(agent as varchar) as _cxw_d3,
            source.*
        from core.fct_calls as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_week, _cxw_d3), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2), (_cxw_month, _cxw_d3))

),

kpi_asa_s as (

    -- asa_s: sum of queue seconds / answered calls (sql/kpis.yml line 304)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'queue' when grouping(_cxw_d3) = 0 then 'agent' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 when grouping(_cxw_d3) = 0 then _cxw_d3 else 'all' end as dimension_value,
        'asa_s' as kpi,
        cast(sum(queue_s) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(sum(queue_s * queue_s) as double) as squares,
        'mean' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', initiated_local) as date) as _cxw_week,
            cast(date_trunc('month', initiated_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(queue as varchar) as _cxw_d2,
            cast(agent as varchar) as _cxw_d3,
            source.*
        from core.fct_calls as source
        where is_answered and queue_s is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_week, _cxw_d3), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2), (_cxw_month, _cxw_d3))

),

kpi_aht_s as (

    -- aht_s: sum of handle seconds / answered calls (sql/kpis.yml line 324)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'queue' when grouping(_cxw_d3) = 0 then 'agent' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 when grouping(_cxw_d3) = 0 then _cxw_d3 else 'all' end as dimension_value,
        'aht_s' as kpi,
        cast(sum(handle_s) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(sum(handle_s * handle_s) as double) as squares,
        'mean' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', initiated_local) as date) as _cxw_week,
            cast(date_trunc('month', initiated_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(queue as varchar) as _cxw_d2,
            cast(agent as varchar) as _cxw_d3,
            source.*
        from core.fct_calls as source
        where handle_s is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_week, _cxw_d3), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2), (_cxw_month, _cxw_d3))

),

kpi_fcr as (

    -- fcr: 100 * contacts resolved with no repeat within the window / handled contacts (sql/kpis.yml line 344)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' when grouping(_cxw_d3) = 0 then 'agent' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 when grouping(_cxw_d3) = 0 then _cxw_d3 else 'all' end as dimension_value,
        'fcr' as kpi,
        cast(count(*) filter (where is_resolved and not has_repeat) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', occurred_local) as date) as _cxw_week,
            cast(date_trunc('month', occurred_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            cast(agent as varchar) as _cxw_d3,
            source.*
        from intermediate.int_kpi_contacts as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_week, _cxw_d3), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2), (_cxw_month, _cxw_d3))

),

kpi_first_response_min as (

    -- first_response_min: median(first response - created) (sql/kpis.yml line 367)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' when grouping(_cxw_d3) = 0 then 'agent' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 when grouping(_cxw_d3) = 0 then _cxw_d3 else 'all' end as dimension_value,
        'first_response_min' as kpi,
        cast(null as double) as numerator,
        cast(null as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(median(first_response_min) as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'median' as interval_method,
        cast(quantile_cont(first_response_min, 0.75) - quantile_cont(first_response_min, 0.25) as double) as iqr
    from (
        select
            cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            cast(agent as varchar) as _cxw_d3,
            source.*
        from core.fct_tickets as source
        where first_response_min is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_week, _cxw_d3), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2), (_cxw_month, _cxw_d3))

),

kpi_resolution_h as (

    -- resolution_h: median(resolved - created) (sql/kpis.yml line 387)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' when grouping(_cxw_d3) = 0 then 'agent' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 when grouping(_cxw_d3) = 0 then _cxw_d3 else 'all' end as dimension_value,
        'resolution_h' as kpi,
        cast(null as double) as numerator,
        cast(null as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(median(resolution_h) as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'median' as interval_method,
        cast(quantile_cont(resolution_h, 0.75) - quantile_cont(resolution_h, 0.25) as double) as iqr
    from (
        select
            cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            cast(agent as varchar) as _cxw_d3,
            source.*
        from core.fct_tickets as source
        where resolution_h is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_week, _cxw_d3), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2), (_cxw_month, _cxw_d3))

),

kpi_first_response_business_min as (

    -- first_response_business_min: median(business minutes between created and first response) (sql/kpis.yml line 407)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' when grouping(_cxw_d3) = 0 then 'agent' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 when grouping(_cxw_d3) = 0 then _cxw_d3 else 'all' end as dimension_value,
        'first_response_business_min' as kpi,
        cast(null as double) as numerator,
        cast(null as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(median(first_response_business_min) as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'median' as interval_method,
        cast(quantile_cont(first_response_business_min, 0.75) - quantile_cont(first_response_business_min, 0.25) as double) as iqr
    from (
        select
            cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            cast(agent as varchar) as _cxw_d3,
            source.*
        from core.fct_tickets as source
        where first_response_business_min is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_week, _cxw_d3), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2), (_cxw_month, _cxw_d3))

),

kpi_resolution_business_h as (

    -- resolution_business_h: median(business hours between created and resolved) (sql/kpis.yml line 430)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' when grouping(_cxw_d3) = 0 then 'agent' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 when grouping(_cxw_d3) = 0 then _cxw_d3 else 'all' end as dimension_value,
        'resolution_business_h' as kpi,
        cast(null as double) as numerator,
        cast(null as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(median(resolution_business_h) as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'median' as interval_method,
        cast(quantile_cont(resolution_business_h, 0.75) - quantile_cont(resolution_business_h, 0.25) as double) as iqr
    from (
        select
            cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            cast(agent as varchar) as _cxw_d3,
            source.*
        from core.fct_tickets as source
        where resolution_business_h is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_week, _cxw_d3), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2), (_cxw_month, _cxw_d3))

),

kpi_sla_attainment as (

    -- sla_attainment: 100 * tickets answered within the channel's SLA / tickets due (sql/kpis.yml line 450)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' when grouping(_cxw_d3) = 0 then 'agent' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 when grouping(_cxw_d3) = 0 then _cxw_d3 else 'all' end as dimension_value,
        'sla_attainment' as kpi,
        cast(count(*) filter (where is_sla_met) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            cast(agent as varchar) as _cxw_d3,
            source.*
        from core.fct_tickets as source
        where is_sla_met is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_week, _cxw_d3), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2), (_cxw_month, _cxw_d3))

),

kpi_complaint_rate as (

    -- complaint_rate: 1000 * complaints / orders (sql/kpis.yml line 472)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 else 'all' end as dimension_value,
        'complaint_rate' as kpi,
        cast(count(*) filter (where kind = 'complaint') as double) as numerator,
        cast(count(*) filter (where kind = 'order') as double) as denominator,
        cast(count(*) filter (where kind = 'order') as bigint) as n,
        cast(null as double) as direct_value,
        cast(1000 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'poisson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', occurred_local) as date) as _cxw_week,
            cast(date_trunc('month', occurred_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            source.*
        from intermediate.int_kpi_complaints as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_month), (_cxw_month, _cxw_d1))

),

kpi_complaint_resolution_h as (

    -- complaint_resolution_h: median(resolved - created) over complaints (sql/kpis.yml line 496)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'complaint_resolution_h' as kpi,
        cast(null as double) as numerator,
        cast(null as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(median(resolution_h) as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'median' as interval_method,
        cast(quantile_cont(resolution_h, 0.75) - quantile_cont(resolution_h, 0.25) as double) as iqr
    from (
        select
            cast(date_trunc('week', created_local) as date) as _cxw_week,
            cast(date_trunc('month', created_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            source.*
        from core.fct_tickets as source
        where is_complaint and resolution_h is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_aov as (

    -- aov: revenue / orders (sql/kpis.yml line 517)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'channel' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'aov' as kpi,
        cast(sum(amount_reporting) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(sum(amount_reporting * amount_reporting) as double) as squares,
        'mean' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', ordered_local) as date) as _cxw_week,
            cast(date_trunc('month', ordered_local) as date) as _cxw_month,
            cast(location_id as varchar) as _cxw_d1,
            cast(channel as varchar) as _cxw_d2,
            source.*
        from core.fct_orders as source
        where is_won and amount_reporting is not null
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_repeat_purchase_rate as (

    -- repeat_purchase_rate: 100 * customers with 2+ orders / customers with 1+ order (sql/kpis.yml line 536)
    select
        period_grain as period_grain,
        period_start as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'segment' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'repeat_purchase_rate' as kpi,
        cast(sum(repeat_customers) as double) as numerator,
        cast(sum(customers_to_end) as double) as denominator,
        cast(sum(customers_to_end) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(location_id as varchar) as _cxw_d1,
            cast(segment as varchar) as _cxw_d2,
            source.*
        from intermediate.int_kpi_customer_periods as source
    ) as units
    group by grouping sets ((period_grain, period_start), (period_grain, period_start, _cxw_d1), (period_grain, period_start, _cxw_d2))

),

kpi_churn_rate as (

    -- churn_rate: 100 * active at start without an order in the following window / active at start (sql/kpis.yml line 554)
    select
        period_grain as period_grain,
        period_start as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'segment' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'churn_rate' as kpi,
        cast(sum(churned) as double) as numerator,
        cast(sum(active_at_start) as double) as denominator,
        cast(sum(active_at_start) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        case when not coalesce(sum(repeat_customers) * 2 >= sum(customers_to_end), false) then 'no status: most customers bought once (repeat purchase rate under 50%), so this measures recency, not loyalty' end as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(location_id as varchar) as _cxw_d1,
            cast(segment as varchar) as _cxw_d2,
            source.*
        from intermediate.int_kpi_customer_periods as source
        where has_history and has_churn_outcome
    ) as units
    group by grouping sets ((period_grain, period_start), (period_grain, period_start, _cxw_d1), (period_grain, period_start, _cxw_d2))

),

kpi_retention_rate as (

    -- retention_rate: 100 * (E - N) / S (sql/kpis.yml line 592)
    select
        period_grain as period_grain,
        period_start as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'segment' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'retention_rate' as kpi,
        cast(sum(active_at_end) - sum(new_customers) as double) as numerator,
        cast(sum(active_at_start) as double) as denominator,
        cast(sum(active_at_start) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        case when not coalesce(sum(repeat_customers) * 2 >= sum(customers_to_end), false) then 'no status: most customers bought once (repeat purchase rate under 50%), so this measures recency, not loyalty' end as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(location_id as varchar) as _cxw_d1,
            cast(segment as varchar) as _cxw_d2,
            source.*
        from intermediate.int_kpi_customer_periods as source
        where has_history
    ) as units
    group by grouping sets ((period_grain, period_start), (period_grain, period_start, _cxw_d1), (period_grain, period_start, _cxw_d2))

),

kpi_cltv as (

    -- cltv: revenue to date / customers with 1+ order (sql/kpis.yml line 625)
    select
        period_grain as period_grain,
        period_start as period_start,
        case when grouping(_cxw_d1) = 0 then 'location' when grouping(_cxw_d2) = 0 then 'segment' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'cltv' as kpi,
        cast(sum(revenue_to_end) as double) as numerator,
        cast(sum(customers_to_end) as double) as denominator,
        cast(sum(customers_to_end) as bigint) as n,
        cast(null as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'none' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(location_id as varchar) as _cxw_d1,
            cast(segment as varchar) as _cxw_d2,
            source.*
        from intermediate.int_kpi_customer_periods as source
    ) as units
    group by grouping sets ((period_grain, period_start), (period_grain, period_start, _cxw_d1), (period_grain, period_start, _cxw_d2))

),

kpi_cltv_predicted as (

    -- cltv_predicted: AOV x orders per year x gross margin / annual churn rate (sql/kpis.yml line 640)
    select
        period_grain as period_grain,
        period_start as period_start,
        'all' as dimension,
        'all' as dimension_value,
        'cltv_predicted' as kpi,
        cast(null as double) as numerator,
        cast(null as double) as denominator,
        cast(any_value(customers) as bigint) as n,
        cast(any_value(cltv_predicted) as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'none' as interval_method,
        cast(null as double) as iqr
    from (
        select
            source.*
        from intermediate.int_kpi_cltv_predicted as source
        where cltv_predicted is not null
    ) as units
    group by grouping sets ((period_grain, period_start))

),

kpi_cac as (

    -- cac: spend / new customers (sql/kpis.yml line 658)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        'all' as dimension,
        'all' as dimension_value,
        'cac' as kpi,
        cast(sum(amount) filter (where kind = 'spend') as double) as numerator,
        cast(count(*) filter (where kind = 'new_customer') as double) as denominator,
        cast(count(*) filter (where kind = 'new_customer') as bigint) as n,
        cast(null as double) as direct_value,
        cast(1 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'none' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', occurred_local) as date) as _cxw_week,
            cast(date_trunc('month', occurred_local) as date) as _cxw_month,
            source.*
        from intermediate.int_kpi_acquisition as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_month))

),

kpi_conversion_rate as (

    -- conversion_rate: 100 * sessions with a purchase / sessions (sql/kpis.yml line 677)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'channel' when grouping(_cxw_d2) = 0 then 'device' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'conversion_rate' as kpi,
        cast(count(*) filter (where has_purchase) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', started_local) as date) as _cxw_week,
            cast(date_trunc('month', started_local) as date) as _cxw_month,
            cast(coalesce(traffic_medium, '(none)') as varchar) as _cxw_d1,
            cast(device_category as varchar) as _cxw_d2,
            source.*
        from core.fct_web_sessions as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_bounce_rate as (

    -- bounce_rate: 100 * bounced sessions / sessions (sql/kpis.yml line 696)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'channel' when grouping(_cxw_d2) = 0 then 'device' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'bounce_rate' as kpi,
        cast(count(*) filter (where is_bounce) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', started_local) as date) as _cxw_week,
            cast(date_trunc('month', started_local) as date) as _cxw_month,
            cast(coalesce(traffic_medium, '(none)') as varchar) as _cxw_d1,
            cast(device_category as varchar) as _cxw_d2,
            source.*
        from core.fct_web_sessions as source
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

kpi_cart_abandonment_rate as (

    -- cart_abandonment_rate: 100 * carts without purchase / sessions with add_to_cart (sql/kpis.yml line 715)
    select
        case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
        coalesce(_cxw_week, _cxw_month) as period_start,
        case when grouping(_cxw_d1) = 0 then 'channel' when grouping(_cxw_d2) = 0 then 'device' else 'all' end as dimension,
        case when grouping(_cxw_d1) = 0 then _cxw_d1 when grouping(_cxw_d2) = 0 then _cxw_d2 else 'all' end as dimension_value,
        'cart_abandonment_rate' as kpi,
        cast(count(*) filter (where not has_purchase) as double) as numerator,
        cast(count(*) as double) as denominator,
        cast(count(*) as bigint) as n,
        cast(null as double) as direct_value,
        cast(100 as double) as scale,
        cast(null as varchar) as no_status_reason,
        cast(null as double) as squares,
        'wilson' as interval_method,
        cast(null as double) as iqr
    from (
        select
            cast(date_trunc('week', started_local) as date) as _cxw_week,
            cast(date_trunc('month', started_local) as date) as _cxw_month,
            cast(coalesce(traffic_medium, '(none)') as varchar) as _cxw_d1,
            cast(device_category as varchar) as _cxw_d2,
            source.*
        from core.fct_web_sessions as source
        where has_add_to_cart
    ) as units
    group by grouping sets ((_cxw_week), (_cxw_week, _cxw_d1), (_cxw_week, _cxw_d2), (_cxw_month), (_cxw_month, _cxw_d1), (_cxw_month, _cxw_d2))

),

unioned as (

    select * from kpi_nps
    union all select * from kpi_csat
    union all select * from kpi_csat_mean
    union all select * from kpi_ces
    union all select * from kpi_ces_easy_pct
    union all select * from kpi_review_rating
    union all select * from kpi_review_positive_pct
    union all select * from kpi_review_negative_pct
    union all select * from kpi_review_sentiment
    union all select * from kpi_review_response_rate
    union all select * from kpi_review_response_time_h
    union all select * from kpi_service_level
    union all select * from kpi_abandonment_rate
    union all select * from kpi_asa_s
    union all select * from kpi_aht_s
    union all select * from kpi_fcr
    union all select * from kpi_first_response_min
    union all select * from kpi_resolution_h
    union all select * from kpi_first_response_business_min
    union all select * from kpi_resolution_business_h
    union all select * from kpi_sla_attainment
    union all select * from kpi_complaint_rate
    union all select * from kpi_complaint_resolution_h
    union all select * from kpi_aov
    union all select * from kpi_repeat_purchase_rate
    union all select * from kpi_churn_rate
    union all select * from kpi_retention_rate
    union all select * from kpi_cltv
    union all select * from kpi_cltv_predicted
    union all select * from kpi_cac
    union all select * from kpi_conversion_rate
    union all select * from kpi_bounce_rate
    union all select * from kpi_cart_abandonment_rate

),

valued as (

    select
        unioned.period_grain,
        unioned.period_start,
        unioned.kpi,
        unioned.dimension,
        unioned.dimension_value,
        case
            when unioned.direct_value is not null then unioned.direct_value
            when unioned.denominator <> 0 then unioned.scale * unioned.numerator / unioned.denominator
        end as value,
        unioned.numerator,
        unioned.denominator,
        unioned.n,
        unioned.n < registry.min_sample as is_low_sample,
        unioned.no_status_reason,
        unioned.interval_method,
        unioned.squares,
        unioned.iqr,
        unioned.scale
    from unioned
    inner join marts.kpi_registry as registry
        on registry.kpi = unioned.kpi
    -- Available only where every input the KPI needs has rows in the period (marts.kpi_availability):
    -- a complaint rate without tickets is unavailable, never 0.
    left join marts.kpi_availability as availability
        on availability.kpi = unioned.kpi
        and availability.period_grain = unioned.period_grain
        and availability.period_start = unioned.period_start
    where unioned.period_start is not null
        and unioned.dimension_value is not null
        and unioned.n > 0
        -- A ratio whose numerator has nothing to add up (no spend recorded, say) is unavailable, not zero.
        and (unioned.direct_value is not null or unioned.numerator is not null)
        and availability.is_available is not false

),

-- The 95% interval of each value (sql/kpis.yml interval): z = 1.959964 is the normal quantile; t the
-- Student quantile with n - 1 degrees of freedom (the table to 30, the Cornish-Fisher expansion above);
-- a median's standard error is sqrt(pi / 2) sigma / sqrt(n), sigma = IQR / 1.349.
moments as (

    select
        valued.*,
        valued.numerator / nullif(valued.denominator, 0) as share,
        case when valued.denominator >= 2 then
            case when valued.denominator <= 31
                then [12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
                    2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905,
                    2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
                    2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272][cast(valued.denominator - 1 as integer)]
                else 1.959963984540054
                    + 2.372271230 / (valued.denominator - 1)
                    + 2.822498616 / pow(valued.denominator - 1, 2)
                    + 2.555849680 / pow(valued.denominator - 1, 3)
                    + 1.589534053 / pow(valued.denominator - 1, 4)
            end
        end as t_quantile
    from valued

),

intervals as (

    select
        moments.*,
        case
            when interval_method = 'wilson' and share between 0 and 1 then
                (share + 3.841458820694124 / (2 * denominator)
                    - 1.959963984540054 * sqrt(share * (1 - share) / denominator
                        + 3.841458820694124 / (4 * denominator * denominator)))
                / (1 + 3.841458820694124 / denominator) * scale
            when interval_method = 'mean' and denominator >= 2 then
                value - t_quantile * abs(scale)
                    * sqrt(greatest(0, (squares - denominator * share * share) / (denominator - 1)) / denominator)
            when interval_method = 'nps' then
                value - 1.959963984540054 * abs(scale)
                    * sqrt(greatest(0, squares / denominator - share * share) / denominator)
            when interval_method = 'poisson' and numerator >= 0 then
                value - 1.959963984540054 * abs(scale) * sqrt(numerator) / denominator
            when interval_method = 'median' and n >= 2 then
                value - 1.959963984540054 * 1.2533141373155 * iqr / 1.3489795003921634 / sqrt(n)
        end as ci_low,
        case
            when interval_method = 'wilson' and share between 0 and 1 then
                (share + 3.841458820694124 / (2 * denominator)
                    + 1.959963984540054 * sqrt(share * (1 - share) / denominator
                        + 3.841458820694124 / (4 * denominator * denominator)))
                / (1 + 3.841458820694124 / denominator) * scale
            when interval_method = 'mean' and denominator >= 2 then
                value + t_quantile * abs(scale)
                    * sqrt(greatest(0, (squares - denominator * share * share) / (denominator - 1)) / denominator)
            when interval_method = 'nps' then
                value + 1.959963984540054 * abs(scale)
                    * sqrt(greatest(0, squares / denominator - share * share) / denominator)
            when interval_method = 'poisson' and numerator >= 0 then
                value + 1.959963984540054 * abs(scale) * sqrt(numerator) / denominator
            when interval_method = 'median' and n >= 2 then
                value + 1.959963984540054 * 1.2533141373155 * iqr / 1.3489795003921634 / sqrt(n)
        end as ci_high
    from moments

),

final as (

    select
        period_grain,
        period_start,
        kpi,
        dimension,
        dimension_value,
        value,
        numerator,
        denominator,
        n,
        is_low_sample,
        no_status_reason,
        interval_method,
        ci_low,
        ci_high,
        -- The half-width shown as "± margin" (a Wilson interval is not centred on the value).
        (ci_high - ci_low) / 2 as margin
    from intervals

)

select * from final
order by period_grain, period_start, kpi, dimension, dimension_value
