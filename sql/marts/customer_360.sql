-- customer_360: one row per resolved customer: value, recency, contact history, feedback, RFM segment,
-- loyalty tier, churn and journey stage. The as-of date is the latest activity in the warehouse.
with

customers as (

    select * from core.dim_customer

),

clusters as (

    select node, customer_key from core.customer_keys

),

settings as (

    select setting('churn_window_days') as churn_window_days

),

as_of as (

    -- The day's thresholds are computed here once: a TIMESTAMPTZ less an interval, or a day count between two, goes
    -- through ICU's calendar, which cost as much as the rest of the model when done for each of 234,000 customers.
    select
        as_of_at,
        as_of_at - interval 30 day as new_since,
        as_of_at - interval 12 month as spend_since,
        as_of_at - to_days(settings.churn_window_days) as churn_since,
        epoch_us(as_of_at) as as_of_us
    from (
        select coalesce(max(last_at) filter (where is_activity), max(last_at)) as as_of_at from marts.data_coverage
    )
    cross join settings

),

orders as (

    select clusters.customer_key, orders.*
    from core.fct_orders as orders
    inner join clusters on clusters.node = 'crm:' || orders.customer_id
    where orders.is_won

),

order_summary as (

    select
        customer_key,
        count(*) as lifetime_orders,
        sum(amount_reporting) as lifetime_revenue,
        min(ordered_at) as first_order_at,
        max(ordered_at) as last_order_at
    from orders
    group by customer_key

),

touchpoints as (

    select * from core.fct_touchpoints

),

channel_summary as (

    -- Per customer and channel first: the preferred channel is the one with the most touchpoints (a window over
    -- every touchpoint counted the same, sorting 1.4 million rows at scale 100).
    select
        customer_key,
        channel,
        count(*) as channel_touchpoints,
        max(occurred_at) as last_contact_at,
        max(case journey_stage when 'awareness' then 1 when 'consideration' then 2 when 'purchase' then 3
            when 'service' then 4 when 'loyalty' then 5 end) as stage_rank
    from touchpoints
    group by customer_key, channel

),

contact_summary as (

    select
        customer_key,
        max(last_contact_at) as last_contact_at,
        first(channel order by channel_touchpoints desc, channel) as preferred_channel,
        cast(sum(channel_touchpoints) as bigint) as touchpoints,
        max(stage_rank) as stage_rank
    from channel_summary
    group by customer_key

),

feedback as (

    select
        clusters.customer_key,
        first(responses.nps_score order by responses.responded_at desc, responses.response_id)
            filter (where responses.nps_score is not null) as latest_nps,
        avg(responses.csat_score) as mean_csat,
        count(responses.csat_score) as csat_responses
    from core.fct_survey_responses as responses
    inner join clusters on clusters.node = 'surveys:' || responses.response_id
    group by clusters.customer_key

),

review_summary as (

    select
        clusters.customer_key,
        count(*) as review_count,
        avg(reviews.rating) as mean_review_rating
    from core.fct_reviews as reviews
    inner join clusters on clusters.node = 'reviews:' || reviews.review_id
    group by clusters.customer_key

),

sentiment as (

    -- Mean sentiment of everything the customer wrote: reviews and survey comments.
    select customer_key, avg(score) as sentiment
    from (
        select clusters.customer_key, reviews.sentiment_score as score
        from core.fct_reviews as reviews
        inner join clusters on clusters.node = 'reviews:' || reviews.review_id
        where reviews.review_text is not null
        union all
        select clusters.customer_key, responses.comment_sentiment
        from core.fct_survey_responses as responses
        inner join clusters on clusters.node = 'surveys:' || responses.response_id
        where responses.comment is not null
    ) as written
    group by customer_key

),

loyalty as (

    select
        clusters.customer_key,
        first(members.tier order by members.updated_at desc, members.member_id) as loyalty_tier
    from staging.stg_crm__loyalty as members
    inner join clusters on clusters.node = 'crm:' || members.customer_id
    group by clusters.customer_key

),

spend_tiers as (

    -- Where the CRM has no loyalty programme: the highest tier whose spend band the customer's won orders of the
    -- trailing 12 months (to the as-of date) reach (config loyalty.tiers).
    select
        orders.customer_key,
        max_by(tiers.tier, tiers.min_spend) as loyalty_tier
    from (
        select orders.customer_key, sum(orders.amount_reporting) as spend
        from orders
        cross join as_of
        where orders.ordered_at > as_of.spend_since
            and orders.ordered_at <= as_of.as_of_at
        group by orders.customer_key
    ) as orders
    inner join config.loyalty_tiers as tiers
        on tiers.min_spend <= orders.spend
    group by orders.customer_key

),

rfm as (

    -- Quintile scores over active customers (an order within the churn window before the as-of date):
    -- 5 = most recent, most frequent, highest spend. Churned customers get no scores.
    select
        order_summary.customer_key,
        ntile(5) over (order by order_summary.last_order_at, order_summary.customer_key) as recency_score,
        ntile(5) over (order by order_summary.lifetime_orders, order_summary.lifetime_revenue, order_summary.customer_key) as frequency_score,
        ntile(5) over (order by order_summary.lifetime_revenue, order_summary.customer_key) as monetary_score
    from order_summary
    cross join as_of
    where order_summary.last_order_at >= as_of.churn_since

),

final as (

    select
        customers.customer_key,
        customers.source_person_id,
        customers.first_name,
        customers.last_name,
        customers.email,
        customers.phone,
        customers.segment,
        customers.home_location_id,
        coalesce(order_summary.lifetime_orders, 0) as lifetime_orders,
        coalesce(order_summary.lifetime_revenue, 0) as lifetime_revenue,
        order_summary.first_order_at,
        order_summary.last_order_at,
        contact_summary.preferred_channel,
        contact_summary.last_contact_at,
        coalesce(contact_summary.touchpoints, 0) as touchpoints,
        feedback.latest_nps,
        feedback.mean_csat,
        coalesce(review_summary.review_count, 0) as review_count,
        review_summary.mean_review_rating,
        sentiment.sentiment,
        rfm.recency_score,
        rfm.frequency_score,
        rfm.monetary_score,
        case
            when rfm.customer_key is null then null
            when order_summary.first_order_at >= as_of.new_since then 'New'
            when rfm.recency_score >= 4 and rfm.frequency_score >= 4 and rfm.monetary_score >= 4 then 'Champions'
            when rfm.frequency_score >= 4 then 'Loyal'
            when rfm.recency_score <= 2 and rfm.frequency_score >= 3 then 'At risk'
            when rfm.recency_score <= 2 and rfm.frequency_score <= 2 then 'Hibernating'
            else 'Others'
        end as rfm_segment,
        coalesce(loyalty.loyalty_tier, spend_tiers.loyalty_tier) as loyalty_tier,
        case
            when loyalty.loyalty_tier is not null then 'loyalty programme'
            when spend_tiers.loyalty_tier is not null then 'spend band'
        end as loyalty_tier_source,
        order_summary.last_order_at is not null
            and order_summary.last_order_at < as_of.churn_since as is_churned,
        case
            when order_summary.last_order_at is null then null
            else greatest(0.0, least(1.0, (
                -- Days between the two in UTC (the build's session zone), as date_diff('day', ...) counts them.
                floor(as_of.as_of_us / 86400000000) - floor(epoch_us(order_summary.last_order_at) / 86400000000))
                / cast(settings.churn_window_days as double)))
        end as churn_risk,
        case contact_summary.stage_rank
            when 5 then 'loyalty' when 4 then 'service' when 3 then 'purchase' when 2 then 'consideration'
            when 1 then 'awareness'
        end as journey_stage
    from customers
    cross join settings
    cross join as_of
    left join order_summary on order_summary.customer_key = customers.customer_key
    left join contact_summary on contact_summary.customer_key = customers.customer_key
    left join feedback on feedback.customer_key = customers.customer_key
    left join review_summary on review_summary.customer_key = customers.customer_key
    left join sentiment on sentiment.customer_key = customers.customer_key
    left join loyalty on loyalty.customer_key = customers.customer_key
    left join spend_tiers on spend_tiers.customer_key = customers.customer_key
    left join rfm on rfm.customer_key = customers.customer_key

)

select * from final
