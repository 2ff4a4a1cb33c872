-- dim_date: one row per day from the earliest to the latest fact, with ISO week and month keys.
with

spans as (

    -- Each source's first and last time, in one read of it (the web events are millions of rows).
    select min(ordered_at) as first_at, max(ordered_at) as last_at from staging.stg_crm__orders
    union all
    select min(initiated_at), max(initiated_at) from staging.stg_calls__calls
    union all
    select min(responded_at), max(responded_at) from staging.stg_surveys__responses
    union all
    select min(posted_at), max(posted_at) from staging.stg_reviews__reviews
    union all
    select min(created_at), max(created_at) from staging.stg_crm__tickets
    union all
    select min(event_at), max(event_at) from staging.stg_web__events

),

bounds as (

    select min(first_at)::date as first_day, max(last_at)::date as last_day from spans

),

days as (

    select cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as date_day
    from bounds
    where first_day is not null

),

final as (

    select
        date_day,
        cast(date_trunc('week', date_day) as date) as week_start,
        cast(date_trunc('month', date_day) as date) as month_start,
        isoyear(date_day) as iso_year,
        week(date_day) as iso_week,
        isodow(date_day) as iso_day_of_week,
        strftime(date_day, '%G-W%V') as iso_week_label
    from days

)

select * from final
