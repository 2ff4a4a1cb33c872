-- stg_reviews__reviews: one row per review.
with

source as (

    select * from raw.reviews__reviews

),

renamed as (

    select
        _source as source_name,
        review_id,
        lower(platform) as platform,
        location_id,
        author_name,
        rating,
        title,
        text as review_text,
        lower(language) as language,
        posted_at,
        nullif(trim(reply_text), '') as reply_text,
        replied_at,
        order_id,
        updated_at

    from source

)

select * from renamed
