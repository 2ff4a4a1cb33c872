-- staging.stg_web__events: compiled by cxw from sql/staging/web/stg_web__events.sql (materialized: view).
-- stg_web__events: one row per web analytics event.
with

source as (

    select * from raw.web__events

),

renamed as (

    select
        _source as source_name,
        event_key,
        event_at,
        lower(event_name) as event_name,
        user_pseudo_id,
        user_id,
        session_id,
        page_location,
        page_title,
        page_referrer,
        engagement_ms,
        lower(traffic_source) as traffic_source,
        lower(traffic_medium) as traffic_medium,
        campaign,
        lower(device_category) as device_category,
        country,
        city,
        transaction_id,
        revenue,
        upper(currency) as currency,
        item_id,
        lower(item_category) as item_category

    from source

)

select * from renamed
