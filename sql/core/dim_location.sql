-- dim_location: one row per location code seen in any source.
with

codes as (

    select location_id from staging.stg_crm__customers
    union select location_id from staging.stg_crm__orders
    union select location_id from staging.stg_crm__tickets
    union select location_id from staging.stg_calls__calls
    union select location_id from staging.stg_surveys__responses
    union select location_id from staging.stg_reviews__reviews

),

final as (

    select
        location_id,
        location_id as location_name
    from codes
    where location_id is not null

)

select * from final
