-- core.fct_competitor_reviews: compiled by cxw from sql/core/fct_competitor_reviews.sql (materialized: table).
-- fct_competitor_reviews: one row per review of a competitor (a reviews source marked competitor: in
-- cxwarehouse.yml), scored as the business's own are; location_id is the business's location it was mapped to
-- (location_map), else the review site's own id for the competitor's shop.
select *
from intermediate.int_reviews_scored
where competitor is not null
order by source_name, review_id
