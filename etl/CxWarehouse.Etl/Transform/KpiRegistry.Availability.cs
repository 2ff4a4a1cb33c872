using System.Globalization;
using System.Text;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Transform;

public static partial class KpiRegistry
{
    /// <summary>
    /// The select of <c>marts.kpi_availability</c>: for every KPI, ISO week and month of the data, whether each
    /// input the KPI needs has rows in the period and, where one has none, what is missing ("no NPS answers in the
    /// surveys data"). marts.kpi_values leaves out the periods where a KPI is not available, and the reports say why.
    /// The frame is <c>Sql/kpis/kpi_availability.sql</c>, the per-input and per-check selects
    /// <c>Sql/kpis/availability_parts.sql</c>; C# fills in the declarations.
    /// </summary>
    public static string GenerateKpiAvailabilitySql(IReadOnlyList<KpiDefinition> kpis)
    {
        const string Parts = "kpis/availability_parts.sql";
        // Each distinct input (relation, time, condition) is counted once per period, however many KPIs need it.
        var inputs = new Dictionary<(string, string?, string?), string>();
        var ctes = new StringBuilder();
        foreach (var check in kpis.SelectMany(k => k.Checks))
        {
            var key = (check.From, check.Time, check.Where);
            if (inputs.ContainsKey(key))
            {
                continue;
            }
            var name = $"input_{inputs.Count + 1}";
            inputs[key] = name;
            var where = check.Where is null ? "" : $"\n        where {check.Where}";
            var counted = check.Time is not null
                ? SqlResources.Get(Parts, "input_by_time", ("time", check.Time), ("relation", check.From),
                    ("where", where.Replace("\n", "\n        ", StringComparison.Ordinal)))
                : SqlResources.Get(Parts, "input_by_period", ("relation", check.From), ("where", where));
            ctes.Append($"\n{name} as (\n\n{counted}\n\n),\n");
        }
        // Every period of the data: the calendar's (UTC days) and each input's own (local time cuts them), so a
        // period at the data's edge is never left out.
        var inputPeriods = string.Concat(inputs.Values.Select(i => $"\n    union\n    select period_grain, period_start from {i}"));
        var parts = new List<string>();
        foreach (var kpi in kpis)
        {
            for (var i = 0; i < kpi.Checks.Count; i++)
            {
                var check = kpi.Checks[i];
                parts.Add(SqlResources.Get(Parts, "check", ("kpi", SqlLiteral(kpi.Name)),
                    ("check_order", i.ToString(CultureInfo.InvariantCulture)), ("missing", check.Missing),
                    ("input", inputs[(check.From, check.Time, check.Where)])));
            }
        }
        var checks = parts.Count == 0 ? SqlResources.Get(Parts, "no_checks") : string.Join("\n    union all\n", parts);
        return SqlResources.Get("kpis/kpi_availability.sql", ("inputs", ctes.ToString()), ("input_periods", inputPeriods),
            ("checks", checks)) + "\n";
    }
}
