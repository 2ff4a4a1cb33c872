-- fct_tickets: one row per ticket, with calendar-time first response and resolution.
with

tickets as (

    select * from staging.stg_crm__tickets

),

settings as (

    select value as time_zone from config.settings where key = 'reporting_time_zone'

),

final as (

    select
        tickets.ticket_id,
        tickets.customer_id,
        tickets.created_at,
        timezone(settings.time_zone, tickets.created_at) as created_local,
        tickets.channel,
        tickets.ticket_type,
        tickets.is_complaint,
        tickets.priority,
        tickets.status,
        tickets.location_id,
        tickets.agent_id,
        date_diff('second', tickets.created_at, tickets.first_response_at) / 60.0 as first_response_min,
        date_diff('second', tickets.created_at, tickets.resolved_at) / 3600.0 as resolution_h,
        tickets.subject,
        tickets.description,
        cx_sentiment(tickets.description, null) as sentiment_score,
        cx_topics(tickets.description, null) as topics,
        tickets.source_name
    from tickets
    cross join settings

)

select * from final
