-- stg_crm__customers: one row per CRM customer record, names trimmed, email and phone normalised.
with

source as (

    select * from raw.crm__customers

),

renamed as (

    select
        ---------- ids
        _source as source_name,
        customer_id,
        coalesce(person_id, customer_id) as source_person_id,

        ---------- strings
        trim(first_name) as first_name,
        trim(last_name) as last_name,
        nullif(lower(trim(email)), '') as email,
        nullif(regexp_replace(phone, '[^0-9+]', '', 'g'), '') as phone,
        city,
        country,
        lower(segment) as segment,
        location_id,
        lead_source,
        coalesce(is_opted_out, false) as is_opted_out,

        ---------- timestamps
        created_at,
        updated_at

    from source

)

select * from renamed
