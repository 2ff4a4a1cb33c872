-- core.dim_agent: compiled by cxw from sql/core/dim_agent.sql (materialized: table).
-- dim_agent: one row per agent: the CRM's users, and any agent name the phone systems record that the CRM lacks.
with

crm as (

    select agent_id, username, agent_name, location_id from staging.stg_crm__agents

),

phone_only as (

    select
        calls.agent as agent_id,
        calls.agent as username,
        calls.agent as agent_name,
        min(calls.location_id) as location_id
    from staging.stg_calls__calls as calls
    where calls.agent is not null
        and calls.agent not in (select username from crm where username is not null)
    group by calls.agent

),

final as (

    select * from crm
    union all
    select * from phone_only

)

select * from final
