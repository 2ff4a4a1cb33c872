-- benchmark: every KPI value (period and unit) against its target, the industry baseline (sql/seeds/
-- industry_baselines.csv, each row citing its source), the prior period and its peers: units of the same
-- dimension ranked on the same KPI in the same period. Status: green when the target is met, amber within the
-- KPI's tolerance of it, red otherwise; the KPI's direction says which way is better; none where the registry
-- says the value cannot mean what its target assumes (no_status_reason).
-- Significance: each value carries its 95% interval from marts.kpi_values (ci_low, ci_high, margin). A change
-- since the prior period and a unit's gap to the whole business (dimension all) get the 95% interval of the
-- difference by the MOVER method (Newcombe's for two Wilson intervals; for symmetric intervals the root of the
-- summed squared margins), and a verdict: significant when that interval excludes 0, within noise otherwise, null
-- where either value has no interval (a median, a model's output). Peers are ranked with ties sharing the better
-- rank (rank()), and the percentile is the share of the other peers a unit beats (percent_rank()).
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
        prior.ci_low as prior_ci_low,
        prior.ci_high as prior_ci_high,
        -- A breakdown's overall value; none for the overall row itself.
        case when with_prior.dimension <> 'all' then overall.value end as overall_value,
        case when with_prior.dimension <> 'all' then overall.ci_low end as overall_ci_low,
        case when with_prior.dimension <> 'all' then overall.ci_high end as overall_ci_high,
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
    left join kpi_values as overall
        on overall.kpi = with_prior.kpi
        and overall.period_grain = with_prior.period_grain
        and overall.period_start = with_prior.period_start
        and overall.dimension = 'all'
        -- Not "and with_prior.dimension <> 'all'" here: a condition on the left side alone made the join a nested
        -- loop (the model took 1.0 s for 65,000 values instead of 0.4 s); the overall row's own match is dropped above.

),

-- MOVER: for a difference a - b of estimates with intervals, lower = d - sqrt((a - a_low)^2 + (b_high - b)^2),
-- upper = d + sqrt((a_high - a)^2 + (b - b_low)^2).
differences as (

    select
        compared.*,
        value - prior_value
            - sqrt(pow(value - ci_low, 2) + pow(prior_ci_high - prior_value, 2)) as delta_low,
        value - prior_value
            + sqrt(pow(ci_high - value, 2) + pow(prior_value - prior_ci_low, 2)) as delta_high,
        value - overall_value
            - sqrt(pow(value - ci_low, 2) + pow(overall_ci_high - overall_value, 2)) as peer_gap_low,
        value - overall_value
            + sqrt(pow(ci_high - value, 2) + pow(overall_value - overall_ci_low, 2)) as peer_gap_high
    from compared

),

ranked as (

    select
        differences.*,
        -- Goodness: the value with the better direction up, so rank 1 and percentile 100 are the best unit.
        case when differences.direction = 'lower' then -differences.value else differences.value end as goodness
    from differences

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
        interval_method,
        ci_low,
        ci_high,
        margin,
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
        delta_low,
        delta_high,
        case when delta_low is not null and delta_high is not null
            then delta_low > 0 or delta_high < 0 end as is_change_significant,
        overall_value,
        value - overall_value as peer_gap,
        peer_gap_low,
        peer_gap_high,
        case when peer_gap_low is not null and peer_gap_high is not null
            then peer_gap_low > 0 or peer_gap_high < 0 end as is_peer_gap_significant,
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
