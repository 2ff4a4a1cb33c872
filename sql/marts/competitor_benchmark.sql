-- competitor_benchmark: the business beside each competitor on what their reviews say, per month and quarter and
-- per unit: each of the business's locations (a competitor's reviews count there when the source's location_map
-- maps its shop to that location) and 'all'. Competitors are the reviews sources marked competitor: in
-- cxwarehouse.yml; their reviews never count as the business's own (core.fct_reviews excludes them).
--
-- Measures, the same for every business: reviews; mean rating (1-5) of the rated ones; share negative (rated 1-2,
-- or for an unrated review a text labelled negative); mean text sentiment in [-1, 1]; response rate (share with an
-- owner reply); the top three topics with the share of review texts mentioning each. The *_vs_own columns are the
-- business's figure minus the business's own in the same period and unit (0 for the business itself); rating_rank
-- ranks the businesses of the period and unit by mean rating (1 = best). is_low_sample: fewer reviews than
-- benchmark.min_sample.
with

project as (

    select coalesce(setting('project'), 'our business') as name

),

min_sample as (

    select coalesce(setting('min_sample'), 30) as n

),

own_locations as (

    select distinct location_id from core.fct_reviews where location_id is not null
    union
    select location_id from core.dim_location

),

reviews as (

    select project.name as business, true as is_own, fct_reviews.location_id, fct_reviews.rating,
        fct_reviews.review_text, fct_reviews.sentiment_score, fct_reviews.sentiment_label, fct_reviews.topics,
        fct_reviews.has_reply, fct_reviews.posted_local, fct_reviews.review_id
    from core.fct_reviews
    cross join project
    union all
    select competitor, false, location_id, rating, review_text, sentiment_score, sentiment_label, topics, has_reply,
        posted_local, review_id
    from core.fct_competitor_reviews

),

grains as (

    select unnest(['month', 'quarter']) as period_grain

),

units as (

    select grains.period_grain, cast(date_trunc(grains.period_grain, reviews.posted_local) as date) as period_start,
        reviews.location_id as unit, reviews.*
    from reviews
    cross join grains
    where reviews.location_id in (select location_id from own_locations)
    union all
    select grains.period_grain, cast(date_trunc(grains.period_grain, reviews.posted_local) as date), 'all', reviews.*
    from reviews
    cross join grains

),

measures as (

    select
        period_grain,
        period_start,
        unit,
        business,
        is_own,
        count(*) as reviews,
        count(rating) as rated_reviews,
        avg(rating) as mean_rating,
        avg(case
            when rating is not null then case when rating <= 2 then 1.0 else 0.0 end
            when review_text is not null then case when sentiment_label = 'negative' then 1.0 else 0.0 end
        end) as share_negative,
        -- Summed as decimals: a sum of doubles depends on the order DuckDB's threads add them in, and a rebuild
        -- must give the same bytes.
        cast(avg(case when review_text is not null then cast(sentiment_score as decimal(18, 12)) end) as double)
            as mean_sentiment,
        count(review_text) as texts,
        avg(case when has_reply then 1.0 else 0.0 end) as response_rate
    from units
    group by period_grain, period_start, unit, business, is_own

),

topic_counts as (

    select units.period_grain, units.period_start, units.unit, units.business, trim(t.topic) as topic,
        count(distinct units.review_id) as mentions
    from units, unnest(string_split(units.topics, ',')) as t(topic)
    where units.topics is not null and trim(t.topic) <> ''
    group by all

),

top_topics as (

    select
        topic_counts.period_grain,
        topic_counts.period_start,
        topic_counts.unit,
        topic_counts.business,
        string_agg(topic_counts.topic || ' (' || cast(round(100.0 * topic_counts.mentions / measures.texts) as integer)
            || '%)', ', ' order by topic_counts.mentions desc, topic_counts.topic) as top_topics
    from (
        select *, row_number() over (partition by period_grain, period_start, unit, business
            order by mentions desc, topic) as topic_rank
        from topic_counts
    ) as topic_counts
    inner join measures
        on measures.period_grain = topic_counts.period_grain
        and measures.period_start = topic_counts.period_start
        and measures.unit = topic_counts.unit
        and measures.business = topic_counts.business
    where topic_counts.topic_rank <= 3
    group by all

),

final as (

    select
        measures.period_grain,
        measures.period_start,
        measures.unit,
        measures.business,
        measures.is_own,
        measures.reviews,
        measures.rated_reviews,
        measures.mean_rating,
        measures.share_negative,
        measures.mean_sentiment,
        measures.response_rate,
        top_topics.top_topics,
        measures.mean_rating - own.mean_rating as rating_vs_own,
        measures.share_negative - own.share_negative as share_negative_vs_own,
        measures.mean_sentiment - own.mean_sentiment as sentiment_vs_own,
        measures.response_rate - own.response_rate as response_rate_vs_own,
        case when measures.mean_rating is not null then cast(rank() over (
            partition by measures.period_grain, measures.period_start, measures.unit, measures.mean_rating is null
            order by measures.mean_rating desc) as integer) end as rating_rank,
        count(*) over (partition by measures.period_grain, measures.period_start, measures.unit) as businesses,
        measures.reviews < min_sample.n as is_low_sample
    from measures
    cross join min_sample
    left join measures as own
        on own.period_grain = measures.period_grain
        and own.period_start = measures.period_start
        and own.unit = measures.unit
        and own.is_own
    left join top_topics
        on top_topics.period_grain = measures.period_grain
        and top_topics.period_start = measures.period_start
        and top_topics.unit = measures.unit
        and top_topics.business = measures.business

)

select * from final
order by period_grain, period_start, unit, is_own desc, business
