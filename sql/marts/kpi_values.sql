-- kpi_values: one row per KPI, period (ISO week and month, in the reporting time zone) and dimension value,
-- with the numerator, denominator and sample size behind every value.
with

grains as (

    select unnest(['week', 'month']) as period_grain

),

surveys as (

    select
        grains.period_grain,
        cast(date_trunc(grains.period_grain, responses.responded_local) as date) as period_start,
        responses.location_id,
        responses.channel,
        responses.nps_score,
        responses.csat_score,
        responses.ces_score
    from core.fct_survey_responses as responses
    cross join grains

),

reviews as (

    select
        grains.period_grain,
        cast(date_trunc(grains.period_grain, reviews.posted_local) as date) as period_start,
        reviews.location_id,
        reviews.platform,
        reviews.rating,
        reviews.has_reply,
        case when reviews.review_text is not null then reviews.sentiment_score end as sentiment_score
    from core.fct_reviews as reviews
    cross join grains

),

calls as (

    select
        grains.period_grain,
        cast(date_trunc(grains.period_grain, calls.initiated_local) as date) as period_start,
        calls.*
    from core.fct_calls as calls
    cross join grains

),

tickets as (

    select
        grains.period_grain,
        cast(date_trunc(grains.period_grain, tickets.created_local) as date) as period_start,
        tickets.*
    from core.fct_tickets as tickets
    cross join grains

),

orders as (

    select
        grains.period_grain,
        cast(date_trunc(grains.period_grain, orders.ordered_local) as date) as period_start,
        orders.*
    from core.fct_orders as orders
    cross join grains
    where orders.is_won

),

sessions as (

    select
        grains.period_grain,
        cast(date_trunc(grains.period_grain, sessions.started_local) as date) as period_start,
        sessions.*
    from core.fct_web_sessions as sessions
    cross join grains

),

survey_units as (

    select period_grain, period_start, 'all' as dimension, 'all' as dimension_value, * exclude (period_grain, period_start)
    from surveys
    union all
    select period_grain, period_start, 'location', location_id, * exclude (period_grain, period_start)
    from surveys where location_id is not null

),

survey_kpis as (

    select period_grain, period_start, dimension, dimension_value,
        'nps' as kpi,
        count(*) filter (where nps_score >= 9) - count(*) filter (where nps_score <= 6) as numerator,
        count(nps_score) as denominator,
        count(nps_score) as n,
        100.0 as scale
    from survey_units group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'csat',
        count(*) filter (where csat_score >= 4), count(csat_score), count(csat_score), 100.0
    from survey_units group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'csat_mean',
        sum(csat_score), count(csat_score), count(csat_score), 1.0
    from survey_units group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'ces',
        sum(ces_score), count(ces_score), count(ces_score), 1.0
    from survey_units group by all

),

review_units as (

    select period_grain, period_start, 'all' as dimension, 'all' as dimension_value, * exclude (period_grain, period_start)
    from reviews
    union all
    select period_grain, period_start, 'location', location_id, * exclude (period_grain, period_start)
    from reviews where location_id is not null
    union all
    select period_grain, period_start, 'platform', platform, * exclude (period_grain, period_start)
    from reviews

),

review_kpis as (

    select period_grain, period_start, dimension, dimension_value, 'review_rating' as kpi,
        sum(rating) as numerator, count(rating) as denominator, count(rating) as n, 1.0 as scale
    from review_units group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'review_positive_pct',
        count(*) filter (where rating >= 4), count(rating), count(rating), 100.0
    from review_units group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'review_negative_pct',
        count(*) filter (where rating <= 2), count(rating), count(rating), 100.0
    from review_units group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'review_sentiment',
        sum(sentiment_score), count(sentiment_score), count(sentiment_score), 1.0
    from review_units group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'review_response_rate',
        count(*) filter (where has_reply), count(*), count(*), 100.0
    from review_units group by all

),

call_units as (

    select period_grain, period_start, 'all' as dimension, 'all' as dimension_value, * exclude (period_grain, period_start)
    from calls
    union all
    select period_grain, period_start, 'location', location_id, * exclude (period_grain, period_start)
    from calls where location_id is not null
    union all
    select period_grain, period_start, 'agent', agent, * exclude (period_grain, period_start)
    from calls where agent is not null

),

call_kpis as (

    select period_grain, period_start, dimension, dimension_value, 'service_level' as kpi,
        count(*) filter (where is_within_service_level) as numerator,
        count(*) filter (where not is_short_abandon) as denominator,
        count(*) filter (where not is_short_abandon) as n,
        100.0 as scale
    from call_units where dimension <> 'agent' group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'abandonment_rate',
        count(*) filter (where is_abandoned), count(*) filter (where not is_short_abandon),
        count(*) filter (where not is_short_abandon), 100.0
    from call_units where dimension <> 'agent' group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'asa_s',
        sum(queue_s) filter (where is_answered), count(*) filter (where is_answered and queue_s is not null),
        count(*) filter (where is_answered and queue_s is not null), 1.0
    from call_units group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'aht_s',
        sum(handle_s), count(handle_s), count(handle_s), 1.0
    from call_units group by all

),

ticket_units as (

    select period_grain, period_start, 'all' as dimension, 'all' as dimension_value, * exclude (period_grain, period_start)
    from tickets
    union all
    select period_grain, period_start, 'location', location_id, * exclude (period_grain, period_start)
    from tickets where location_id is not null
    union all
    select period_grain, period_start, 'channel', channel, * exclude (period_grain, period_start)
    from tickets where channel is not null

),

ticket_kpis as (

    -- Medians have no numerator and denominator: the value stands alone, n is the tickets measured.
    select period_grain, period_start, dimension, dimension_value, 'first_response_min' as kpi,
        median(first_response_min) as numerator, 1 as denominator, count(first_response_min) as n, 1.0 as scale
    from ticket_units group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'resolution_h',
        median(resolution_h), 1, count(resolution_h), 1.0
    from ticket_units group by all

),

order_units as (

    select period_grain, period_start, 'all' as dimension, 'all' as dimension_value, * exclude (period_grain, period_start)
    from orders
    union all
    select period_grain, period_start, 'location', location_id, * exclude (period_grain, period_start)
    from orders where location_id is not null
    union all
    select period_grain, period_start, 'channel', channel, * exclude (period_grain, period_start)
    from orders where channel is not null

),

order_kpis as (

    select period_grain, period_start, dimension, dimension_value, 'aov' as kpi,
        sum(amount_reporting) as numerator, count(amount_reporting) as denominator,
        count(amount_reporting) as n, 1.0 as scale
    from order_units group by all

),

complaint_kpis as (

    select
        coalesce(o.period_grain, t.period_grain) as period_grain,
        coalesce(o.period_start, t.period_start) as period_start,
        coalesce(o.dimension, t.dimension) as dimension,
        coalesce(o.dimension_value, t.dimension_value) as dimension_value,
        'complaint_rate' as kpi,
        coalesce(t.complaints, 0) as numerator,
        o.orders as denominator,
        o.orders as n,
        1000.0 as scale
    from (
        select period_grain, period_start, dimension, dimension_value, count(*) as orders
        from order_units where dimension in ('all', 'location') group by all
    ) as o
    full join (
        select period_grain, period_start, dimension, dimension_value, count(*) filter (where is_complaint) as complaints
        from ticket_units where dimension in ('all', 'location') group by all
    ) as t
        using (period_grain, period_start, dimension, dimension_value)

),

session_units as (

    select period_grain, period_start, 'all' as dimension, 'all' as dimension_value, * exclude (period_grain, period_start)
    from sessions
    union all
    select period_grain, period_start, 'channel', coalesce(traffic_medium, '(none)'), * exclude (period_grain, period_start)
    from sessions

),

web_kpis as (

    select period_grain, period_start, dimension, dimension_value, 'conversion_rate' as kpi,
        count(*) filter (where has_purchase) as numerator, count(*) as denominator, count(*) as n, 100.0 as scale
    from session_units group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'bounce_rate',
        count(*) filter (where is_bounce), count(*), count(*), 100.0
    from session_units group by all
    union all
    select period_grain, period_start, dimension, dimension_value, 'cart_abandonment_rate',
        count(*) filter (where has_add_to_cart and not has_purchase), count(*) filter (where has_add_to_cart),
        count(*) filter (where has_add_to_cart), 100.0
    from session_units group by all

),

unioned as (

    select * from survey_kpis
    union all select * from review_kpis
    union all select * from call_kpis
    union all select * from ticket_kpis
    union all select * from order_kpis
    union all select * from complaint_kpis
    union all select * from web_kpis

),

final as (

    select
        unioned.period_grain,
        unioned.period_start,
        unioned.kpi,
        unioned.dimension,
        unioned.dimension_value,
        case when unioned.denominator > 0 then unioned.scale * unioned.numerator / unioned.denominator end as value,
        cast(unioned.numerator as double) as numerator,
        cast(unioned.denominator as double) as denominator,
        cast(unioned.n as bigint) as n,
        unioned.n < registry.min_sample as is_low_sample
    from unioned
    inner join marts.kpi_registry as registry
        on registry.kpi = unioned.kpi
    where unioned.period_start is not null
        and unioned.n > 0

)

select * from final
order by period_grain, period_start, kpi, dimension, dimension_value
