-- key_drivers: what drives satisfaction, per period (month and quarter), unit (location, and 'all') and driver.
-- A driver is a topic the survey comment mentions, or an operational fact about the surveyed touchpoint:
--   first_response_late     the ticket's first response missed its SLA (service: sla in cxwarehouse.yml);
--   resolution_slow         the ticket took longer to resolve than the median ticket;
--   wait_over_service_level the call waited longer than benchmark.service_level_seconds before an answer;
--   delivery_slow           the order was delivered later after its service date than the median order.
-- Each driver is compared within its own population (topics: responses with a comment; operational facts:
-- responses about a touchpoint where the fact is measured): effect = score of those with the driver minus score
-- of those without, for NPS (promoter 100, passive 0, detractor -100) and CSAT (top-2-box, 100 or 0), with a 95%
-- interval (normal approximation, Welch standard error), frequency = share of the population with the driver,
-- impact = effect x frequency (points of the population's score the driver accounts for), and a rank by the size
-- of the NPS impact (CSAT where there is no NPS). Fewer than two responses on either side give no interval.
with

settings as (

    select setting('service_level_seconds') as service_level_s

),

responses as (

    select
        response_id,
        responded_local,
        coalesce(location_id, 'unknown') as location,
        touchpoint_type,
        touchpoint_id,
        comment,
        comment_topics,
        case when nps_score >= 9 then 100.0 when nps_score >= 7 then 0.0 when nps_score >= 0 then -100.0 end as nps_x,
        case when csat_score >= 4 then 100.0 when csat_score >= 1 then 0.0 end as csat_x
    from core.fct_survey_responses
    where nps_score is not null or csat_score is not null

),

medians as (

    select
        (select median(resolution_h) from core.fct_tickets) as resolution_h,
        (select median(date_diff('day', service_date, cast(delivered_at as date))) from core.fct_orders
         where delivered_at is not null and service_date is not null) as delivery_days

),

eligible as (

    select responses.response_id, 'topic' as driver_kind, topics.topic as driver,
        list_contains(string_split(coalesce(responses.comment_topics, ''), ','), topics.topic) as has_driver
    from responses
    cross join config.topics as topics
    where responses.comment is not null and trim(responses.comment) <> ''
    union all
    select responses.response_id, 'operational', 'first_response_late', not tickets.is_sla_met
    from responses
    inner join core.fct_tickets as tickets
        on responses.touchpoint_type = 'ticket' and tickets.ticket_id = responses.touchpoint_id
    where tickets.is_sla_met is not null
    union all
    select responses.response_id, 'operational', 'resolution_slow', tickets.resolution_h > medians.resolution_h
    from responses
    inner join core.fct_tickets as tickets
        on responses.touchpoint_type = 'ticket' and tickets.ticket_id = responses.touchpoint_id
    cross join medians
    where tickets.resolution_h is not null
    union all
    select responses.response_id, 'operational', 'wait_over_service_level', calls.queue_s > settings.service_level_s
    from responses
    inner join core.fct_calls as calls
        on responses.touchpoint_type = 'call' and calls.call_id = responses.touchpoint_id
    cross join settings
    where calls.is_answered and calls.queue_s is not null
    union all
    select responses.response_id, 'operational', 'delivery_slow',
        date_diff('day', orders.service_date, cast(orders.delivered_at as date)) > medians.delivery_days
    from responses
    inner join core.fct_orders as orders
        on responses.touchpoint_type = 'order' and orders.order_id = responses.touchpoint_id
    cross join medians
    where orders.delivered_at is not null and orders.service_date is not null

),

grains as (

    select unnest(['month', 'quarter']) as period_grain

),

units as (

    select grains.period_grain, cast(date_trunc(grains.period_grain, responses.responded_local) as date) as period_start,
        responses.location as unit, eligible.driver_kind, eligible.driver, eligible.has_driver, responses.nps_x,
        responses.csat_x
    from eligible
    inner join responses on responses.response_id = eligible.response_id
    cross join grains
    union all
    select grains.period_grain, cast(date_trunc(grains.period_grain, responses.responded_local) as date), 'all',
        eligible.driver_kind, eligible.driver, eligible.has_driver, responses.nps_x, responses.csat_x
    from eligible
    inner join responses on responses.response_id = eligible.response_id
    cross join grains

),

sides as (

    select
        period_grain, period_start, unit, driver_kind, driver,
        count(*) filter (where has_driver) as responses_with,
        count(*) as responses,
        count(nps_x) filter (where has_driver) as nps_n_with,
        avg(nps_x) filter (where has_driver) as nps_with,
        var_samp(nps_x) filter (where has_driver) as nps_var_with,
        count(nps_x) filter (where not has_driver) as nps_n_without,
        avg(nps_x) filter (where not has_driver) as nps_without,
        var_samp(nps_x) filter (where not has_driver) as nps_var_without,
        count(csat_x) filter (where has_driver) as csat_n_with,
        avg(csat_x) filter (where has_driver) as csat_with,
        var_samp(csat_x) filter (where has_driver) as csat_var_with,
        count(csat_x) filter (where not has_driver) as csat_n_without,
        avg(csat_x) filter (where not has_driver) as csat_without,
        var_samp(csat_x) filter (where not has_driver) as csat_var_without
    from units
    group by all
    having count(*) filter (where has_driver) > 0

),

effects as (

    select
        *,
        nps_with - nps_without as nps_effect,
        case when nps_n_with >= 2 and nps_n_without >= 2
            then 1.96 * sqrt(nps_var_with / nps_n_with + nps_var_without / nps_n_without) end as nps_margin,
        csat_with - csat_without as csat_effect,
        case when csat_n_with >= 2 and csat_n_without >= 2
            then 1.96 * sqrt(csat_var_with / csat_n_with + csat_var_without / csat_n_without) end as csat_margin,
        responses_with / responses as frequency
    from sides

),

final as (

    select
        period_grain,
        period_start,
        unit,
        driver_kind,
        driver,
        responses_with,
        responses,
        frequency,
        nps_n_with,
        nps_with,
        nps_without,
        nps_effect,
        -- intervals clipped to what a difference can be: NPS within ±200 points, CSAT within ±100
        greatest(nps_effect - nps_margin, -200) as nps_effect_low,
        least(nps_effect + nps_margin, 200) as nps_effect_high,
        csat_n_with,
        csat_with,
        csat_without,
        csat_effect,
        greatest(csat_effect - csat_margin, -100) as csat_effect_low,
        least(csat_effect + csat_margin, 100) as csat_effect_high,
        nps_effect * frequency as nps_impact,
        csat_effect * frequency as csat_impact,
        -- significant: the 95% interval of the NPS effect (CSAT where there is no NPS) excludes 0
        coalesce(nps_effect - nps_margin > 0 or nps_effect + nps_margin < 0,
            csat_effect - csat_margin > 0 or csat_effect + csat_margin < 0, false) as is_significant,
        row_number() over (partition by period_grain, period_start, unit
            order by abs(coalesce(nps_effect * frequency, csat_effect * frequency)) desc nulls last, driver) as impact_rank
    from effects

)

select * from final
order by period_grain, period_start, unit, impact_rank
