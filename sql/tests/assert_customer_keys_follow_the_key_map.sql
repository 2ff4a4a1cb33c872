-- Keys that survive merges: every record's key is live, every key ever issued stands for a live key, no key was
-- issued twice, and the customer history holds only live or removed keys (a merged key's versions moved to its
-- survivor), with each current version naming a customer of dim_customer. Returns the offending keys.
select 'record key not live' as problem, keys.customer_key
from core.customer_keys as keys
left join core.customer_key_map as map on map.customer_key = keys.customer_key
where map.customer_key is null or map.retired_at is not null

union all

select 'maps to a key that is not live', map.customer_key
from core.customer_key_map as map
left join core.customer_key_map as live on live.customer_key = map.current_key
where live.customer_key is null or live.current_key <> live.customer_key

union all

select 'issued twice', customer_key
from core.customer_key_map
group by customer_key
having count(*) > 1

union all

select 'history under a merged key', history.customer_key
from core.dim_customer_history as history
left join core.customer_key_map as map on map.customer_key = history.customer_key
where map.customer_key is null or map.current_key <> map.customer_key

union all

select 'current version of no customer', history.customer_key
from core.dim_customer_history as history
anti join core.dim_customer as customers on customers.customer_key = history.customer_key
where history.is_current
