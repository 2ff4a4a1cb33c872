-- core.dim_customer: compiled by cxw from sql/core/dim_customer.sql (materialized: table).
-- dim_customer: one row per person known to the CRM, merged across sources by identity resolution, with the
-- golden record: each attribute's most recent non-null value, CRM first, then surveys.
with

clusters as (

    select node, customer_key from core.customer_keys

),

records as (

    select * from intermediate.int_identity_records

),

customers as (

    select * from staging.stg_crm__customers

),

members as (

    select clusters.customer_key, records.*
    from records
    inner join clusters on clusters.node = records.node

),

known as (

    select distinct customer_key from members where source = 'crm'

),

golden as (

    select
        members.customer_key,
        first(members.first_name order by members.source_priority, members.seen_at desc, members.node)
            filter (where members.first_name is not null) as first_name,
        first(members.last_name order by members.source_priority, members.seen_at desc, members.node)
            filter (where members.last_name is not null) as last_name,
        first(members.email order by members.source_priority, members.seen_at desc, members.node)
            filter (where members.email is not null) as email,
        first(members.phone order by members.source_priority, members.seen_at desc, members.node)
            filter (where members.phone is not null) as phone,
        count(*) filter (where members.source = 'crm') as crm_records,
        count(*) as source_records,
        min(members.record_id) filter (where members.source = 'crm') as first_crm_id
    from members
    inner join known on known.customer_key = members.customer_key
    group by members.customer_key

),

crm_attributes as (

    select
        clusters.customer_key,
        first(customers.segment order by customers.updated_at desc, customers.customer_id) filter (where customers.segment is not null) as segment,
        first(customers.location_id order by customers.updated_at desc, customers.customer_id) filter (where customers.location_id is not null)
            as home_location_id,
        first(customers.city order by customers.updated_at desc, customers.customer_id) filter (where customers.city is not null) as city,
        first(customers.country order by customers.updated_at desc, customers.customer_id) filter (where customers.country is not null) as country,
        first(customers.lead_source order by customers.created_at, customers.customer_id) filter (where customers.lead_source is not null)
            as lead_source,
        min(customers.created_at) as first_seen_at,
        bool_or(customers.is_opted_out) as is_opted_out,
        first(customers.source_person_id order by customers.updated_at desc, customers.customer_id) as source_person_id
    from customers
    inner join clusters on clusters.node = 'crm:' || customers.customer_id
    group by clusters.customer_key

),

final as (

    select
        golden.customer_key,
        crm_attributes.source_person_id,
        golden.first_name,
        golden.last_name,
        golden.email,
        golden.phone,
        crm_attributes.segment,
        crm_attributes.home_location_id,
        crm_attributes.city,
        crm_attributes.country,
        crm_attributes.lead_source,
        crm_attributes.is_opted_out,
        crm_attributes.first_seen_at,
        golden.crm_records,
        golden.source_records
    from golden
    inner join crm_attributes on crm_attributes.customer_key = golden.customer_key

)

select * from final
