-- staging.stg_crm__tickets: compiled by cxw from sql/staging/crm/stg_crm__tickets.sql (materialized: view).
-- stg_crm__tickets: one row per support ticket or complaint.
with

source as (

    select * from raw.crm__tickets

),

renamed as (

    select
        _source as source_name,
        ticket_id,
        ticket_number,
        customer_id,
        nullif(lower(trim(email)), '') as email,
        created_at,
        first_response_at,
        resolved_at,
        lower(status) as status,
        lower(priority) as priority,
        lower(channel) as channel,
        lower(ticket_type) as ticket_type,
        coalesce(is_complaint, lower(ticket_type) = 'complaint') as is_complaint,
        subject,
        description,
        location_id,
        agent_id,
        updated_at

    from source

)

select * from renamed
