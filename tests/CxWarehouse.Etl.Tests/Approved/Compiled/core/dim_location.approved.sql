-- core.dim_location: compiled by cxw from sql/core/dim_location.sql (materialized: table).
-- dim_location: one row per location code seen in any source, named from sql/seeds/locations.csv.
with

codes as (

    select location_id from staging.stg_crm__customers
    union select location_id from staging.stg_crm__orders
    union select location_id from staging.stg_crm__tickets
    union select location_id from staging.stg_calls__calls
    union select location_id from staging.stg_surveys__responses
    union select location_id from staging.stg_reviews__reviews where competitor is null

),

seeded as (

    select * from seeds.locations

),

final as (

    select
        codes.location_id,
        coalesce(seeded.location_name, codes.location_id) as location_name,
        seeded.city,
        seeded.country_code,
        seeded.time_zone
    from codes
    left join seeded on seeded.location_id = codes.location_id
    where codes.location_id is not null

)

select * from final
