-- staging.stg_surveys__responses: compiled by cxw from sql/staging/surveys/stg_surveys__responses.sql (materialized: view).
-- stg_surveys__responses: one row per real survey response (previews, tests and spam excluded).
with

source as (

    select * from raw.surveys__responses

),

renamed as (

    select
        _source as source_name,
        response_id,
        responded_at,
        customer_id,
        nullif(lower(trim(email)), '') as email,
        trim(first_name) as first_name,
        trim(last_name) as last_name,
        lower(touchpoint_type) as touchpoint_type,
        touchpoint_id,
        location_id,
        lower(channel) as channel,
        lower(language) as language,
        coalesce(is_finished, true) as is_finished,
        nps_score,
        csat_score,
        ces_score,
        nullif(trim(comment), '') as comment

    from source
    where coalesce(lower(status), '') not in ('survey preview', 'survey test', 'spam', '1', '2', '8')

)

select * from renamed
