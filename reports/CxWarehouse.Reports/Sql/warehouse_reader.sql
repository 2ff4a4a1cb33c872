-- What the reports read from the warehouse (WarehouseReader): one select per part of the report, each over one
-- mart or audit table. {{ <column> }} markers stand for a column a warehouse built by an older version may lack:
-- the column, cast, where it exists, else a typed NULL. {{ limit }} and the like are the report's row limits.

-- name: tables
select table_schema, table_name from information_schema.tables

-- name: columns
-- A table's columns, without reading it.
select * from {{ table }} limit 0

-- name: latest_weekly_data_date
select max(period_start) + 6 from marts.kpi_values where period_grain = 'week'

-- name: latest_activity_date
-- Orders only when nothing else is configured: bookings can carry future close dates.
select cast(coalesce(max(last_local_date) filter (where is_activity), max(last_local_date)) as date)
from marts.data_coverage

-- name: registry
select kpi, label, description, unit, direction, formula, source,
       cast(min_sample as integer), cast(target as double), cast(tolerance as double),
       cast(display_order as integer), {{ unit_label }}
from marts.kpi_registry
where kpi is not null
order by display_order nulls last, kpi

-- name: availability
select kpi, coalesce(cast(is_available as boolean), true), cast(missing as varchar)
from marts.kpi_availability
where kpi is not null and period_grain = $1 and period_start = $2

-- name: values
select period_grain, period_start, kpi, coalesce(dimension, 'all'), coalesce(dimension_value, ''),
       cast(value as double), cast(numerator as double), cast(denominator as double),
       cast(n as bigint), coalesce(cast(is_low_sample as boolean), false), {{ no_status_reason }}
from marts.kpi_values
where kpi is not null and period_start is not null
  and ((period_grain = $1 and period_start in ($2, $3))
       or (period_grain = 'week' and dimension = 'all' and period_start between $4 and $5))

-- name: benchmark
select kpi, coalesce(dimension, 'all'), coalesce(dimension_value, ''), cast(value as double),
       cast(target as double), cast(baseline as double), cast(prior_value as double),
       cast(delta as double), cast(peer_percentile as double), coalesce(status, 'none'),
       cast(n as bigint), coalesce(cast(is_low_sample as boolean), false),
       coalesce(baseline_source, ''), cast(peer_rank as integer), cast(peer_count as integer),
       period_start, cast(tolerance as double), {{ no_status_reason }},
       {{ margin }}, {{ is_change_significant }},
       {{ peer_gap }}, {{ is_peer_gap_significant }},
       {{ interval_method }}
from marts.benchmark
where kpi is not null and period_grain = $1 and period_start in ($2, $3)

-- name: latest_run
select run_id, epoch_ms(started_at), epoch_ms(ended_at), status
from audit.runs
where run_id is not null
order by started_at desc nulls last
limit 1

-- name: stream_runs
select source, stream, status, cast(rows_read as bigint), cast(rows_loaded as bigint),
       cast(rows_quarantined as bigint), cast(rows_deduplicated{{ deleted }} as bigint), cast(seconds as double),
       epoch_ms(latest_record_at), message, {{ freshness }}, {{ age }}
from audit.stream_runs
where run_id = $1
order by source, stream

-- name: orphans
select relation, child, parent, cast(rows_checked as bigint), cast(orphans as bigint), cast(percent as double),
       status, message
from audit.orphans
where run_id = (select run_id from audit.orphans group by run_id order by run_id desc limit 1)
order by relation

-- name: customers_at_risk
select customer_key, name, email, phone, segment, location, cast(lifetime_revenue as double),
       epoch_ms(last_order_at), cast(churn_risk as double)
from marts.customers_at_risk
order by churn_risk desc nulls last, lifetime_revenue desc nulls last, customer_key
limit {{ limit }}

-- name: voice
select period_start, coalesce(location, ''), coalesce(topic, ''), cast(mentions as bigint),
       cast(share_negative as double), coalesce(quote, '')
from marts.voice_of_customer
where period_grain = $1 and period_start >= $2 and period_start < $3
order by mentions desc nulls last, topic, location

-- name: key_drivers
select period_start, driver, driver_kind, cast(responses_with as bigint), cast(responses as bigint),
       cast(frequency as double), cast(nps_effect as double), cast(nps_effect_low as double),
       cast(nps_effect_high as double), cast(csat_effect as double), cast(csat_effect_low as double),
       cast(csat_effect_high as double), coalesce(is_significant, false), cast(impact_rank as bigint)
from marts.key_drivers
where period_grain = 'quarter' and unit = 'all'
  and period_start = cast(date_trunc('quarter', cast($1 as date)) as date)
order by impact_rank
limit {{ limit }}

-- name: follow_ups
select kind, epoch_ms(raised_at), epoch_ms(due_at), status, owner, owner_type, coalesce(location_id, ''),
       coalesce(customer_key, ''), coalesce(text, '')
from marts.follow_ups
where status in ('overdue', 'open')
order by case status when 'overdue' then 0 else 1 end, due_at, follow_up_id
limit {{ limit }}

-- name: follow_up_owners
select owner, owner_type, count(*) filter (where status = 'open'), count(*) filter (where status = 'overdue'),
       count(*) filter (where status = 'answered'), count(*) filter (where answered_late)
from marts.follow_ups
group by owner, owner_type
order by 4 desc, 3 desc, owner

-- name: latest_funnel_month
select max(period_start) from marts.journey_funnel
where period_grain = 'month' and period_start <= $1

-- name: funnel
select period_start, coalesce(segment, 'all'), coalesce(channel, 'all'), coalesce(stage, ''),
       cast(stage_order as integer), cast(customers as bigint), cast(reached_next as bigint),
       cast(conversion_pct as double), cast(drop_off_pct as double), cast(median_days_to_next as double)
from marts.journey_funnel
where period_grain = 'month' and period_start = $1 and stage_order is not null
order by segment, channel, stage_order

-- name: paths
select path_kind, path, cast(steps as integer), cast(customers as bigint), cast(share_pct as double),
       cast(path_rank as integer), coalesce(last_stage, ''), cast(median_days as double)
from marts.journey_paths
where path_kind in ('buyer', 'non_buyer') and path is not null
qualify row_number() over (
    partition by path_kind order by path_rank nulls last, customers desc nulls last, path) <= {{ limit }}
order by path_kind, path_rank nulls last, customers desc nulls last, path

-- name: cohorts
with cohorts as (
    select distinct cohort_month from marts.cohort_retention
    where cohort_month is not null and cohort_month <= $1
    order by cohort_month desc
    limit {{ max_cohorts }}
)
select cohort_month, cast(months_since as integer), cast(cohort_customers as bigint),
       cast(active_customers as bigint), cast(retention_pct as double)
from marts.cohort_retention
where cohort_month in (select cohort_month from cohorts)
  and months_since between 0 and {{ max_months_since }}
order by cohort_month, months_since
