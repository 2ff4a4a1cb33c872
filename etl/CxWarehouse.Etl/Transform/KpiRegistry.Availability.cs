using System.Globalization;
using System.Text;

namespace CxWarehouse.Etl.Transform;

public static partial class KpiRegistry
{
    /// <summary>
    /// The select of <c>marts.kpi_availability</c>: for every KPI, ISO week and month of the data, whether each
    /// input the KPI needs has rows in the period and, where one has none, what is missing ("no NPS answers in the
    /// surveys data"). marts.kpi_values leaves out the periods where a KPI is not available, and the reports say why.
    /// </summary>
    public static string GenerateKpiAvailabilitySql(IReadOnlyList<KpiDefinition> kpis)
    {
        var sql = new StringBuilder();
        sql.AppendLine("-- kpi_availability: generated from sql/kpis.yml (each KPI's own rows and its declared inputs); edit the");
        sql.AppendLine("-- declarations, not this SQL. One row per KPI and period of the data: available, or what is missing.");
        sql.AppendLine("with");
        // Each distinct input (relation, time, condition) is counted once per period, however many KPIs need it.
        var inputs = new Dictionary<(string, string?, string?), string>();
        foreach (var check in kpis.SelectMany(k => k.Checks))
        {
            var key = (check.From, check.Time, check.Where);
            if (inputs.ContainsKey(key))
            {
                continue;
            }
            var name = $"input_{inputs.Count + 1}";
            inputs[key] = name;
            sql.AppendLine().Append(name).AppendLine(" as (").AppendLine();
            var where = check.Where is null ? "" : $"\n        where {check.Where}";
            if (check.Time is not null)
            {
                sql.AppendLine($"""
                        select
                            case when grouping(_cxw_week) = 0 then 'week' else 'month' end as period_grain,
                            coalesce(_cxw_week, _cxw_month) as period_start,
                            count(*) as n
                        from (
                            select cast(date_trunc('week', {check.Time}) as date) as _cxw_week,
                                cast(date_trunc('month', {check.Time}) as date) as _cxw_month
                            from {check.From} as source{where.Replace("\n", "\n        ", StringComparison.Ordinal)}
                        ) as units
                        group by grouping sets ((_cxw_week), (_cxw_month))
                    """);
            }
            else
            {
                sql.AppendLine($"""
                        select period_grain, cast(period_start as date) as period_start, count(*) as n
                        from {check.From} as source{where}
                        group by period_grain, period_start
                    """);
            }
            sql.AppendLine().AppendLine("),");
        }
        // Every period of the data: the calendar's (UTC days) and each input's own (local time cuts them), so a
        // period at the data's edge is never left out.
        sql.AppendLine("""

            periods as (

                select distinct 'week' as period_grain, week_start as period_start from core.dim_date
                union
                select distinct 'month' as period_grain, month_start as period_start from core.dim_date
            """);
        foreach (var input in inputs.Values)
        {
            sql.AppendLine("    union");
            sql.AppendLine($"    select period_grain, period_start from {input}");
        }
        sql.AppendLine().AppendLine("),");
        sql.AppendLine().AppendLine("checks as (").AppendLine();
        var parts = new List<string>();
        foreach (var kpi in kpis)
        {
            for (var i = 0; i < kpi.Checks.Count; i++)
            {
                var check = kpi.Checks[i];
                var input = inputs[(check.From, check.Time, check.Where)];
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"""
                        select '{kpi.Name}' as kpi, {i} as check_order, period_grain, period_start, n,
                            case when n = 0 then cast(({check.Missing}) as varchar) end as missing
                        from (
                            select periods.period_grain, periods.period_start, coalesce({input}.n, 0) as n
                            from periods
                            left join {input}
                                on {input}.period_grain = periods.period_grain
                                and {input}.period_start = periods.period_start
                        ) as period_inputs
                    """));
            }
        }
        sql.AppendLine(parts.Count == 0
            ? """
                  select cast(null as varchar) as kpi, 0 as check_order, cast(null as varchar) as period_grain,
                      cast(null as date) as period_start, cast(0 as bigint) as n, cast(null as varchar) as missing
                  where false
              """
            : string.Join("\n    union all\n", parts));
        sql.AppendLine().AppendLine("),");
        sql.AppendLine("""

            final as (

                select
                    kpi,
                    period_grain,
                    period_start,
                    bool_and(n > 0) as is_available,
                    -- The first input missing: the declared ones say more than "no rows".
                    arg_min(missing, check_order) filter (where n = 0) as missing
                from checks
                group by kpi, period_grain, period_start

            )

            select * from final
            order by kpi, period_grain, period_start
            """);
        return sql.ToString();
    }
}
