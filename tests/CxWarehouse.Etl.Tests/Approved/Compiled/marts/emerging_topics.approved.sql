-- marts.emerging_topics: compiled by cxw from sql/marts/emerging_topics.sql (materialized: table).
-- emerging_topics: terms and phrases whose share of negative feedback rose significantly against the prior periods,
-- so that a problem nobody has named yet (no topic of the taxonomy lists it) is seen.
--
-- Negative feedback: a review text labelled negative or rated 1-2, and a survey comment labelled negative or
-- written with an NPS of 0-6 or a CSAT of 1-2 (the follow-ups' detractors and low CSAT). Its terms are cx_terms':
-- the words that name something and the two-word phrases (Chinese: character pairs), each counted once per text.
--
-- Per period (ISO week, month), unit (location and 'all') and term mentioned in at least 5 negative texts of the
-- period: share = texts mentioning it / negative texts of the period; baseline_share = the same over the prior
-- 8 weeks (week grain) or 3 months (month grain). The test is a one-sided two-proportion z-test with the pooled
-- proportion; with hundreds of terms tested per period, a term is emerging when its p-value passes the
-- Benjamini-Hochberg step-up procedure at a false discovery rate of 5% among the period's and unit's tested terms.
-- A term is tested only where the baseline holds at least 20 negative texts (is_tested false otherwise).
with

negative_texts as (

    select
        'review:' || review_id as text_id,
        posted_local as written_local,
        coalesce(location_id, 'unknown') as location,
        review_text as text,
        cx_terms(review_text, language) as terms
    from core.fct_reviews
    where review_text is not null and (sentiment_label = 'negative' or rating <= 2)
    union all
    select
        'survey:' || response_id,
        responded_local,
        coalesce(location_id, 'unknown'),
        comment,
        cx_terms(comment, language)
    from core.fct_survey_responses
    where comment is not null and (comment_sentiment_label = 'negative' or nps_score <= 6 or csat_score <= 2)

),

grains as (

    select 'week' as period_grain, interval 56 day as baseline_span
    union all
    select 'month', interval 3 month

),

units as (

    select grains.period_grain, grains.baseline_span,
        cast(date_trunc(grains.period_grain, negative_texts.written_local) as date) as period_start,
        negative_texts.location as unit, negative_texts.text_id, negative_texts.text, negative_texts.terms
    from negative_texts
    cross join grains
    union all
    select grains.period_grain, grains.baseline_span,
        cast(date_trunc(grains.period_grain, negative_texts.written_local) as date),
        'all', negative_texts.text_id, negative_texts.text, negative_texts.terms
    from negative_texts
    cross join grains

),

totals as (

    select period_grain, period_start, unit, count(*) as negative_texts
    from units
    group by period_grain, period_start, unit

),

term_texts as (

    select distinct units.period_grain, units.baseline_span, units.period_start, units.unit, units.text_id,
        units.text, trim(t.term) as term
    from units, unnest(string_split(units.terms, ',')) as t(term)
    where units.terms is not null and trim(t.term) <> ''

),

term_counts as (

    select
        period_grain,
        any_value(baseline_span) as baseline_span,
        period_start,
        unit,
        term,
        count(*) as mentions,
        -- The example: the shortest negative text of the period with the term (quickest to read).
        first(text order by length(text), text_id) as example
    from term_texts
    group by period_grain, period_start, unit, term

),

candidates as (

    select term_counts.*, cast(term_counts.period_start - term_counts.baseline_span as date) as baseline_start
    from term_counts
    where term_counts.mentions >= 5

),

with_baseline as (

    select
        candidates.period_grain,
        candidates.period_start,
        candidates.unit,
        candidates.term,
        candidates.mentions,
        candidates.example,
        candidates.baseline_start,
        cast(coalesce(sum(prior.mentions), 0) as bigint) as baseline_mentions
    from candidates
    left join term_counts as prior
        on prior.period_grain = candidates.period_grain
        and prior.unit = candidates.unit
        and prior.term = candidates.term
        and prior.period_start >= candidates.baseline_start
        and prior.period_start < candidates.period_start
    group by all

),

baseline_totals as (

    select
        keys.period_grain,
        keys.period_start,
        keys.unit,
        cast(coalesce(sum(prior.negative_texts), 0) as bigint) as baseline_texts
    from (select distinct period_grain, period_start, unit, baseline_start from candidates) as keys
    left join totals as prior
        on prior.period_grain = keys.period_grain
        and prior.unit = keys.unit
        and prior.period_start >= keys.baseline_start
        and prior.period_start < keys.period_start
    group by keys.period_grain, keys.period_start, keys.unit

),

tested as (

    select
        with_baseline.*,
        totals.negative_texts,
        baseline_totals.baseline_texts,
        with_baseline.mentions / totals.negative_texts as share,
        case when baseline_totals.baseline_texts > 0
            then with_baseline.baseline_mentions / baseline_totals.baseline_texts end as baseline_share,
        (with_baseline.mentions + with_baseline.baseline_mentions)
            / (totals.negative_texts + baseline_totals.baseline_texts) as pooled,
        baseline_totals.baseline_texts >= 20 as is_tested
    from with_baseline
    inner join totals
        on totals.period_grain = with_baseline.period_grain
        and totals.period_start = with_baseline.period_start
        and totals.unit = with_baseline.unit
    inner join baseline_totals
        on baseline_totals.period_grain = with_baseline.period_grain
        and baseline_totals.period_start = with_baseline.period_start
        and baseline_totals.unit = with_baseline.unit

),

scored as (

    select
        tested.*,
        case when tested.is_tested and tested.pooled > 0 and tested.pooled < 1
            then (tested.share - tested.baseline_share)
                / sqrt(tested.pooled * (1 - tested.pooled) * (1.0 / tested.negative_texts + 1.0 / tested.baseline_texts))
        end as z
    from tested

),

with_p as (

    -- One-sided p-value P(Z >= z) from the normal distribution (Abramowitz and Stegun 7.1.26 for erf, absolute
    -- error below 1.5e-7): for x = |z| / sqrt(2), t = 1 / (1 + 0.3275911 x), erfc(x) = poly(t) exp(-x^2).
    select
        scored.*,
        case when scored.z is not null then
            case when scored.z >= 0 then tail else 1 - tail end
        end as p_value
    from (
        select
            scored.*,
            0.5 * (t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))))
                * exp(-(x * x)) as tail
        from (
            select scored.*, abs(scored.z) / sqrt(2) as x, 1 / (1 + 0.3275911 * abs(scored.z) / sqrt(2)) as t
            from scored
        ) as scored
    ) as scored

),

ranked as (

    select
        with_p.*,
        count(with_p.p_value) over (partition by period_grain, period_start, unit) as terms_tested,
        rank() over (partition by period_grain, period_start, unit, with_p.p_value is null order by with_p.p_value)
            as p_rank
    from with_p

),

stepped as (

    -- Benjamini-Hochberg: the largest rank k whose p-value is at most 0.05 k / m; every term up to it is a discovery.
    select
        ranked.*,
        max(case when ranked.p_value is not null and ranked.p_value <= 0.05 * ranked.p_rank / ranked.terms_tested
            then ranked.p_rank end) over (partition by period_grain, period_start, unit) as discoveries
    from ranked

),

final as (

    select
        period_grain,
        period_start,
        unit,
        term,
        case when term like '% %' then 'phrase' else 'term' end as term_kind,
        mentions,
        negative_texts,
        share,
        baseline_start,
        baseline_mentions,
        baseline_texts,
        baseline_share,
        share - baseline_share as share_change,
        z,
        p_value,
        is_tested,
        coalesce(p_value is not null and p_rank <= discoveries and share > baseline_share, false) as is_emerging,
        example
    from stepped

)

select * from final
order by period_grain, period_start, unit, is_emerging desc, z desc nulls last, term
