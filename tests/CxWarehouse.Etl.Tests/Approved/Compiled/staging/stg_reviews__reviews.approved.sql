-- staging.stg_reviews__reviews: compiled by cxw from sql/staging/reviews/stg_reviews__reviews.sql (materialized: view).
-- stg_reviews__reviews: one row per review; competitor names the competitor whose reviews the source holds
-- (cxwarehouse.yml: competitor), NULL for the business's own.
with

source as (

    select * from raw.reviews__reviews

),

sources as (

    select name, competitor from config.sources

),

renamed as (

    select
        source._source as source_name,
        source.review_id,
        lower(platform) as platform,
        source.location_id,
        author_name,
        rating,
        title,
        source.text as review_text,
        lower(language) as language,
        posted_at,
        nullif(trim(reply_text), '') as reply_text,
        replied_at,
        order_id,
        updated_at,
        sources.competitor

    from source
    left join sources on sources.name = source._source

)

select * from renamed
