-- fct_touchpoints: every interaction of every resolved customer in one table: web sessions, orders, calls,
-- tickets, survey responses and reviews, with channel, location, journey stage and time.
with

clusters as (

    select node, customer_key from intermediate.int_identity_clusters

),

customers as (

    select customer_key from core.dim_customer

),

web as (

    select
        'web:' || sessions.user_pseudo_id as node,
        'web_session' as touchpoint_type,
        sessions.session_key as touchpoint_id,
        sessions.started_at as occurred_at,
        'web' as channel,
        cast(null as varchar) as location_id,
        case when sessions.has_purchase then 'purchase'
             when sessions.has_add_to_cart or sessions.page_views > 1 then 'consideration'
             else 'awareness' end as journey_stage
    from core.fct_web_sessions as sessions

),

orders as (

    select 'crm:' || customer_id, 'order', order_id, ordered_at, coalesce(channel, 'unknown'), location_id, 'purchase'
    from core.fct_orders
    where is_won and customer_id is not null

),

calls as (

    select 'calls:' || call_id, 'call', call_id, initiated_at, 'phone', location_id,
        case when topic in ('booking', 'pricing') then 'consideration' else 'service' end
    from core.fct_calls

),

tickets as (

    select 'crm:' || customer_id, 'ticket', ticket_id, created_at, coalesce(channel, 'unknown'), location_id, 'service'
    from core.fct_tickets
    where customer_id is not null

),

responses as (

    select 'surveys:' || response_id, 'survey', response_id, responded_at, 'survey', location_id,
        case when nps_score >= 9 then 'loyalty' else 'service' end
    from core.fct_survey_responses

),

reviews as (

    select 'reviews:' || review_id, 'review', review_id, posted_at, 'review_' || platform, location_id,
        case when rating >= 4 then 'loyalty' else 'service' end
    from core.fct_reviews

),

unioned as (

    select * from web
    union all select * from orders
    union all select * from calls
    union all select * from tickets
    union all select * from responses
    union all select * from reviews

),

final as (

    select
        clusters.customer_key,
        unioned.touchpoint_type,
        unioned.touchpoint_id,
        unioned.occurred_at,
        unioned.channel,
        unioned.location_id,
        unioned.journey_stage
    from unioned
    inner join clusters on clusters.node = unioned.node
    inner join customers on customers.customer_key = clusters.customer_key

)

select * from final
