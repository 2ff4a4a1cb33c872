-- stg_calls__calls: one row per call, with durations in seconds and the caller's number normalised.
with

source as (

    select * from raw.calls__calls

),

renamed as (

    select
        _source as source_name,
        call_id,
        initiated_at,
        lower(coalesce(channel, 'voice')) as channel,
        lower(coalesce(direction, 'inbound')) as direction,
        nullif(regexp_replace(customer_phone, '[^0-9+]', '', 'g'), '') as customer_phone,
        location_id,
        queue,
        lower(agent) as agent,
        answered_at,
        ended_at,
        coalesce(queue_s, date_diff('second', initiated_at, answered_at)) as queue_s,
        talk_s,
        coalesce(hold_s, 0) as hold_s,
        coalesce(acw_s, 0) as acw_s,
        is_answered,
        is_resolved,
        lower(topic) as topic,
        satisfaction,
        disconnect_reason,
        updated_at

    from source

)

select * from renamed
