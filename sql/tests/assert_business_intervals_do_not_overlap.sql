-- No two open intervals of one business calendar overlap, so no open minute is counted twice.
select intervals.location_id, intervals.opens_at, intervals.closes_at, intervals.next_opens_at
from (
    select
        location_id,
        opens_at,
        closes_at,
        lead(opens_at) over (partition by location_id order by opens_at) as next_opens_at
    from intermediate.int_business_intervals
) as intervals
where intervals.next_opens_at < intervals.closes_at
