-- int_text_scores: each customer text's sentiment, topics and (where it is not given) language, scored once: the
-- texts of intermediate.int_texts, one row per text and language.
-- materialized: memo
-- unique_key: text, language
-- memo_of: intermediate.int_texts
-- memo_version: cx_text_version()
-- A memo: the scores are kept across builds, and a build scores only the texts it has not scored before (at scale
-- 100 a week's build scored all 134,000 distinct texts again, for 1.6 s; the scores of texts no longer in the data
-- are dropped). A new version of the scoring code or of the topic taxonomy (cx_text_version()), a change to this
-- select, or --full-refresh scores every text again.
select
    text,
    language,
    case when language is null then cx_language(text) end as detected_language,
    cx_sentiment(text, language) as sentiment,
    cx_topics(text, language) as topics
from intermediate.int_texts as texts
