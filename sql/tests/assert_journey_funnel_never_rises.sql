-- Reaching a stage implies the earlier ones, so a funnel's customers never rise from one stage to the next, each
-- stage's reached_next is the next stage's customers, and the 'all' rows count every customer with a touchpoint once.
with

funnel as (

    select
        *,
        lead(customers) over (
            partition by period_grain, period_start, segment, channel order by stage_order
        ) as next_customers
    from marts.journey_funnel

),

starts as (

    select period_grain, sum(customers) as customers
    from marts.journey_funnel
    where segment = 'all' and channel = 'all' and stage = 'awareness'
    group by 1

),

touched as (

    select count(distinct customer_key) as customers from core.fct_touchpoints

)

select funnel.period_grain, funnel.period_start, funnel.segment, funnel.channel, funnel.stage,
    funnel.customers, funnel.next_customers, funnel.reached_next, 'stage' as failure
from funnel
where funnel.next_customers > funnel.customers
    or (funnel.stage_order < 5 and funnel.reached_next is distinct from funnel.next_customers)
union all
select starts.period_grain, null, 'all', 'all', 'awareness', starts.customers, touched.customers, null, 'total'
from starts
cross join touched
where starts.customers <> touched.customers
