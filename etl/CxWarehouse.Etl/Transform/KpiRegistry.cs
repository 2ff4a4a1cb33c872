using System.Globalization;
using System.Text.RegularExpressions;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Transform;

/// <summary>One KPI as declared in <c>sql/kpis.yml</c>.</summary>
/// <remarks>
/// The value is <c>scale * numerator / denominator</c> (NULL when the denominator is 0), or the
/// <see cref="Value"/> aggregate (a median, say) when one is declared. <see cref="From"/> is read either with a
/// <see cref="Time"/> column cut into ISO weeks and months, or, when there is none, as a relation that already
/// carries <c>period_grain</c> and <c>period_start</c> (customer-period measures such as churn).
/// </remarks>
public sealed record KpiDefinition
{
    public required string Name { get; init; }

    public required string Label { get; init; }

    public required string Description { get; init; }

    /// <summary>The formula in words, as the reports' Definitions show it.</summary>
    public required string Formula { get; init; }

    /// <summary>pct, score, seconds, minutes, hours, ratio, currency or count.</summary>
    public required string Unit { get; init; }

    /// <summary>
    /// What a rate or count is counted in, shown after its values ("per 1,000 won orders"); money is labelled with
    /// the reporting currency without it.
    /// </summary>
    public string? UnitLabel { get; init; }

    /// <summary>higher or lower: which way is better.</summary>
    public required string Direction { get; init; }

    /// <summary>The source kinds the KPI needs (crm, web, calls, surveys, reviews).</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>The relation the KPI aggregates, <c>schema.name</c>.</summary>
    public required string From { get; init; }

    public string? Time { get; init; }

    public string? Where { get; init; }

    public string? Numerator { get; init; }

    public string? Denominator { get; init; }

    public string? Value { get; init; }

    /// <summary>The sample size; the denominator by default.</summary>
    public required string N { get; init; }

    public double Scale { get; init; } = 1;

    /// <summary>Dimension name to the SQL expression giving the unit (location, channel, agent...).</summary>
    public IReadOnlyList<(string Name, string Expression)> Dimensions { get; init; } = [];

    public IReadOnlyList<string> Grains { get; init; } = ["week", "month"];

    public int MinSample { get; init; }

    public double? Target { get; init; }

    public double Tolerance { get; init; }

    public int DisplayOrder { get; init; }

    /// <summary>Line of the declaration in the file, for error messages.</summary>
    public int Line { get; init; }

    /// <summary>
    /// What the KPI needs in a period to be available, each with what to say when it is missing: the inputs declared
    /// under <c>available:</c>, then its own rows (<see cref="From"/> where <see cref="Where"/>).
    /// </summary>
    public IReadOnlyList<KpiInputCheck> Checks { get; init; } = [];

    /// <summary>
    /// A condition over the period's units (an aggregate) under which the value can mean what the target assumes;
    /// where it does not hold, the value is shown without a status, with <see cref="NoStatusNote"/>.
    /// </summary>
    public string? StatusWhen { get; init; }

    public string? NoStatusNote { get; init; }

    /// <summary>How the value's 95% interval is computed: one of <see cref="KpiRegistry.IntervalMethods"/>.</summary>
    public string Interval { get; init; } = "none";

    /// <summary>For the mean and nps intervals: the aggregate sum of the squared unit values.</summary>
    public string? Squares { get; init; }

    /// <summary>For the median interval: the expression whose median the value is (its interquartile range is read).</summary>
    public string? Sample { get; init; }
}

/// <summary>
/// An input a KPI needs in a period: rows of <see cref="From"/> (cut into periods by <see cref="Time"/>, or carrying
/// period_grain and period_start) where <see cref="Where"/> holds. <see cref="Missing"/> is a SQL text expression
/// (over <c>period_grain</c> and <c>period_start</c>) saying what is missing when there are none.
/// </summary>
public sealed record KpiInputCheck(string From, string? Time, string? Where, string Missing);

/// <summary>
/// The KPI registry: every KPI declared once in <c>sql/kpis.yml</c>. The declarations become the
/// <c>seeds.kpi_registry</c> table (which the reports read through <c>marts.kpi_registry</c>) and the SQL of the
/// generated <c>marts.kpi_values</c> model, so a KPI is added or changed in one place.
/// </summary>
public static partial class KpiRegistry
{
    public const string FileName = "kpis.yml";

    public static readonly IReadOnlyList<string> Units =
        ["pct", "score", "seconds", "minutes", "hours", "ratio", "currency", "count"];

    /// <summary>
    /// The 95% intervals a KPI can declare: wilson (a share: the numerator counts units of the denominator), mean
    /// (the mean of a unit's value, by Student's t; needs squares), nps (units scoring +1, 0 or -1: the variance of
    /// the promoter and detractor shares; squares = promoters + detractors), poisson (a count over an exposure, such
    /// as complaints per 1,000 orders), median (the normal-theory standard error of a median, 1.2533 sigma / sqrt(n),
    /// with sigma estimated robustly as IQR / 1.349; needs sample) and none (a model's output or a spend: no
    /// sampling interval).
    /// </summary>
    public static readonly IReadOnlyList<string> IntervalMethods = ["wilson", "mean", "nps", "poisson", "median", "none"];

    private static readonly string[] s_sources = ["crm", "web", "calls", "surveys", "reviews"];

    /// <summary>The declarations in <c>&lt;sqlFolder&gt;/kpis.yml</c>, or none when the file is absent.</summary>
    public static IReadOnlyList<KpiDefinition> Load(string sqlFolder)
    {
        var path = Path.Combine(sqlFolder, FileName);
        if (!File.Exists(path))
        {
            return [];
        }
        using var text = new StreamReader(path);
        return Parse(path, text);
    }

    public static IReadOnlyList<KpiDefinition> Parse(string path, TextReader text)
    {
        var yaml = YamlReader.Load(path, text);
        yaml.OnlyKeys("kpis");
        var kpis = new List<KpiDefinition>();
        foreach (var k in yaml.MapList("kpis"))
        {
            k.OnlyKeys("name", "label", "description", "formula", "unit", "direction", "source", "from", "time",
                "where", "numerator", "denominator", "value", "n", "scale", "dimensions", "grains", "min_sample",
                "target", "tolerance", "missing", "available", "status_when", "no_status", "interval", "squares", "sample", "unit_label");
            var name = k.RequiredString("name");
            if (!NamePattern().IsMatch(name))
            {
                throw k.Error("name", $"'{name}' must be lower-case letters, digits and underscores");
            }
            if (kpis.Any(d => d.Name == name))
            {
                throw k.Error("name", $"the KPI '{name}' is declared twice");
            }
            var from = k.RequiredString("from");
            if (!RelationPattern().IsMatch(from))
            {
                throw k.Error("from", $"'{from}' is not a relation such as core.fct_calls");
            }
            var value = k.String("value");
            var numerator = k.String("numerator");
            var denominator = k.String("denominator");
            if (value is null && (numerator is null || denominator is null))
            {
                throw k.Error("name", $"KPI '{name}' needs a numerator and a denominator, or a value");
            }
            var sources = k.RequiredString("source").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (sources.FirstOrDefault(s => !s_sources.Contains(s)) is { } badSource)
            {
                throw k.Error("source", $"'{badSource}' is not one of {string.Join(", ", s_sources)}");
            }
            var dimensions = new List<(string, string)>();
            if (k.Map("dimensions") is { } dims)
            {
                foreach (var (key, _, _) in dims.Entries())
                {
                    if (!NamePattern().IsMatch(key) || key == "all")
                    {
                        throw dims.Error(key, $"'{key}' is not a dimension name (lower-case letters and underscores, not 'all')");
                    }
                    dimensions.Add((key, dims.RequiredString(key)));
                }
            }
            var grains = k.Has("grains") ? k.StringList("grains") : ["week", "month"];
            if (grains.Count == 0 || grains.FirstOrDefault(g => g is not ("week" or "month")) is { } badGrain)
            {
                throw k.Error("grains", "grains are week and/or month");
            }
            var interval = k.OneOf("interval", [.. IntervalMethods]) ?? "none";
            var squares = k.String("squares");
            if (interval is "wilson" or "mean" or "nps" or "poisson" && (numerator is null || denominator is null))
            {
                throw k.Error("interval", $"a {interval} interval needs the numerator and the denominator");
            }
            if (interval is "mean" or "nps" && squares is null)
            {
                throw k.Error("interval", $"a {interval} interval needs squares, the sum of the squared unit values");
            }
            if (interval is not ("mean" or "nps") && squares is not null)
            {
                throw k.Error("squares", "squares is for the mean and nps intervals only");
            }
            var sample = k.String("sample");
            if ((interval == "median") != (sample is not null))
            {
                throw k.Error("interval", "a median interval needs sample, the expression whose median the value is (and only it)");
            }
            foreach (var key in new[] { "numerator", "denominator", "value", "n", "where", "time", "squares", "sample" })
            {
                if (k.String(key) is { } sql && sql.Contains(';', StringComparison.Ordinal))
                {
                    throw k.Error(key, "an expression cannot contain ';'");
                }
            }
            var time = k.String("time");
            var where = k.String("where");
            var checks = new List<KpiInputCheck>();
            foreach (var c in k.Has("available") ? k.MapList("available") : [])
            {
                c.OnlyKeys("from", "time", "where", "missing", "missing_sql");
                var checkFrom = c.String("from") ?? from;
                if (!RelationPattern().IsMatch(checkFrom))
                {
                    throw c.Error("from", $"'{checkFrom}' is not a relation such as core.fct_calls");
                }
                var missing = c.String("missing_sql") ?? (c.String("missing") is { } words ? SqlLiteral(words)
                    : throw c.Error("missing", "say what is missing when the input has no rows (missing or missing_sql)"));
                foreach (var sql in new[] { c.String("where"), c.String("time"), missing })
                {
                    // A ';' ends a statement; inside a quoted text it is only a character.
                    if (sql is not null && QuotedText().Replace(sql, "''").Contains(';', StringComparison.Ordinal))
                    {
                        throw c.Error("where", "an expression cannot contain ';'");
                    }
                }
                checks.Add(new KpiInputCheck(checkFrom, c.String("from") is null ? time : c.String("time"), c.String("where"), missing));
            }
            // The KPI's own rows last: a declared input says more precisely what is missing.
            checks.Add(new KpiInputCheck(from, time, where, SqlLiteral(k.String("missing")
                ?? $"no rows of {from}" + (where is null ? "" : $" where {where}") + " in the period")));
            var statusWhen = k.String("status_when");
            if (statusWhen is not null && (statusWhen.Contains(';', StringComparison.Ordinal) || k.String("no_status") is null))
            {
                throw k.Error("status_when", "needs no_status, the note shown instead of a status, and no ';'");
            }
            kpis.Add(new KpiDefinition
            {
                Checks = checks,
                Interval = interval,
                UnitLabel = k.String("unit_label"),
                Squares = squares,
                Sample = sample,
                StatusWhen = statusWhen,
                NoStatusNote = statusWhen is null ? null : k.String("no_status"),
                Name = name,
                Label = k.RequiredString("label"),
                Description = k.RequiredString("description"),
                Formula = k.RequiredString("formula"),
                Unit = k.OneOf("unit", [.. Units]) ?? throw k.Error("unit", "a value is required"),
                Direction = k.OneOf("direction", "higher", "lower") ?? throw k.Error("direction", "a value is required"),
                Sources = sources,
                From = from,
                Time = time,
                Where = where,
                Numerator = numerator,
                Denominator = denominator,
                Value = value,
                N = k.String("n") ?? denominator ?? "count(*)",
                Scale = k.Number<double>("scale", double.MinValue, double.MaxValue) ?? 1,
                Dimensions = dimensions,
                Grains = grains,
                MinSample = k.Number<int>("min_sample", 0, 1_000_000) ?? throw k.Error("min_sample", "a value is required"),
                Target = k.Number<double>("target", double.MinValue, double.MaxValue),
                Tolerance = k.Number<double>("tolerance", 0, double.MaxValue) ?? 0,
                DisplayOrder = kpis.Count + 1,
                Line = (int)k.Node.Start.Line,
            });
        }
        return kpis;
    }

    /// <summary>
    /// The select of <c>marts.kpi_values</c>: one aggregate per KPI over its relation, grouped by grouping sets
    /// (each grain, alone and with each dimension) so every relation is read once. The frame (valuing, intervals,
    /// <c>final</c>) is <c>Sql/kpis/kpi_values.sql</c>; C# writes only the KPIs' own CTEs and their union.
    /// </summary>
    public static string GenerateKpiValuesSql(IReadOnlyList<KpiDefinition> kpis)
    {
        var ctes = string.Concat(kpis.Select(k => $"\nkpi_{k.Name} as (\n\n{KpiSelect(k)}\n\n),\n"));
        var unioned = kpis.Count == 0
            ? SqlResources.Get("kpis/no_kpis.sql")
            : "    " + string.Join("\n    union all ", kpis.Select(k => $"select * from kpi_{k.Name}"));
        return SqlResources.Get("kpis/kpi_values.sql", ("kpis", ctes), ("unioned", unioned)) + "\n";
    }

    /// <summary>One KPI's aggregate over its relation (<c>Sql/kpis/kpi.sql</c>), from its declaration.</summary>
    private static string KpiSelect(KpiDefinition kpi)
    {
        var dims = kpi.Dimensions.Select((d, i) => (d.Name, d.Expression, Column: $"_cxw_d{i + 1}")).ToList();
        var byTime = kpi.Time is not null;
        // Grouping sets: each grain alone ('all') and with each dimension.
        var periodKeys = byTime
            ? kpi.Grains.Select(g => new[] { $"_cxw_{g}" }).ToList()
            : [["period_grain", "period_start"]];
        var sets = new List<string>();
        foreach (var keys in periodKeys)
        {
            sets.Add("(" + string.Join(", ", keys) + ")");
            sets.AddRange(dims.Select(d => "(" + string.Join(", ", keys.Append(d.Column)) + ")"));
        }
        var grain = byTime
            ? kpi.Grains.Count == 1
                ? $"'{kpi.Grains[0]}'"
                : $"case when grouping(_cxw_{kpi.Grains[0]}) = 0 then '{kpi.Grains[0]}' else '{kpi.Grains[1]}' end"
            : "period_grain";
        var start = byTime
            ? kpi.Grains.Count == 1 ? $"_cxw_{kpi.Grains[0]}" : "coalesce(_cxw_week, _cxw_month)"
            : "period_start";
        var dimension = dims.Count == 0 ? "'all'"
            : "case " + string.Concat(dims.Select(d => $"when grouping({d.Column}) = 0 then '{d.Name}' ")) + "else 'all' end";
        var dimensionValue = dims.Count == 0 ? "'all'"
            : "case " + string.Concat(dims.Select(d => $"when grouping({d.Column}) = 0 then {d.Column} ")) + "else 'all' end";
        // The units' columns the grouping reads: each grain's period, then each dimension's value.
        var units = string.Concat(
            (byTime ? kpi.Grains.Select(g => $"\n            cast(date_trunc('{g}', {kpi.Time}) as date) as _cxw_{g},") : [])
            .Concat(dims.Select(d => $"\n            cast({d.Expression} as varchar) as {d.Column},")));
        return SqlResources.Get("kpis/kpi.sql",
            ("name", kpi.Name),
            ("formula", kpi.Formula),
            ("line", kpi.Line.ToString(CultureInfo.InvariantCulture)),
            ("grain", grain),
            ("start", start),
            ("dimension", dimension),
            ("dimension_value", dimensionValue),
            ("kpi", SqlLiteral(kpi.Name)),
            ("numerator", kpi.Numerator ?? "null"),
            ("denominator", kpi.Denominator ?? "null"),
            ("n", kpi.N),
            ("value", kpi.Value ?? "null"),
            ("scale", kpi.Scale.ToString("R", CultureInfo.InvariantCulture)),
            ("no_status_reason", kpi.StatusWhen is null
                ? "cast(null as varchar)"
                : $"case when not coalesce({kpi.StatusWhen}, false) then {SqlLiteral(kpi.NoStatusNote!)} end"),
            ("squares", kpi.Squares ?? "null"),
            ("interval", SqlLiteral(kpi.Interval)),
            ("iqr", kpi.Sample is null
                ? "cast(null as double)"
                : $"cast(quantile_cont({kpi.Sample}, 0.75) - quantile_cont({kpi.Sample}, 0.25) as double)"),
            ("units", units),
            ("relation", kpi.From),
            ("where", kpi.Where is null ? "" : $"\n        where {kpi.Where}"),
            ("grouping_sets", string.Join(", ", sets)));
    }

    private static string SqlLiteral(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("'(?:[^']|'')*'")]
    private static partial Regex QuotedText();

    [GeneratedRegex("^[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*$")]
    private static partial Regex RelationPattern();
}
