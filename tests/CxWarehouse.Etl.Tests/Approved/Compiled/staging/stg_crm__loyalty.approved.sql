-- staging.stg_crm__loyalty: compiled by cxw from sql/staging/crm/stg_crm__loyalty.sql (materialized: view).
-- stg_crm__loyalty: one row per loyalty membership.
with

source as (

    select * from raw.crm__loyalty

),

renamed as (

    select
        _source as source_name,
        member_id,
        customer_id,
        enrolled_on,
        tier,
        lower(status) as status,
        points,
        lower(channel) as enrolment_channel,
        updated_at

    from source

)

select * from renamed
