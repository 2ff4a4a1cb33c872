-- The NPS denominators of a year's months add up to the responses in the fact table.
with

monthly as (

    select sum(denominator) as responses
    from marts.kpi_values
    where kpi = 'nps' and dimension = 'all' and period_grain = 'month'

),

facts as (

    select count(nps_score) as responses from core.fct_survey_responses

)

select monthly.responses as in_marts, facts.responses as in_facts
from monthly
cross join facts
where coalesce(monthly.responses, 0) <> facts.responses
