-- intermediate.int_kpi_contacts: compiled by cxw from sql/intermediate/kpi/int_kpi_contacts.sql (materialized: table).
-- materialized: table
-- int_kpi_contacts: every handled customer contact (answered calls and tickets), whether it was resolved, and
-- whether the same customer came back within the FCR window (config fcr_window_days): the basis of first contact
-- resolution. A call system that does not record resolution counts an answered call as resolved unless the
-- customer comes back (the repeat-contact method); a contact whose customer is unknown cannot show a repeat.
with

clusters as (

    select node, customer_key from core.customer_keys

),

settings as (

    select setting('fcr_window_days') as window_days

),

calls as (

    select
        'call' as contact_type,
        calls.call_id as contact_id,
        calls.initiated_at as occurred_at,
        calls.initiated_local as occurred_local,
        clusters.customer_key,
        calls.location_id,
        'phone' as channel,
        calls.agent,
        coalesce(calls.is_resolved, true) as is_resolved
    from core.fct_calls as calls
    left join clusters
        on clusters.node = 'calls:' || calls.call_id
    where calls.is_answered

),

tickets as (

    select
        'ticket' as contact_type,
        tickets.ticket_id as contact_id,
        tickets.created_at as occurred_at,
        tickets.created_local as occurred_local,
        clusters.customer_key,
        tickets.location_id,
        coalesce(tickets.channel, 'unknown') as channel,
        tickets.agent,
        tickets.resolution_h is not null as is_resolved
    from core.fct_tickets as tickets
    left join clusters
        on clusters.node = 'crm:' || tickets.customer_id

),

contacts as (

    select * from calls
    union all
    select * from tickets

),

sequenced as (

    select
        contacts.*,
        lead(contacts.occurred_at) over (
            partition by contacts.customer_key order by contacts.occurred_at, contacts.contact_id
        ) as next_contact_at
    from contacts

),

final as (

    select
        sequenced.* exclude (next_contact_at),
        sequenced.customer_key is not null
            and sequenced.next_contact_at <= sequenced.occurred_at + to_days(settings.window_days) as has_repeat
    from sequenced
    cross join settings

)

select
    * replace (coalesce(has_repeat, false) as has_repeat)
from final
