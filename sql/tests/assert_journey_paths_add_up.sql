-- The paths of each kind add up to its customers: buyers are the customers with a purchase touchpoint, non-buyers
-- the other customers with a touchpoint; shares add up to 100.
with

kinds as (

    select
        case when bool_or(journey_stage = 'purchase') then 'buyer' else 'non_buyer' end as path_kind,
        customer_key
    from core.fct_touchpoints
    group by customer_key

),

expected as (

    select path_kind, count(*) as customers from kinds group by 1

),

paths as (

    select path_kind, sum(customers) as customers, sum(share_pct) as share_pct
    from marts.journey_paths
    group by 1

)

select
    coalesce(expected.path_kind, paths.path_kind) as path_kind,
    expected.customers as expected_customers,
    paths.customers as path_customers,
    paths.share_pct
from expected
full outer join paths on paths.path_kind = expected.path_kind
where expected.customers is distinct from paths.customers or abs(paths.share_pct - 100) > 1e-6
