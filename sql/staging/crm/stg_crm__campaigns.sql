-- stg_crm__campaigns: one row per marketing campaign with its spend.
with

source as (

    select * from raw.crm__campaigns

),

renamed as (

    select
        _source as source_name,
        campaign_id,
        name as campaign_name,
        lower(channel) as channel,
        started_on,
        ended_on,
        spend,
        upper(currency) as currency,
        location_id,
        updated_at

    from source

)

select * from renamed
