-- intermediate.int_texts: compiled by cxw from sql/intermediate/text/int_texts.sql (materialized: view).
-- int_texts: every customer text the models score, once per language it is given in: the reviews' texts (the
-- business's own and its competitors'), the survey comments and the ticket descriptions (whose export names no
-- language). intermediate.int_text_scores scores each once.
with

review_texts as (

    select review_text as text, language
    from staging.stg_reviews__reviews
    where review_text is not null

),

comments as (

    select comment, language
    from staging.stg_surveys__responses
    where comment is not null

),

descriptions as (

    select description, cast(null as varchar)
    from staging.stg_crm__tickets
    where description is not null

),

texts as (

    -- union, not union all: a text repeated in one source or across them (a third of the reviews' texts and comments,
    -- four in ten ticket descriptions at scale 100) is scored once; NULL languages are equal here.
    select * from review_texts
    union
    select * from comments
    union
    select * from descriptions

)

select * from texts
