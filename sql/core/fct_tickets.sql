-- fct_tickets: one row per ticket, with first response and resolution on the calendar and business clocks, and the
-- channel's first-response SLA.
-- Business time is read off each location's business calendar (intermediate.int_business_intervals): the business
-- clock at creation, response and resolution (one ASOF join for all three), and business time is the difference.
-- The SLA falls due when the channel's target has run on its clock (config.sla_targets); on the business clock that
-- is the last instant at which the business time since creation is still within the target, so a target used up at
-- closing time falls due when the location next opens. A ticket with no response yet has missed its SLA once the
-- data's as-of time (the latest creation or first response of any ticket) is past the due time; before, it is not
-- yet due (NULL).
with

tickets as (

    select * from staging.stg_crm__tickets

),

settings as (

    select setting('reporting_time_zone') as time_zone

),

intervals as (

    -- the calendar of tickets with no location has location_id NULL; ASOF joins match on equality, hence the key
    select
        coalesce(location_id, '') as calendar_key,
        opens_at,
        closes_at,
        open_seconds,
        open_seconds_before
    from intermediate.int_business_intervals

),

agents as (

    select agent_id, lower(username) as username from core.dim_agent

),

scored as (

    -- Each description's scores, kept across builds (a text is scored the first time a build sees it); the export
    -- names no language, so the scorer detects it.
    select text as description, sentiment as sentiment_score, topics
    from intermediate.int_text_scores
    where language is null

),

sla_targets as (

    select * from config.sla_targets

),

as_of as (

    select max(greatest(created_at, first_response_at)) as as_of_at from tickets

),

instants as (

    -- creation, response and resolution as one narrow list, so the calendar is searched in a single ASOF join
    select ticket_id, coalesce(trim(location_id), '') as calendar_key, 'created' as instant, created_at as ts
    from tickets
    union all
    select ticket_id, coalesce(trim(location_id), ''), 'responded', first_response_at
    from tickets
    where first_response_at is not null
    union all
    select ticket_id, coalesce(trim(location_id), ''), 'resolved', resolved_at
    from tickets
    where resolved_at is not null

),

readings as (

    select
        instants.ticket_id,
        instants.calendar_key,
        instants.instant,
        business_clock_s(instants.ts, intervals.opens_at, intervals.closes_at, intervals.open_seconds_before)
            as clock_s
    from instants
    asof left join intervals
        on intervals.calendar_key = instants.calendar_key
        and instants.ts >= intervals.opens_at

),

clocks as (

    -- the business clock (open seconds since the calendar began) at each of the ticket's instants
    select
        ticket_id,
        any_value(calendar_key) as calendar_key,
        max(clock_s) filter (where instant = 'created') as created_clock_s,
        max(clock_s) filter (where instant = 'responded') as response_clock_s,
        max(clock_s) filter (where instant = 'resolved') as resolution_clock_s
    from readings
    group by ticket_id

),

targeted as (

    select
        tickets.ticket_id,
        tickets.created_at,
        clocks.calendar_key,
        clocks.created_clock_s,
        clocks.response_clock_s,
        clocks.resolution_clock_s,
        sla_targets.first_response_minutes as sla_target_min,
        sla_targets.clock as sla_clock,
        case
            when sla_targets.clock = 'business' then clocks.created_clock_s + sla_targets.first_response_minutes * 60
        end as due_clock_s
    from tickets
    inner join clocks on clocks.ticket_id = tickets.ticket_id
    left join sla_targets on sla_targets.channel = tickets.channel

),

due as (

    -- the latest interval to open with the business clock at or before the due reading holds the due instant; a
    -- reading past the calendar's end (a location that never opens) leaves it NULL: not due within the data.
    -- Instants are added as epoch seconds: TIMESTAMPTZ + INTERVAL goes through the ICU calendar, row by row.
    select
        targeted.*,
        case
            when targeted.sla_clock = 'calendar'
                then to_timestamp(epoch(targeted.created_at) + targeted.sla_target_min * 60)
            when at_due.opens_at is not null
                and targeted.due_clock_s <= at_due.open_seconds_before + at_due.open_seconds
                then to_timestamp(epoch(at_due.opens_at) + targeted.due_clock_s - at_due.open_seconds_before)
        end as sla_due_at
    from targeted
    asof left join intervals as at_due
        on at_due.calendar_key = targeted.calendar_key
        and targeted.due_clock_s >= at_due.open_seconds_before

),

final as (

    select
        tickets.ticket_id,
        tickets.customer_id,
        tickets.created_at,
        timezone(settings.time_zone, tickets.created_at) as created_local,
        tickets.channel,
        tickets.ticket_type,
        tickets.is_complaint,
        tickets.priority,
        tickets.status,
        tickets.location_id,
        tickets.agent_id,
        -- The agent's login, the name phone systems record: one agent is one unit across calls and tickets.
        coalesce(agents.username, tickets.agent_id) as agent,
        -- elapsed time as epoch differences: date_diff on TIMESTAMPTZ goes through ICU and costs seconds at scale
        (epoch(tickets.first_response_at) - epoch(tickets.created_at)) / 60.0 as first_response_min,
        (epoch(tickets.resolved_at) - epoch(tickets.created_at)) / 3600.0 as resolution_h,
        (due.response_clock_s - due.created_clock_s) / 60.0 as first_response_business_min,
        (due.resolution_clock_s - due.created_clock_s) / 3600.0 as resolution_business_h,
        due.sla_target_min,
        due.sla_clock,
        due.sla_due_at,
        case
            when due.sla_target_min is null then null
            when tickets.first_response_at is not null
                then due.sla_due_at is null or tickets.first_response_at <= due.sla_due_at
            when as_of.as_of_at > due.sla_due_at then false
        end as is_sla_met,
        tickets.subject,
        tickets.description,
        scored.sentiment_score,
        scored.topics,
        tickets.source_name
    from tickets
    inner join due on due.ticket_id = tickets.ticket_id
    left join agents on agents.agent_id = tickets.agent_id
    left join scored on scored.description = tickets.description
    cross join settings
    cross join as_of

)

-- In a fixed order, the tickets' own: the texts' scores are joined in an order of DuckDB's choosing, and the KPIs'
-- sums over these rows then add in the same order in every build (same bytes), whatever the lake's files.
select * from final
order by ticket_id
