-- core.fct_reviews: compiled by cxw from sql/core/fct_reviews.sql (materialized: table).
-- fct_reviews: one row per review of the business itself (a competitor's reviews are in fct_competitor_reviews and
-- never count here), with its local reporting time, reply delay, sentiment and topics.
select * exclude (competitor)
from intermediate.int_reviews_scored
where competitor is null
order by source_name, review_id
