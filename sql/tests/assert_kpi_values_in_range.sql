-- Every percentage lies in 0..100 (but retention, whose (E - N) / S exceeds 100 when lapsed customers come back),
-- NPS in -100..100, and scores on their scales.
select kpi_values.kpi, kpi_values.dimension, kpi_values.dimension_value, kpi_values.period_start, kpi_values.value
from marts.kpi_values as kpi_values
inner join marts.kpi_registry as registry
    on registry.kpi = kpi_values.kpi
where (registry.unit = 'pct' and kpi_values.kpi <> 'retention_rate' and kpi_values.value not between 0 and 100)
    or (kpi_values.kpi = 'retention_rate' and kpi_values.value < 0)
    or (kpi_values.kpi = 'nps' and kpi_values.value not between -100 and 100)
    or (kpi_values.kpi in ('csat_mean', 'review_rating') and kpi_values.value not between 1 and 5)
    or (kpi_values.kpi = 'ces' and kpi_values.value not between 1 and 7)
    or (kpi_values.kpi = 'review_sentiment' and kpi_values.value not between -1 and 1)
    or (registry.unit in ('seconds', 'minutes', 'hours', 'ratio', 'currency') and kpi_values.value < 0)
