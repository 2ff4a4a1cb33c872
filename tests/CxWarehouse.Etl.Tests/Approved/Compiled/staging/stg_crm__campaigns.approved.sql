-- staging.stg_crm__campaigns: compiled by cxw from sql/staging/crm/stg_crm__campaigns.sql (materialized: table).
-- materialized: table
-- stg_crm__campaigns: one row per marketing campaign with its spend, also in the reporting currency.
with

source as (

    select * from raw.crm__campaigns

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
        source.campaign_id,
        source.name as campaign_name,
        lower(source.channel) as channel,
        source.started_on,
        source.ended_on,
        source.spend,
        upper(source.currency) as currency,
        source.spend / campaign_rate.units_per_eur * reporting_rate.units_per_eur as spend_reporting,
        source.location_id,
        source.updated_at

    from source
    cross join settings
    left join rates as campaign_rate
        on campaign_rate.currency = upper(coalesce(source.currency, settings.reporting_currency))
    left join rates as reporting_rate
        on reporting_rate.currency = settings.reporting_currency

)

select * from renamed
