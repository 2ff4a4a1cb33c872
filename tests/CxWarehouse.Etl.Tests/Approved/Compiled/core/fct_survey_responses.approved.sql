-- core.fct_survey_responses: compiled by cxw from sql/core/fct_survey_responses.sql (materialized: table).
-- fct_survey_responses: one row per real survey response, with its local reporting time.
with

responses as (

    select * from staging.stg_surveys__responses

),

settings as (

    select setting('reporting_time_zone') as time_zone

),

scored as (

    -- Each comment's scores, kept across builds (a text is scored the first time a build sees it).
    select text as comment, language, sentiment, topics
    from intermediate.int_text_scores

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
        scored.sentiment as comment_sentiment,
        sentiment_label(scored.sentiment) as comment_sentiment_label,
        scored.topics as comment_topics,
        responses.source_name
    from responses
    left join scored
        on scored.comment = responses.comment
        and scored.language is not distinct from responses.language
    cross join settings

)

-- In a fixed order, the responses' own: the texts' scores are joined in an order of DuckDB's choosing, and the KPIs'
-- sums over these rows then add in the same order in every build (same bytes), whatever the lake's files.
select * from final
order by response_id
