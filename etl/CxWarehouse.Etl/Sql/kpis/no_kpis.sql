    select cast(null as varchar) as period_grain, cast(null as date) as period_start,
        cast(null as varchar) as dimension, cast(null as varchar) as dimension_value, cast(null as varchar) as kpi,
        cast(null as double) as numerator, cast(null as double) as denominator, cast(null as bigint) as n,
        cast(null as double) as direct_value, cast(null as double) as scale,
        cast(null as varchar) as no_status_reason, cast(null as double) as squares,
        cast(null as varchar) as interval_method, cast(null as double) as iqr
    where false
