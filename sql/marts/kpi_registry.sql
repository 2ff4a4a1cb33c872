-- kpi_registry: one row per KPI as declared in sql/kpis.yml (the single declaration that marts.kpi_values, the
-- workbook and the HTML report read).
-- Targets in cxwarehouse.yml override the shipped defaults.
with

registry as (

    select * from seeds.kpi_registry

),

targets as (

    select * from config.targets

),

final as (

    select
        registry.kpi,
        registry.label,
        registry.description,
        registry.unit,
        -- Money is in the reporting currency; a rate says what it is counted per (sql/kpis.yml unit_label).
        coalesce(registry.unit_label, case when registry.unit = 'currency'
            then setting('currency') end) as unit_label,
        registry.interval_method,
        registry.direction,
        registry.formula,
        registry.source,
        cast(registry.min_sample as integer) as min_sample,
        cast(coalesce(targets.target, registry.target) as double) as target,
        cast(registry.tolerance as double) as tolerance,
        cast(registry.display_order as integer) as display_order
    from registry
    left join targets
        on targets.kpi = registry.kpi

)

select * from final
