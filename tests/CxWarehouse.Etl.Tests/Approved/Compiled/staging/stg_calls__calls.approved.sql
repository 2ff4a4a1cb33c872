-- staging.stg_calls__calls: compiled by cxw from sql/staging/calls/stg_calls__calls.sql (materialized: view).
-- stg_calls__calls: one row per call, with durations in seconds and the caller's number normalised.
with

source as (

    select * from raw.calls__calls

),

locations as (

    select location_id, cast(dialing_code as varchar) as dialing_code from seeds.locations

),

renamed as (

    select
        source._source as source_name,
        source.call_id,
        source.initiated_at,
        lower(coalesce(source.channel, 'voice')) as channel,
        lower(coalesce(source.direction, 'inbound')) as direction,
        e164(customer_phone, locations.dialing_code) as customer_phone,
        source.location_id,
        source.queue,
        lower(source.agent) as agent,
        source.answered_at,
        source.ended_at,
        coalesce(source.queue_s, date_diff('second', source.initiated_at, source.answered_at)) as queue_s,
        source.talk_s,
        -- A measure the source does not record is unknown, not zero (Asterisk has no hold or after-call work).
        source.hold_s,
        source.acw_s,
        source.is_answered,
        source.is_resolved,
        lower(source.topic) as topic,
        source.satisfaction,
        source.disconnect_reason,
        source.updated_at

    from source
    left join locations
        on locations.location_id = source.location_id

)

select * from renamed
