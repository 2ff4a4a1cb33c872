-- journey_funnel: per period grain (ISO week, month) of the journey's start, segment and first-touch channel
-- (each also 'all'), and journey stage: how many customers reached the stage, how many went on to the next,
-- the conversion and drop-off, and the median days it took.
--
-- A customer's journey starts at their first touchpoint (in the reporting time zone). Reaching a stage implies
-- the earlier ones (the usual funnel convention): a customer reaches stage k at their first touchpoint of stage
-- k or later, so awareness is reached at the first touchpoint of any kind (a journey starting with a phone
-- booking is aware and considering when it books) and counts never rise from one stage to the next. The segment
-- is the customer's RFM segment today (customer_360), 'Churned' for buyers without one and 'Prospects' for
-- customers without a won order. Every stage appears for each group, with 0 customers where none reached it;
-- loyalty has no next stage, so its reached_next, conversion and drop-off are NULL.
with

touchpoints as (

    select * from core.fct_touchpoints

),

profiles as (

    select customer_key, rfm_segment, is_churned, lifetime_orders from marts.customer_360

),

settings as (

    select setting('reporting_time_zone') as time_zone

),

stage_orders as (

    select
        touchpoints.*,
        case journey_stage when 'awareness' then 1 when 'consideration' then 2 when 'purchase' then 3
            when 'service' then 4 when 'loyalty' then 5 end as stage_order
    from touchpoints

),

journeys as (

    select
        customer_key,
        min(occurred_at) as started_at,
        first(channel order by occurred_at, touchpoint_type, touchpoint_id) as first_channel,
        min(occurred_at) as reached_1,
        min(occurred_at) filter (where stage_order >= 2) as reached_2,
        min(occurred_at) filter (where stage_order >= 3) as reached_3,
        min(occurred_at) filter (where stage_order >= 4) as reached_4,
        min(occurred_at) filter (where stage_order >= 5) as reached_5
    from stage_orders
    group by 1

),

customer_stages as (

    select
        journeys.customer_key,
        journeys.started_local,
        journeys.week_start,
        journeys.month_start,
        coalesce(journeys.first_channel, 'unknown') as first_channel,
        case
            when profiles.rfm_segment is not null then profiles.rfm_segment
            when coalesce(profiles.lifetime_orders, 0) > 0 then 'Churned'
            else 'Prospects'
        end as segment,
        stages.stage,
        stages.stage_order,
        stages.reached_at,
        stages.next_reached_at
    from (
        -- The local start and its periods once per customer, not once per stage and group (5 to 40 times).
        select journeys.*,
            cast(date_trunc('week', journeys.started_local) as date) as week_start,
            cast(date_trunc('month', journeys.started_local) as date) as month_start
        from (
            select journeys.*, timezone(settings.time_zone, journeys.started_at) as started_local
            from journeys
            cross join settings
        ) as journeys
    ) as journeys
    left join profiles on profiles.customer_key = journeys.customer_key
    cross join lateral (
        select * from (values
            ('awareness', 1, journeys.reached_1, journeys.reached_2),
            ('consideration', 2, journeys.reached_2, journeys.reached_3),
            ('purchase', 3, journeys.reached_3, journeys.reached_4),
            ('service', 4, journeys.reached_4, journeys.reached_5),
            ('loyalty', 5, journeys.reached_5, cast(null as timestamptz))
        ) as stages(stage, stage_order, reached_at, next_reached_at)
    ) as stages

),

grains as (

    select unnest(['week', 'month']) as period_grain

),

units as (

    select
        grains.period_grain,
        case grains.period_grain when 'week' then customer_stages.week_start else customer_stages.month_start end
            as period_start,
        customer_stages.*
    from customer_stages
    cross join grains

),

final as (

    -- Each segment and channel, and each also as 'all': one grouping set per combination, over the customers'
    -- stages once (not a copy of every row per combination).
    select
        period_grain,
        period_start,
        case when grouping(segment) = 1 then 'all' else segment end as segment,
        case when grouping(first_channel) = 1 then 'all' else first_channel end as channel,
        stage,
        stage_order,
        count(reached_at) as customers,
        case when stage_order < 5 then count(next_reached_at) end as reached_next,
        case when stage_order < 5 and count(reached_at) > 0
            then 100 * cast(count(next_reached_at) as double) / count(reached_at) end as conversion_pct,
        case when stage_order < 5 and count(reached_at) > 0
            then 100 - 100 * cast(count(next_reached_at) as double) / count(reached_at) end as drop_off_pct,
        median(epoch(next_reached_at) - epoch(reached_at)) / 86400 as median_days_to_next
    from units
    group by grouping sets (
        (period_grain, period_start, stage, stage_order, segment, first_channel),
        (period_grain, period_start, stage, stage_order, segment),
        (period_grain, period_start, stage, stage_order, first_channel),
        (period_grain, period_start, stage, stage_order)
    )

)

select * from final
order by period_grain, period_start, segment, channel, stage_order
