-- core.fct_touchpoints: compiled by cxw from sql/core/fct_touchpoints.sql (materialized: table).
-- fct_touchpoints: every interaction of every resolved customer in one table: web sessions, orders, calls,
-- tickets, survey responses and reviews, with channel, location, journey stage and time.
--
-- Journey stages (kpi-definitions, "Segmentation and journey"): each touchpoint first gets the stage its kind
-- stands for once the customer has bought (base_stage), then the customer's first purchase decides:
--   * before the first purchase nothing is service or loyalty: a call, ticket, survey or review is an inquiry
--     (consideration); a web session is consideration when it looks at packages, asks for a quote or starts a
--     checkout, else awareness (a visit, whatever campaign brought it);
--   * a purchase (won order, web purchase) is 'purchase' up to the end of the first purchase's day and a repeat
--     order (loyalty) after it;
--   * after it calls and tickets are support contacts (service), a web session opening the customer's gallery
--     or bookings is the delivery (service), a survey is service unless it gives a promoter score (9-10) and a
--     review is service unless it rates 4 or more (both loyalty).
-- An order carries only its close date, so touchpoints of the first purchase's day count as leading up to it.
with

clusters as (

    select node, customer_key from core.customer_keys

),

customers as (

    select customer_key from core.dim_customer

),

sessions as (

    select * from core.fct_web_sessions

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
             when sessions.has_account_view then 'service'
             when sessions.has_consideration or sessions.has_add_to_cart then 'consideration'
             else 'awareness' end as base_stage
    from sessions

),

orders as (

    select 'crm:' || customer_id, 'order', order_id, ordered_at, coalesce(channel, 'unknown'), location_id, 'purchase'
    from core.fct_orders
    where is_won and customer_id is not null

),

calls as (

    select 'calls:' || call_id, 'call', call_id, initiated_at, 'phone', location_id, 'service'
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

resolved as (

    select clusters.customer_key, unioned.*
    from unioned
    inner join clusters on clusters.node = unioned.node
    inner join customers on customers.customer_key = clusters.customer_key

),

first_purchases as (

    select customer_key, min(occurred_at) as first_purchase_at
    from resolved
    where base_stage = 'purchase'
    group by 1

),

final as (

    select
        resolved.customer_key,
        resolved.touchpoint_type,
        resolved.touchpoint_id,
        resolved.occurred_at,
        resolved.channel,
        resolved.location_id,
        case
            -- Within a day (24 hours) of the first purchase, as epoch microseconds: TIMESTAMPTZ + INTERVAL goes
            -- through ICU's calendar (0.2 s per 1.4 million touchpoints; 0.01 s so).
            when first_purchases.first_purchase_at is null
                or epoch_us(resolved.occurred_at) < epoch_us(first_purchases.first_purchase_at) + 86400000000 then
                case resolved.base_stage when 'purchase' then 'purchase' when 'awareness' then 'awareness'
                    else 'consideration' end
            when resolved.base_stage = 'purchase' then 'loyalty'
            else resolved.base_stage
        end as journey_stage
    from resolved
    left join first_purchases on first_purchases.customer_key = resolved.customer_key

)

select * from final
