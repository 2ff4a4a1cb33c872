-- follow_ups: the closed loop. One row per customer who should hear back from us: every NPS detractor (0-6), every
-- low CSAT (1-2 on the 5-point scale) and every negative review (rating 1-2, or, without a rating, a negative
-- text), with the text, the customer, the owner who must answer, the deadline from follow_up: in
-- cxwarehouse.yml, and the status:
--   answered  a review reply, or for a survey a case of the same resolved customer (core.fct_touchpoints) opened
--             at or after the response and answered by an agent (answered_late when after the deadline);
--   overdue   no answer and the deadline has passed at as_of_at, the latest instant the warehouse holds;
--   open      no answer yet, still within the deadline.
-- The owner is the agent of the surveyed ticket or call when there is one, else the location, else 'unassigned'.
with

settings as (

    select
        setting('reporting_time_zone') as time_zone,
        setting('follow_up_detractor_hours') as detractor_h,
        setting('follow_up_low_csat_hours') as low_csat_h,
        setting('follow_up_negative_review_hours') as negative_review_h

),

surveys as (

    select * from core.fct_survey_responses
    where nps_score between 0 and 6 or csat_score between 1 and 2

),

reviews as (

    select * from core.fct_reviews
    where rating between 1 and 2 or (rating is null and sentiment_label = 'negative')

),

-- the resolved customer of each survey response, review and ticket (identity resolution, core.fct_touchpoints)
customers as (

    select touchpoint_type, touchpoint_id, customer_key
    from core.fct_touchpoints
    where touchpoint_type in ('survey', 'review', 'ticket')

),

tickets as (

    select fct_tickets.ticket_id, customers.customer_key, fct_tickets.agent, fct_tickets.created_at,
        fct_tickets.created_at + to_microseconds(cast(fct_tickets.first_response_min * 60000000 as bigint))
            as first_response_at
    from core.fct_tickets
    left join customers on customers.touchpoint_type = 'ticket' and customers.touchpoint_id = fct_tickets.ticket_id

),

calls as (

    select call_id, agent from core.fct_calls

),

as_of as (

    select greatest(
        (select max(responded_at) from core.fct_survey_responses),
        (select max(greatest(posted_at, coalesce(posted_at + to_microseconds(cast(reply_hours * 3600000000 as bigint)),
            posted_at))) from core.fct_reviews),
        (select max(created_at) from core.fct_tickets)) as as_of_at

),

survey_answers as (

    -- the first agent answer on a case the customer opened at or after the survey response
    select surveys.response_id, min(tickets.first_response_at) as answered_at
    from surveys
    inner join customers on customers.touchpoint_type = 'survey' and customers.touchpoint_id = surveys.response_id
    inner join tickets on tickets.customer_key = customers.customer_key
        and tickets.created_at >= surveys.responded_at
        and tickets.first_response_at is not null
    group by surveys.response_id

),

items as (

    select
        'survey:' || surveys.response_id as follow_up_id,
        case when surveys.nps_score between 0 and 6 then 'detractor' else 'low_csat' end as kind,
        surveys.responded_at as raised_at,
        coalesce(survey_customers.customer_key, surveys.customer_id) as customer_key,
        surveys.comment as text,
        surveys.nps_score,
        surveys.csat_score,
        cast(null as integer) as rating,
        surveys.location_id,
        coalesce(ticket_owner.agent, call_owner.agent) as agent,
        surveys.response_id as source_id,
        survey_answers.answered_at,
        case when surveys.nps_score between 0 and 6 then settings.detractor_h else settings.low_csat_h end as due_h
    from surveys
    cross join settings
    left join survey_answers on survey_answers.response_id = surveys.response_id
    left join customers as survey_customers
        on survey_customers.touchpoint_type = 'survey' and survey_customers.touchpoint_id = surveys.response_id
    -- The touchpoint's kind goes into the join key: a condition on the left side alone makes DuckDB compare every
    -- response with every ticket and call (a nested loop: 70 s at scale 100, against 1.5 s as a hash join).
    left join tickets as ticket_owner
        on ticket_owner.ticket_id = case when surveys.touchpoint_type = 'ticket' then surveys.touchpoint_id end
    left join calls as call_owner
        on call_owner.call_id = case when surveys.touchpoint_type = 'call' then surveys.touchpoint_id end
    union all
    select
        'review:' || reviews.review_id,
        'negative_review',
        reviews.posted_at,
        review_customers.customer_key,
        reviews.review_text,
        cast(null as integer),
        cast(null as integer),
        reviews.rating,
        reviews.location_id,
        cast(null as varchar),
        reviews.review_id,
        case when reviews.has_reply
            then reviews.posted_at + to_microseconds(cast(coalesce(reviews.reply_hours, 0) * 3600000000 as bigint))
        end,
        settings.negative_review_h
    from reviews
    cross join settings
    left join customers as review_customers
        on review_customers.touchpoint_type = 'review' and review_customers.touchpoint_id = reviews.review_id

),

final as (

    select
        items.follow_up_id,
        items.kind,
        items.raised_at,
        timezone(settings.time_zone, items.raised_at) as raised_local,
        items.customer_key,
        items.text,
        items.nps_score,
        items.csat_score,
        items.rating,
        items.location_id,
        case when items.agent is not null then 'agent' when items.location_id is not null then 'location'
            else 'unassigned' end as owner_type,
        coalesce(items.agent, items.location_id, 'unassigned') as owner,
        items.raised_at + to_microseconds(cast(items.due_h * 3600000000 as bigint)) as due_at,
        items.answered_at,
        case
            when items.answered_at is not null then 'answered'
            when as_of.as_of_at > items.raised_at + to_microseconds(cast(items.due_h * 3600000000 as bigint))
                then 'overdue'
            else 'open'
        end as status,
        items.answered_at > items.raised_at + to_microseconds(cast(items.due_h * 3600000000 as bigint))
            as answered_late,
        as_of.as_of_at
    from items
    cross join settings
    cross join as_of

)

select * from final
order by case status when 'overdue' then 0 when 'open' then 1 else 2 end, due_at, follow_up_id
