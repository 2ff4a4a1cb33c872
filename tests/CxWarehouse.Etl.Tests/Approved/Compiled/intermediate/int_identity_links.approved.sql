-- intermediate.int_identity_links: compiled by cxw from sql/intermediate/identity/int_identity_links.sql (materialized: table).
-- int_identity_links: pairs of records that are the same person, with the deterministic rule that says so.
-- materialized: table
-- Shared emails and phones link records only when few records share them (a value used by more than 20
-- records is a placeholder or a switchboard, not a person); each group is linked to its first record.
with

records as not materialized (

    select * from intermediate.int_identity_records

),

orders as (

    select order_id, customer_id from staging.stg_crm__orders where customer_id is not null

),

tickets as (

    select ticket_id, customer_id from staging.stg_crm__tickets where customer_id is not null

),

email_groups as (

    select email, min(node) as anchor
    from records
    where email is not null
    group by email
    having count(*) between 2 and 20

),

phone_groups as (

    select phone, min(node) as anchor
    from records
    where phone is not null and length(phone) >= 8
    group by phone
    having count(*) between 2 and 20

),

person_groups as (

    select source_person_id, min(node) as anchor
    from records
    where source = 'crm'
    group by source_person_id
    having count(*) >= 2

),

by_email as (

    select records.node as a, email_groups.anchor as b, 'same_email' as rule
    from records
    inner join email_groups on email_groups.email = records.email
    where records.node <> email_groups.anchor

),

by_phone as (

    select records.node, phone_groups.anchor, 'same_phone'
    from records
    inner join phone_groups on phone_groups.phone = records.phone
    where records.node <> phone_groups.anchor

),

by_source_person as (

    select records.node, person_groups.anchor, 'same_source_person_id'
    from records
    inner join person_groups on person_groups.source_person_id = records.source_person_id
    where records.source = 'crm' and records.node <> person_groups.anchor

),

by_web_login as (

    select distinct 'web:' || events.user_pseudo_id, 'crm:' || events.user_id, 'web_login'
    from staging.stg_web__events as events
    where events.user_id is not null

),

by_survey_touchpoint as (

    select 'surveys:' || responses.response_id, 'crm:' || orders.customer_id, 'survey_of_order'
    from staging.stg_surveys__responses as responses
    inner join orders on orders.order_id = responses.touchpoint_id
    union all
    select 'surveys:' || responses.response_id, 'crm:' || tickets.customer_id, 'survey_of_ticket'
    from staging.stg_surveys__responses as responses
    inner join tickets on tickets.ticket_id = responses.touchpoint_id
    union all
    select 'surveys:' || responses.response_id, 'calls:' || responses.touchpoint_id, 'survey_of_call'
    from staging.stg_surveys__responses as responses
    where responses.touchpoint_id is not null
    union all
    select 'surveys:' || responses.response_id, 'crm:' || responses.customer_id, 'survey_customer_id'
    from staging.stg_surveys__responses as responses
    where responses.customer_id is not null

),

by_review_order as (

    select 'reviews:' || reviews.review_id, 'crm:' || orders.customer_id, 'review_of_order'
    from staging.stg_reviews__reviews as reviews
    inner join orders on orders.order_id = reviews.order_id
    where reviews.competitor is null

),

between_records as (

    -- Records linked by what they share: both ends are records by construction.
    select * from by_email
    union all select * from by_phone
    union all select * from by_source_person

),

claimed(a, b, rule) as (

    -- Records that name another record by its id: the named one may not exist.
    select * from by_web_login
    union all select * from by_survey_touchpoint
    union all select * from by_review_order

),

final as (

    -- Only links between records that exist (a login to a deleted contact links nothing).
    select distinct a, b, rule
    from (
        select a, b, rule from between_records
        union all
        select a, b, rule from claimed
        where a in (select node from records) and b in (select node from records)
    ) as links
    where a <> b

)

select * from final
