-- kpi_values: generated from sql/kpis.yml (the KPI registry); edit the declarations, not this SQL.
-- One row per KPI, period (ISO week and month, in the reporting time zone) and dimension value,
-- with the numerator, denominator and sample size behind every value.
with
{{ kpis }}
unioned as (

{{ unioned }}

),

valued as (

    select
        unioned.period_grain,
        unioned.period_start,
        unioned.kpi,
        unioned.dimension,
        unioned.dimension_value,
        case
            when unioned.direct_value is not null then unioned.direct_value
            when unioned.denominator <> 0 then unioned.scale * unioned.numerator / unioned.denominator
        end as value,
        unioned.numerator,
        unioned.denominator,
        unioned.n,
        unioned.n < registry.min_sample as is_low_sample,
        unioned.no_status_reason,
        unioned.interval_method,
        unioned.squares,
        unioned.iqr,
        unioned.scale
    from unioned
    inner join marts.kpi_registry as registry
        on registry.kpi = unioned.kpi
    -- Available only where every input the KPI needs has rows in the period (marts.kpi_availability):
    -- a complaint rate without tickets is unavailable, never 0.
    left join marts.kpi_availability as availability
        on availability.kpi = unioned.kpi
        and availability.period_grain = unioned.period_grain
        and availability.period_start = unioned.period_start
    where unioned.period_start is not null
        and unioned.dimension_value is not null
        and unioned.n > 0
        -- A ratio whose numerator has nothing to add up (no spend recorded, say) is unavailable, not zero.
        and (unioned.direct_value is not null or unioned.numerator is not null)
        and availability.is_available is not false

),

-- The 95% interval of each value (sql/kpis.yml interval): z = 1.959964 is the normal quantile; t the
-- Student quantile with n - 1 degrees of freedom (the table to 30, the Cornish-Fisher expansion above);
-- a median's standard error is sqrt(pi / 2) sigma / sqrt(n), sigma = IQR / 1.349.
moments as (

    select
        valued.*,
        valued.numerator / nullif(valued.denominator, 0) as share,
        case when valued.denominator >= 2 then
            case when valued.denominator <= 31
                then [12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
                    2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905,
                    2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
                    2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272][cast(valued.denominator - 1 as integer)]
                else 1.959963984540054
                    + 2.372271230 / (valued.denominator - 1)
                    + 2.822498616 / pow(valued.denominator - 1, 2)
                    + 2.555849680 / pow(valued.denominator - 1, 3)
                    + 1.589534053 / pow(valued.denominator - 1, 4)
            end
        end as t_quantile
    from valued

),

intervals as (

    select
        moments.*,
        case
            when interval_method = 'wilson' and share between 0 and 1 then
                (share + 3.841458820694124 / (2 * denominator)
                    - 1.959963984540054 * sqrt(share * (1 - share) / denominator
                        + 3.841458820694124 / (4 * denominator * denominator)))
                / (1 + 3.841458820694124 / denominator) * scale
            when interval_method = 'mean' and denominator >= 2 then
                value - t_quantile * abs(scale)
                    * sqrt(greatest(0, (squares - denominator * share * share) / (denominator - 1)) / denominator)
            when interval_method = 'nps' then
                value - 1.959963984540054 * abs(scale)
                    * sqrt(greatest(0, squares / denominator - share * share) / denominator)
            when interval_method = 'poisson' and numerator >= 0 then
                value - 1.959963984540054 * abs(scale) * sqrt(numerator) / denominator
            when interval_method = 'median' and n >= 2 then
                value - 1.959963984540054 * 1.2533141373155 * iqr / 1.3489795003921634 / sqrt(n)
        end as ci_low,
        case
            when interval_method = 'wilson' and share between 0 and 1 then
                (share + 3.841458820694124 / (2 * denominator)
                    + 1.959963984540054 * sqrt(share * (1 - share) / denominator
                        + 3.841458820694124 / (4 * denominator * denominator)))
                / (1 + 3.841458820694124 / denominator) * scale
            when interval_method = 'mean' and denominator >= 2 then
                value + t_quantile * abs(scale)
                    * sqrt(greatest(0, (squares - denominator * share * share) / (denominator - 1)) / denominator)
            when interval_method = 'nps' then
                value + 1.959963984540054 * abs(scale)
                    * sqrt(greatest(0, squares / denominator - share * share) / denominator)
            when interval_method = 'poisson' and numerator >= 0 then
                value + 1.959963984540054 * abs(scale) * sqrt(numerator) / denominator
            when interval_method = 'median' and n >= 2 then
                value + 1.959963984540054 * 1.2533141373155 * iqr / 1.3489795003921634 / sqrt(n)
        end as ci_high
    from moments

),

final as (

    select
        period_grain,
        period_start,
        kpi,
        dimension,
        dimension_value,
        value,
        numerator,
        denominator,
        n,
        is_low_sample,
        no_status_reason,
        interval_method,
        ci_low,
        ci_high,
        -- The half-width shown as "± margin" (a Wilson interval is not centred on the value).
        (ci_high - ci_low) / 2 as margin
    from intervals

)

select * from final
order by period_grain, period_start, kpi, dimension, dimension_value
