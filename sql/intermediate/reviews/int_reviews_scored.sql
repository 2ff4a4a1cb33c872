-- int_reviews_scored: every review, the business's own and its competitors', with its local reporting time, reply
-- delay, sentiment and topics; core.fct_reviews keeps the own, core.fct_competitor_reviews the competitors'.
-- materialized: table
-- (a table: each text is scored once, and data tests, which run without the cx_ functions, can read it)
with

reviews as (

    select * from staging.stg_reviews__reviews

),

settings as (

    select setting('reporting_time_zone') as time_zone

),

final as (

    select
        reviews.review_id,
        reviews.platform,
        reviews.location_id,
        reviews.rating,
        reviews.review_text,
        coalesce(reviews.language, cx_language(reviews.review_text)) as language,
        cx_sentiment(reviews.review_text, reviews.language) as sentiment_score,
        cx_sentiment_label(reviews.review_text, reviews.language) as sentiment_label,
        cx_topics(reviews.review_text, reviews.language) as topics,
        reviews.posted_at,
        timezone(settings.time_zone, reviews.posted_at) as posted_local,
        reviews.reply_text is not null as has_reply,
        date_diff('minute', reviews.posted_at, reviews.replied_at) / 60.0 as reply_hours,
        reviews.order_id,
        reviews.source_name,
        reviews.competitor
    from reviews
    cross join settings

)

-- In a fixed order: the KPIs' sums of scores then add in the same order in every build (same bytes).
select * from final
order by source_name, review_id
