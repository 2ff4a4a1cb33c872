-- What the reports read of the market around the business (WarehouseReader.Market): emerging topics and the
-- competitors' benchmark. {{ limit }} is the report's row limit.

-- name: emerging_topics
select period_grain, period_start, term, cast(mentions as bigint), cast(negative_texts as bigint),
       cast(share as double), cast(baseline_share as double), cast(z as double), cast(p_value as double),
       coalesce(example, '')
from marts.emerging_topics
where unit = 'all' and is_emerging
  and ((period_grain = $1 and period_start = $2)
    or (period_grain = 'month' and period_start = cast(date_trunc('month', cast($3 as date)) as date)))
order by case when period_grain = $1 then 0 else 1 end, z desc, term
limit {{ limit }}

-- name: competitors
select period_start, unit, business, is_own, cast(reviews as bigint), cast(mean_rating as double),
       cast(share_negative as double), cast(mean_sentiment as double), cast(response_rate as double),
       coalesce(top_topics, ''), cast(rating_vs_own as double), cast(rating_rank as bigint),
       cast(businesses as bigint), coalesce(is_low_sample, false)
from marts.competitor_benchmark as b
where period_grain = 'month' and period_start = cast(date_trunc('month', cast($1 as date)) as date)
  and exists (select 1 from marts.competitor_benchmark as c
              where c.period_grain = b.period_grain and c.period_start = b.period_start
                and c.unit = b.unit and not c.is_own)
order by case when unit = 'all' then 0 else 1 end, unit, is_own desc, rating_rank nulls last, business
