-- marts.voice_of_customer: compiled by cxw from sql/marts/voice_of_customer.sql (materialized: table).
-- voice_of_customer: per period (ISO week and month), location (and 'all') and topic: how often customers
-- wrote about it in reviews and survey comments, the share of those texts that were negative, and a
-- representative quote (the most strongly felt one).
with

texts as (

    select posted_local as written_local, location_id, review_text as text, sentiment_score, sentiment_label, topics
    from core.fct_reviews
    where review_text is not null
    union all
    select responded_local, location_id, comment, comment_sentiment, comment_sentiment_label, comment_topics
    from core.fct_survey_responses
    where comment is not null

),

mentions as (

    select texts.*, trim(topic) as topic
    from texts, unnest(string_split(texts.topics, ',')) as t(topic)
    where texts.topics is not null and trim(topic) <> ''

),

grains as (

    select unnest(['week', 'month']) as period_grain

),

units as (

    select grains.period_grain, cast(date_trunc(grains.period_grain, mentions.written_local) as date) as period_start,
        coalesce(mentions.location_id, 'unknown') as location, mentions.*
    from mentions
    cross join grains
    union all
    select grains.period_grain, cast(date_trunc(grains.period_grain, mentions.written_local) as date), 'all', mentions.*
    from mentions
    cross join grains

),

final as (

    select
        period_grain,
        period_start,
        location,
        topic,
        count(*) as mentions,
        avg(case when sentiment_label = 'negative' then 1.0 else 0.0 end) as share_negative,
        first(text order by abs(sentiment_score) desc, length(text), text) as quote
    from units
    group by period_grain, period_start, location, topic

)

select * from final
order by period_grain, period_start, location, mentions desc, topic
