-- staging.stg_crm__orders: compiled by cxw from sql/staging/crm/stg_crm__orders.sql (materialized: table).
-- materialized: table
-- stg_crm__orders: one row per order or booking, with the amount also in the reporting currency.
with

source as (

    select * from raw.crm__orders

),

settings as (

    select setting('currency') as reporting_currency

),

rates as (

    select currency, units_per_eur from seeds.fx_rates

),

renamed as (

    select
        source._source as source_name,
        source.order_id,
        source.customer_id,
        source.ordered_at,
        lower(source.status) as status,
        coalesce(source.is_won, lower(source.status) in ('closed won', 'delivered', 'won', 'shipped', 'invoiced')) as is_won,
        source.amount,
        upper(coalesce(source.currency, settings.reporting_currency)) as currency,
        cast(source.amount / order_rate.units_per_eur * reporting_rate.units_per_eur as decimal(18, 2))
            as amount_reporting,
        source.location_id,
        source.product_id,
        lower(source.channel) as channel,
        source.campaign_id,
        source.service_date,
        source.delivered_at,
        source.promised_at,
        source.updated_at

    from source
    cross join settings
    left join rates as order_rate
        on order_rate.currency = upper(coalesce(source.currency, settings.reporting_currency))
    left join rates as reporting_rate
        on reporting_rate.currency = settings.reporting_currency

)

select * from renamed
