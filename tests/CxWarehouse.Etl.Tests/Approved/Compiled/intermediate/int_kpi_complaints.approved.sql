-- intermediate.int_kpi_complaints: compiled by cxw from sql/intermediate/kpi/int_kpi_complaints.sql (materialized: view).
-- int_kpi_complaints: won orders and complaint tickets on one time line, the basis of the complaint rate
-- (complaints per 1,000 orders in the period).
with

orders as (

    select 'order' as kind, ordered_local as occurred_local, location_id
    from core.fct_orders
    where is_won

),

complaints as (

    select 'complaint' as kind, created_local as occurred_local, location_id
    from core.fct_tickets
    where is_complaint

),

final as (

    select * from orders
    union all
    select * from complaints

)

select * from final
