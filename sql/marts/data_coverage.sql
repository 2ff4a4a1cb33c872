-- data_coverage: one row per kind of activity, with the time span and rows the warehouse holds for it.
-- Reports take "the latest complete week" from the activity sources (orders can carry future close dates).
with

activity as (

    select 'surveys' as activity, true as is_activity, min(responded_at) as first_at, max(responded_at) as last_at,
        count(*) as records
    from core.fct_survey_responses
    union all
    select 'calls', true, min(initiated_at), max(initiated_at), count(*) from core.fct_calls
    union all
    select 'web', true, min(started_at), max(started_at), count(*) from core.fct_web_sessions
    union all
    select 'reviews', true, min(posted_at), max(posted_at), count(*) from core.fct_reviews
    union all
    select 'tickets', true, min(created_at), max(created_at), count(*) from core.fct_tickets
    union all
    select 'orders', false, min(ordered_at), max(ordered_at), count(*) from core.fct_orders

),

settings as (

    select setting('reporting_time_zone') as time_zone

),

final as (

    select
        activity.activity,
        activity.is_activity,
        activity.first_at,
        activity.last_at,
        cast(timezone(settings.time_zone, activity.last_at) as date) as last_local_date,
        activity.records
    from activity
    cross join settings

)

select * from final
