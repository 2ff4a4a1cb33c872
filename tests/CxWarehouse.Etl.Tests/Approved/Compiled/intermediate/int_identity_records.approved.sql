-- intermediate.int_identity_records: compiled by cxw from sql/intermediate/identity/int_identity_records.sql (materialized: table).
-- int_identity_records: every source record that can point to a person, with the identifiers it carries.
-- materialized: table
-- A node is "<source>:<record id>"; source_priority orders sources for the golden record (CRM first);
-- first_seen_at (a contact's creation, a browser's first event, a call's start...) anchors its customer key.
with

customers as (

    select
        'crm:' || customer_id as node,
        'crm' as source,
        1 as source_priority,
        customer_id as record_id,
        email,
        phone,
        first_name,
        last_name,
        source_person_id,
        updated_at as seen_at,
        created_at as first_seen_at
    from staging.stg_crm__customers

),

browsers as (

    select
        'web:' || user_pseudo_id as node,
        'web' as source,
        5 as source_priority,
        user_pseudo_id as record_id,
        cast(null as varchar) as email,
        cast(null as varchar) as phone,
        cast(null as varchar) as first_name,
        cast(null as varchar) as last_name,
        cast(null as varchar) as source_person_id,
        max(event_at) as seen_at,
        min(event_at) as first_seen_at
    from staging.stg_web__events
    group by user_pseudo_id

),

calls as (

    select
        'calls:' || call_id, 'calls', 4, call_id, null, customer_phone, null, null, null, initiated_at, initiated_at
    from staging.stg_calls__calls

),

responses as (

    select
        'surveys:' || response_id, 'surveys', 2, response_id, email, null, first_name, last_name, null, responded_at, responded_at
    from staging.stg_surveys__responses

),

reviews as (

    select
        'reviews:' || review_id, 'reviews', 3, review_id, null, null, null, null, null, posted_at, posted_at
    from staging.stg_reviews__reviews
    where competitor is null                -- a competitor's reviewers are not our customers

),

unioned as (

    select * from customers
    union all select * from browsers
    union all select * from calls
    union all select * from responses
    union all select * from reviews

)

select * from unioned
