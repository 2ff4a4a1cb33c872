-- intermediate.int_reviews_scored: compiled by cxw from sql/intermediate/reviews/int_reviews_scored.sql (materialized: table).
-- int_reviews_scored: every review, the business's own and its competitors', with its local reporting time, reply
-- delay, sentiment and topics; core.fct_reviews keeps the own, core.fct_competitor_reviews the competitors'.
-- materialized: table
-- (a table: the data tests read it, and the reviews' rows are fixed in one order)
with

reviews as (

    select * from staging.stg_reviews__reviews

),

settings as (

    select setting('reporting_time_zone') as time_zone

),

scored as (

    -- Each text's scores, kept across builds (a text is scored the first time a build sees it).
    select text as review_text, language, detected_language, sentiment, topics
    from intermediate.int_text_scores

),

final as (

    select
        reviews.review_id,
        reviews.platform,
        reviews.location_id,
        reviews.rating,
        reviews.review_text,
        coalesce(reviews.language, scored.detected_language) as language,
        scored.sentiment as sentiment_score,
        sentiment_label(scored.sentiment) as sentiment_label,
        scored.topics,
        reviews.posted_at,
        timezone(settings.time_zone, reviews.posted_at) as posted_local,
        reviews.reply_text is not null as has_reply,
        date_diff('minute', reviews.posted_at, reviews.replied_at) / 60.0 as reply_hours,
        reviews.order_id,
        reviews.source_name,
        reviews.competitor
    from reviews
    left join scored
        on scored.review_text = reviews.review_text
        and scored.language is not distinct from reviews.language
    cross join settings

)

-- In a fixed order: the KPIs' sums of scores then add in the same order in every build (same bytes).
select * from final
order by source_name, review_id
