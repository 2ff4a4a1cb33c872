-- core.dim_product: compiled by cxw from sql/core/dim_product.sql (materialized: table).
-- dim_product: one row per product or package sold, with its order count and typical price.
with

orders as (

    select * from core.fct_orders where product_id is not null

),

final as (

    select
        product_id,
        count(*) as orders,
        count(*) filter (where is_won) as won_orders,
        median(amount_reporting) filter (where is_won) as median_amount_reporting,
        min(ordered_at) as first_ordered_at
    from orders
    group by product_id

)

select * from final
