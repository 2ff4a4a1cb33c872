-- benchmark: every KPI value (period and unit) against its target, the industry baseline (sql/seeds/
-- industry_baselines.csv, each row citing its source), the prior period and its peers: units of the same
-- dimension ranked on the same KPI in the same period. Status: green when the target is met, amber within the
-- KPI's tolerance of it, red otherwise; the KPI's direction says which way is better; none where the registry
-- says the value cannot mean what its target assumes (no_status_reason).
with

kpi_values as (

    select * from marts.kpi_values

),

registry as (

    select kpi, direction, target, tolerance from marts.kpi_registry

),

baselines as (

    select
        kpi,
        cast(baseline as double) as baseline,
        source || ' (' || coalesce(cast(year as varchar), 'n.d.') || ')' as baseline_source,
        url as baseline_url
    from seeds.industry_baselines

),

with_prior as (

    select
        current_period.*,
        cast(current_period.period_start
            - case current_period.period_grain when 'week' then interval 7 day else interval 1 month end as date)
            as prior_period_start
    from kpi_values as current_period

),

compared as (

    select
        with_prior.*,
        prior.value as prior_value,
        registry.direction,
        registry.target,
        registry.tolerance,
        baselines.baseline,
        baselines.baseline_source,
        baselines.baseline_url
    from with_prior
    inner join registry
        on registry.kpi = with_prior.kpi
    left join baselines
        on baselines.kpi = with_prior.kpi
    left join kpi_values as prior
        on prior.kpi = with_prior.kpi
        and prior.period_grain = with_prior.period_grain
        and prior.period_start = with_prior.prior_period_start
        and prior.dimension = with_prior.dimension
        and prior.dimension_value = with_prior.dimension_value

),

ranked as (

    select
        compared.*,
        -- Goodness: the value with the better direction up, so rank 1 and percentile 100 are the best unit.
        case when compared.direction = 'lower' then -compared.value else compared.value end as goodness
    from compared

),

final as (

    select
        period_grain,
        period_start,
        kpi,
        dimension,
        dimension_value,
        value,
        n,
        is_low_sample,
        target,
        tolerance,
        direction,
        baseline,
        baseline_source,
        baseline_url,
        value - baseline as baseline_delta,
        prior_period_start,
        prior_value,
        value - prior_value as delta,
        case when dimension <> 'all' and value is not null then cast(rank() over (
            partition by period_grain, period_start, kpi, dimension, value is null order by goodness desc
        ) as integer) end as peer_rank,
        case when dimension <> 'all' and value is not null then cast(count(value) over (
            partition by period_grain, period_start, kpi, dimension
        ) as integer) end as peer_count,
        case when dimension <> 'all' and value is not null and count(value) over (
                partition by period_grain, period_start, kpi, dimension) > 1
            then 100.0 * percent_rank() over (
                partition by period_grain, period_start, kpi, dimension, value is null order by goodness)
        end as peer_percentile,
        -- No status where the registry says the value cannot mean what the target assumes (no_status_reason).
        no_status_reason,
        case
            when target is null or value is null or no_status_reason is not null then null
            when direction = 'higher' and value >= target then 'green'
            when direction = 'lower' and value <= target then 'green'
            when direction = 'higher' and value >= target - tolerance then 'amber'
            when direction = 'lower' and value <= target + tolerance then 'amber'
            else 'red'
        end as status
    from ranked

)

select * from final
order by period_grain, period_start, kpi, dimension, dimension_value
