-- marts.journey_paths: compiled by cxw from sql/marts/journey_paths.sql (materialized: table).
-- journey_paths: the most common journeys, as sequences of stage:channel steps. A buyer's path runs from their
-- first touchpoint up to and including their first purchase; a non-buyer's path is every touchpoint they had.
--
-- Steps are ordered by time, except that a buyer's first purchase is always the last step: an order carries only
-- its close date, so the inquiries of that day (which fct_touchpoints counts as leading up to it) come before it.
-- Consecutive repeats of a step collapse into one; a path of more than five steps is written as its first step
-- and its last four with ' > … > ' between, and steps is then the fewest steps of the journeys it merges. The 50
-- most common paths of each kind are kept (rank ties broken by the path text) and the rest add up to one
-- '(other paths)' row, ranked 51, so a kind's customers add up. median_days is first step to last step.
with

touchpoints as (

    select * from core.fct_touchpoints

),

first_purchases as (

    select
        customer_key,
        min(occurred_at) as first_purchase_at,
        first(touchpoint_id order by occurred_at, touchpoint_type, touchpoint_id) as touchpoint_id
    from touchpoints
    where journey_stage = 'purchase'
    group by 1

),

path_touchpoints as (

    select
        touchpoints.customer_key,
        case when first_purchases.customer_key is null then 'non_buyer' else 'buyer' end as path_kind,
        touchpoints.journey_stage,
        touchpoints.journey_stage || ':' || touchpoints.channel as step,
        touchpoints.occurred_at,
        row_number() over steps_in_order as step_seq,
        -- The step before (step: the column above), from the same sort as the step's number, not a second window.
        lag(step) over steps_in_order as previous_step
    from touchpoints
    left join first_purchases on first_purchases.customer_key = touchpoints.customer_key
    where first_purchases.customer_key is null
        or (touchpoints.journey_stage = 'purchase' and touchpoints.touchpoint_id = first_purchases.touchpoint_id)
        or (touchpoints.journey_stage in ('awareness', 'consideration')
            -- within a day (24 hours) of the first purchase, as epoch microseconds (as fct_touchpoints decides)
            and epoch_us(touchpoints.occurred_at) < epoch_us(first_purchases.first_purchase_at) + 86400000000)
    window steps_in_order as (
        partition by touchpoints.customer_key
        order by touchpoints.journey_stage = 'purchase', touchpoints.occurred_at, touchpoints.touchpoint_type,
            touchpoints.touchpoint_id
    )

),

collapsed as (

    select *
    from path_touchpoints
    where previous_step is null or previous_step <> step

),

customer_paths as (

    select
        collapsed.customer_key,
        collapsed.path_kind,
        -- The steps in order: gathered unordered and sorted per customer by their unique step_seq, which is half the
        -- time of list(step order by step_seq) (1.8 s -> 1.0 s at scale 100) and gives the same lists.
        list_transform(list_sort(list({'seq': collapsed.step_seq, 'step': collapsed.step})), x -> x.step) as step_list,
        cast(count(*) as integer) as steps,
        arg_max_null(collapsed.journey_stage, collapsed.step_seq) as last_stage,
        spans.span_days
    from collapsed
    inner join (
        select customer_key, (epoch(max(occurred_at)) - epoch(min(occurred_at))) / 86400 as span_days
        from path_touchpoints
        group by 1
    ) as spans on spans.customer_key = collapsed.customer_key
    group by collapsed.customer_key, collapsed.path_kind, spans.span_days

),

written as (

    select
        customer_paths.*,
        case when steps <= 5 then array_to_string(step_list, ' > ')
             else step_list[1] || ' > … > ' || array_to_string(step_list[steps - 3:steps], ' > ') end as path
    from customer_paths

),

ranked as (

    select
        path_kind,
        path,
        row_number() over (partition by path_kind order by count(*) desc, path) as path_rank
    from written
    group by path_kind, path

),

labelled as (

    select
        written.*,
        case when ranked.path_rank <= 50 then written.path else '(other paths)' end as path_label,
        cast(least(ranked.path_rank, 51) as integer) as rank_label
    from written
    inner join ranked on ranked.path_kind = written.path_kind and ranked.path = written.path

),

final as (

    select
        path_kind,
        path_label as path,
        case when rank_label <= 50 then min(steps) end as steps,
        count(*) as customers,
        100 * cast(count(*) as double) / sum(count(*)) over (partition by path_kind) as share_pct,
        rank_label as path_rank,
        case when count(distinct last_stage) = 1 then min(last_stage) end as last_stage,
        median(span_days) as median_days
    from labelled
    group by path_kind, path_label, rank_label

)

select * from final
order by path_kind, path_rank
