-- core.dim_date: compiled by cxw from sql/core/dim_date.sql (materialized: table).
-- dim_date: one row per day from the earliest to the latest fact, with ISO week and month keys.
with

bounds as (

    select
        least(
            (select min(ordered_at) from staging.stg_crm__orders),
            (select min(initiated_at) from staging.stg_calls__calls),
            (select min(responded_at) from staging.stg_surveys__responses),
            (select min(posted_at) from staging.stg_reviews__reviews),
            (select min(created_at) from staging.stg_crm__tickets),
            (select min(event_at) from staging.stg_web__events)
        )::date as first_day,
        greatest(
            (select max(ordered_at) from staging.stg_crm__orders),
            (select max(initiated_at) from staging.stg_calls__calls),
            (select max(responded_at) from staging.stg_surveys__responses),
            (select max(posted_at) from staging.stg_reviews__reviews),
            (select max(created_at) from staging.stg_crm__tickets),
            (select max(event_at) from staging.stg_web__events)
        )::date as last_day

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
