-- core.fct_survey_responses: compiled by cxw from sql/core/fct_survey_responses.sql (materialized: table).
-- fct_survey_responses: one row per real survey response, with its local reporting time.
with

responses as (

    select * from staging.stg_surveys__responses

),

settings as (

    select setting('reporting_time_zone') as time_zone

),

final as (

    select
        responses.response_id,
        responses.responded_at,
        timezone(settings.time_zone, responses.responded_at) as responded_local,
        responses.customer_id,
        responses.touchpoint_type,
        responses.touchpoint_id,
        responses.location_id,
        responses.channel,
        responses.language,
        responses.is_finished,
        responses.nps_score,
        case
            when responses.nps_score >= 9 then 'promoter'
            when responses.nps_score >= 7 then 'passive'
            when responses.nps_score >= 0 then 'detractor'
        end as nps_group,
        responses.csat_score,
        responses.ces_score,
        responses.comment,
        cx_sentiment(responses.comment, responses.language) as comment_sentiment,
        cx_sentiment_label(responses.comment, responses.language) as comment_sentiment_label,
        cx_topics(responses.comment, responses.language) as comment_topics,
        responses.source_name
    from responses
    cross join settings

)

select * from final
