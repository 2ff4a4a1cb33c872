    -- {{ name }}: {{ formula }} (sql/kpis.yml line {{ line }})
    select
        {{ grain }} as period_grain,
        {{ start }} as period_start,
        {{ dimension }} as dimension,
        {{ dimension_value }} as dimension_value,
        {{ kpi }} as kpi,
        cast({{ numerator }} as double) as numerator,
        cast({{ denominator }} as double) as denominator,
        cast({{ n }} as bigint) as n,
        cast({{ value }} as double) as direct_value,
        cast({{ scale }} as double) as scale,
        {{ no_status_reason }} as no_status_reason,
        cast({{ squares }} as double) as squares,
        {{ interval }} as interval_method,
        {{ iqr }} as iqr
    from (
        select{{ units }}
            source.*
        from {{ relation }} as source{{ where }}
    ) as units
    group by grouping sets ({{ grouping_sets }})
