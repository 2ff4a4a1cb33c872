using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Tests.Support;
using CxWarehouse.Etl.Transform;

namespace CxWarehouse.Etl.Tests.Transform;

public sealed class KpiRegistryTests
{
    private const string Minimal = """
        kpis:
          - name: refund_rate
            label: Refund rate
            description: Share of won orders refunded
            formula: 100 * refunded / won orders
            unit: pct
            direction: lower
            source: crm
            from: core.fct_orders
            time: ordered_local
            where: is_won
            numerator: count(*) filter (where status = 'refunded')
            denominator: count(*)
            scale: 100
            dimensions: {location: location_id}
            min_sample: 2
            target: 2
            tolerance: 1
        """;

    private static IReadOnlyList<KpiDefinition> Parse(string yaml) =>
        KpiRegistry.Parse("/x/kpis.yml", new StringReader(yaml));

    [Fact]
    public void Shipped_DeclaresEveryKpiOfTheSpecification()
    {
        var names = KpiRegistry.Load(ModelFixture.Sql).Select(k => k.Name).ToHashSet();

        string[] required = ["nps", "csat", "csat_mean", "ces", "review_rating", "review_positive_pct",
            "review_negative_pct", "review_sentiment", "review_response_rate", "service_level", "abandonment_rate",
            "asa_s", "aht_s", "fcr", "first_response_min", "resolution_h", "complaint_rate", "repeat_purchase_rate",
            "churn_rate", "retention_rate", "cltv", "cac", "aov", "conversion_rate", "bounce_rate",
            "cart_abandonment_rate"];
        var missing = required.Where(r => !names.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "not declared: " + string.Join(", ", missing));
    }

    [Fact]
    public void Parse_ReadsADeclaration()
    {
        var kpi = Assert.Single(Parse(Minimal));

        Assert.Equal(("refund_rate", "pct", "lower", 100.0, 2), (kpi.Name, kpi.Unit, kpi.Direction, kpi.Scale, kpi.MinSample));
        Assert.Equal("count(*)", kpi.N); // the denominator by default
        Assert.Equal([("location", "location_id")], kpi.Dimensions);
        Assert.Equal(["week", "month"], kpi.Grains);
    }

    [Theory]
    [InlineData("unit: pct", "unit: percent", "kpis.yml:6:11: kpis[0].unit: 'percent' is not one of pct")]
    [InlineData("direction: lower", "directon: lower", "kpis.yml:7:5: unknown key 'kpis[0].directon'")]
    [InlineData("    denominator: count(*)\n", "", "kpis.yml:2:5: kpis[0].name: KPI 'refund_rate' needs a numerator and a denominator, or a value")]
    [InlineData("from: core.fct_orders", "from: core.fct_orders; drop table x", "kpis.yml:9:5: kpis[0].from: 'core.fct_orders; drop table x' is not a relation")]
    [InlineData("where: is_won", "where: is_won; drop table x", "kpis.yml:11:5: kpis[0].where: an expression cannot contain ';'")]
    [InlineData("source: crm", "source: erp", "kpis.yml:8:5: kpis[0].source: 'erp' is not one of")]
    [InlineData("tolerance: 1", "tolerance: 1\n    interval: mean", "kpis.yml:19:5: kpis[0].interval: a mean interval needs squares")]
    [InlineData("tolerance: 1", "tolerance: 1\n    interval: guess", "kpis.yml:19:15: kpis[0].interval: 'guess' is not one of wilson")]
    [InlineData("tolerance: 1", "tolerance: 1\n    interval: wilson\n    squares: sum(x)", "kpis.yml:20:5: kpis[0].squares: squares is for the mean and nps intervals only")]
    [InlineData("tolerance: 1", "tolerance: 1\n    interval: median", "kpis.yml:19:5: kpis[0].interval: a median interval needs sample")]
    public void Parse_BadDeclaration_NamesFileLineAndKey(string from, string to, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => Parse(Minimal.Replace(from, to, StringComparison.Ordinal)));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateName_IsAnError()
    {
        var twice = Minimal + "\n" + Minimal[(Minimal.IndexOf("  - name", StringComparison.Ordinal))..];

        var ex = Assert.Throws<ConfigException>(() => Parse(twice));

        Assert.Contains("the KPI 'refund_rate' is declared twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AUserDeclaredKpi_FlowsToTheRegistryAndTheKpiMart()
    {
        using var sql = new TempFolder();
        CopyFolder(ModelFixture.Sql, sql.Path);
        File.AppendAllText(Path.Combine(sql.Path, KpiRegistry.FileName),
            "\n" + string.Join('\n', Minimal.Split('\n').Skip(1)) + "\n");
        using var warehouse = new ModelFixture(sqlFolder: sql.Path);
        foreach (var (id, status) in new[] { ("o1", "refunded"), ("o2", "won"), ("o3", "won"), ("o4", "won") })
        {
            warehouse.Insert("crm__orders", $"""
                SELECT '{id}' AS order_id, TIMESTAMPTZ '2026-11-03 10:00:00+00' AS ordered_at, true AS is_won,
                    '{status}' AS status, 'NYC' AS location_id
                """);
        }

        warehouse.Build();

        var value = warehouse.Kpi("refund_rate", "month", "2026-11-01", "location", "NYC")!;
        Assert.Equal((25.0, 4L, false), (value.Value!.Value, value.N, value.IsLowSample));
        Assert.Equal("Refund rate", warehouse.Scalar<string>("SELECT label FROM marts.kpi_registry WHERE kpi = 'refund_rate'"));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
