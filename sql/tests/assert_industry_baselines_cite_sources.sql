-- Every industry baseline names a declared KPI, once, with a number, its source and a link to it.
select baselines.kpi, baselines.baseline, baselines.source, baselines.url
from seeds.industry_baselines as baselines
left join marts.kpi_registry as registry
    on registry.kpi = baselines.kpi
where registry.kpi is null
    or baselines.baseline is null
    or coalesce(trim(baselines.source), '') = ''
    or baselines.url not like 'https://%'
    or baselines.kpi in (select kpi from seeds.industry_baselines group by kpi having count(*) > 1)
