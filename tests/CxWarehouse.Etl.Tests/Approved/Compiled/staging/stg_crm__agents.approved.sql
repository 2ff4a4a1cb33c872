-- staging.stg_crm__agents: compiled by cxw from sql/staging/crm/stg_crm__agents.sql (materialized: view).
-- stg_crm__agents: one row per agent or CRM user.
with

source as (

    select * from raw.crm__agents

),

renamed as (

    select
        _source as source_name,
        agent_id,
        lower(username) as username,
        name as agent_name,
        location_id

    from source

)

select * from renamed
