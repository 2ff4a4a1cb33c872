-- int_business_intervals: one row per open interval of each location's business calendar, as UTC instants.
-- materialized: table
-- Intervals are cut from local wall times (config.business_hours, less config.holidays) in the location's time zone
-- (sql/seeds/locations.csv; the reporting time zone for tickets with no location, location_id NULL here, or one the
-- seed does not know), so a day whose clocks change is as long as it really is: 09:00-18:00 on the day clocks go
-- forward is still nine hours, 00:00-24:00 is 23. open_seconds_before is the calendar's open time before the
-- interval, which turns business time between two instants into a difference of two ASOF look-ups (see
-- core.fct_tickets) instead of a per-minute expansion. Days run from two days before the first ticket to well past
-- the last ticket event, so that the longest business-clock SLA target falls due inside the calendar.
with

settings as (

    select setting('reporting_time_zone') as time_zone

),

tickets as (

    select location_id, created_at, first_response_at, resolved_at from staging.stg_crm__tickets

),

seeded_locations as (

    select location_id, time_zone from seeds.locations

),

business_hours as (

    select * from config.business_hours

),

holidays as (

    select * from config.holidays

),

sla_targets as (

    select * from config.sla_targets

),

location_codes as (

    select location_id from seeded_locations
    union
    select nullif(trim(location_id), '') from tickets
    union
    select null

),

calendars as (

    select
        location_codes.location_id,
        coalesce(seeded_locations.time_zone, settings.time_zone) as time_zone
    from location_codes
    left join seeded_locations on seeded_locations.location_id = location_codes.location_id
    cross join settings

),

calendar_hours as (

    -- a location's own rows replace the default week on the weekdays they name (NULL times: closed that day)
    select
        calendars.location_id,
        calendars.time_zone,
        business_hours.iso_weekday,
        business_hours.opens,
        business_hours.closes
    from calendars
    inner join business_hours on business_hours.location_id = calendars.location_id

    union all

    select
        calendars.location_id,
        calendars.time_zone,
        business_hours.iso_weekday,
        business_hours.opens,
        business_hours.closes
    from calendars
    cross join business_hours
    where business_hours.location_id is null
        and not exists (
            select 1 from business_hours as own
            where own.location_id = calendars.location_id and own.iso_weekday = business_hours.iso_weekday
        )

),

span as (

    select
        cast(min(created_at) as date) - 2 as first_date,
        cast(greatest(max(created_at), max(first_response_at), max(resolved_at)) as date) as last_date
    from tickets

),

horizon as (

    -- days past the last ticket event: a month, plus room for the longest business-clock target to run out at
    -- as little as one open hour a week
    select
        31 + cast(ceil(7 * coalesce(max(first_response_minutes) filter (where clock = 'business'), 0) / 60) as integer)
            as extra_days
    from sla_targets

),

days as (

    select cast(unnest(generate_series(span.first_date, span.last_date + horizon.extra_days, interval 1 day)) as date)
        as local_date
    from span
    cross join horizon
    where span.first_date is not null

),

local_intervals as (

    select
        calendar_hours.location_id,
        calendar_hours.time_zone,
        days.local_date,
        days.local_date + calendar_hours.opens as opens_local,
        -- closes 00:00 is the midnight that ends the day (24:00 in the configuration)
        days.local_date + calendar_hours.closes
            + case when calendar_hours.closes = time '00:00' then interval 1 day else interval 0 day end as closes_local
    from calendar_hours
    inner join days on isodow(days.local_date) = calendar_hours.iso_weekday
    where calendar_hours.opens is not null
        and not exists (
            select 1 from holidays
            where holidays.holiday_date = days.local_date
                and (holidays.location_id is null or holidays.location_id = calendar_hours.location_id)
        )

),

utc_intervals as (

    -- timezone(zone, local wall time) is the instant that wall time names there, DST included; a time in the
    -- spring-forward gap moves on to the first valid one, so an interval inside the gap is empty and dropped
    select
        location_id,
        local_date,
        timezone(time_zone, opens_local) as opens_at,
        timezone(time_zone, closes_local) as closes_at
    from local_intervals

),

final as (

    select
        location_id,
        local_date,
        opens_at,
        closes_at,
        epoch(closes_at) - epoch(opens_at) as open_seconds,
        coalesce(sum(epoch(closes_at) - epoch(opens_at)) over (
            partition by location_id order by opens_at rows between unbounded preceding and 1 preceding
        ), 0) as open_seconds_before
    from utc_intervals
    where closes_at > opens_at

)

select * from final
