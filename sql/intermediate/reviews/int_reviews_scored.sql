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

scored as (

    -- Each text scored once per language it is given in (a third of the texts repeat another), after the distinct
    -- step, whose output DuckDB scores on every core.
    select
        review_text,
        language,
        case when language is null then cx_language(review_text) end as detected_language,
        cx_sentiment(review_text, language) as sentiment,
        cx_topics(review_text, language) as topics
    from (select distinct review_text, language from reviews where review_text is not null)

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
