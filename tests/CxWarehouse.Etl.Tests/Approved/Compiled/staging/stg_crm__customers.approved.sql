-- staging.stg_crm__customers: compiled by cxw from sql/staging/crm/stg_crm__customers.sql (materialized: view).
-- stg_crm__customers: one row per CRM customer record: names trimmed, email lower-cased, phone in E.164.
with

source as (

    select * from raw.crm__customers

),

locations as (

    select location_id, cast(dialing_code as varchar) as dialing_code from seeds.locations

),

renamed as (

    select
        ---------- ids
        source._source as source_name,
        source.customer_id,
        coalesce(source.person_id, source.customer_id) as source_person_id,

        ---------- strings
        trim(source.first_name) as first_name,
        trim(source.last_name) as last_name,
        nullif(lower(trim(source.email)), '') as email,
        e164(source.phone, locations.dialing_code) as phone,
        source.city,
        source.country,
        lower(source.segment) as segment,
        source.location_id,
        source.lead_source,
        coalesce(source.is_opted_out, false) as is_opted_out,

        ---------- timestamps
        source.created_at,
        source.updated_at

    from source
    left join locations
        on locations.location_id = source.location_id

)

select * from renamed
