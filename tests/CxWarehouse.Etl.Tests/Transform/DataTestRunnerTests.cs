using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Transform;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Transform;

public sealed class DataTestRunnerTests
{
    [Fact]
    public void Run_BrokenFixture_ReportsEachFailureWithCountsAndExamples()
    {
        using var sql = new TempFolder();
        sql.Write("core/dim_thing.sql", "select * from (values ('a'), ('b')) as t(thing_id)");
        sql.Write("core/fct_event.sql",
            "select * from (values (1, 'a', 'red'), (1, 'z', 'blue'), (null, 'b', 'green')) as t(event_id, thing_id, colour)");
        sql.Write("core/_core__models.yml", """
            models:
              - name: fct_event
                columns:
                  - name: event_id
                    data_tests: [unique, not_null]
                  - name: thing_id
                    data_tests:
                      - relationships: {to: core.dim_thing, field: thing_id}
                  - name: colour
                    data_tests:
                      - accepted_values: {values: [red, green], severity: warn}
                data_tests:
                  - expression: {name: event_id_positive, sql: "event_id > 0"}
            """);
        sql.Write("tests/assert_no_blue.sql", "-- severity: error\nselect * from core.fct_event where colour = 'blue'");
        var graph = ModelGraph.Load(sql.Path);
        using var db = DuckDb.OpenScratch(new WarehouseSettings(), Path.Combine(sql.Path, "tmp"));
        new ModelRunner(db).Run(graph.Models);

        var results = new DataTestRunner(db).Run(DataTestCatalog.Load(sql.Path, graph)).ToDictionary(r => r.Name);

        Assert.Equal((DataTestStatus.Fail, 1L), (results["unique_fct_event_event_id"].Status, results["unique_fct_event_event_id"].Failures));
        Assert.Equal("event_id=1, occurrences=2", results["unique_fct_event_event_id"].Examples.Single());
        Assert.Equal(1, results["not_null_fct_event_event_id"].Failures);
        Assert.Equal("thing_id=z", results["relationships_fct_event_thing_id"].Examples.Single());
        Assert.Equal(DataTestStatus.Warn, results["accepted_values_fct_event_colour"].Status);
        Assert.Equal(1, results["event_id_positive"].Failures); // the NULL row fails: coalesce(.., false)
        Assert.Equal(DataTestStatus.Fail, results["assert_no_blue"].Status);
    }

    [Fact]
    public void Run_Examples_DatesInIso8601NumbersInvariantAndOnlyTextMasked()
    {
        // A failing test once printed period_start=05/29/2023 and value=-0.***33 (a KPI value masked as a phone).
        using var sql = new TempFolder();
        sql.Write("marts/kpi_thing.sql", """
            select date '2023-05-29' as period_start, timestamptz '2023-05-29 10:15:00+00' as at,
                -0.1234567833::double as value, 12345678901 as n, '+44 20 7946 0123' as phone
            """);
        sql.Write("marts/_marts__models.yml", """
            models:
              - name: kpi_thing
                data_tests:
                  - expression: {name: value_positive, sql: "value > 0"}
            """);
        var graph = ModelGraph.Load(sql.Path);
        using var db = DuckDb.OpenScratch(new WarehouseSettings(), Path.Combine(sql.Path, "tmp"));
        new ModelRunner(db).Run(graph.Models);
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("pt-BR");
        try
        {
            var example = new DataTestRunner(db).Run(DataTestCatalog.Load(sql.Path, graph)).Single().Examples.Single();

            Assert.Equal("period_start=2023-05-29, at=2023-05-29T10:15:00, value=-0.1234567833, n=12345678901, phone=***23",
                example);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Run_Guard_AnEmptyGuardPassesWithoutTheTestAndAnyRowRunsIt()
    {
        using var folder = new TempFolder();
        using var db = DuckDb.OpenScratch(new WarehouseSettings(), Path.Combine(folder.Path, "tmp"));
        const string failing = "select 1 as x union all select 2";

        var results = new DataTestRunner(db).Run([
            new DataTest("guarded", "m", Severity.Error, failing, "f", Guard: "select 1 where false"),
            new DataTest("guard_finds", "m", Severity.Error, failing, "f", Guard: "select 1"),
            new DataTest("unguarded", "m", Severity.Error, failing, "f"),
        ]).ToDictionary(r => r.Name);

        Assert.Equal((DataTestStatus.Pass, 0L), (results["guarded"].Status, results["guarded"].Failures));
        Assert.Empty(results["guarded"].Examples);
        Assert.Equal((DataTestStatus.Fail, 2L), (results["guard_finds"].Status, results["guard_finds"].Failures));
        Assert.Equal((DataTestStatus.Fail, 2L), (results["unguarded"].Status, results["unguarded"].Failures));
    }

    [Fact]
    public void Run_Unique_PassesOnDistinctValuesAndCountsEachRepeatedOne()
    {
        using var sql = new TempFolder();
        sql.Write("core/fct_a.sql", "select 'k' || i as id from range(1000) as t(i) union all select null");
        sql.Write("core/fct_b.sql",
            "select 'k' || (i % 997) as id from range(1000) as t(i) union all select null union all select null");
        sql.Write("core/_core__models.yml", """
            models:
              - name: fct_a
                columns:
                  - name: id
                    data_tests: [unique]
              - name: fct_b
                columns:
                  - name: id
                    data_tests: [unique]
            """);
        var graph = ModelGraph.Load(sql.Path);
        using var db = DuckDb.OpenScratch(new WarehouseSettings(), Path.Combine(sql.Path, "tmp"));
        new ModelRunner(db).Run(graph.Models);
        var tests = DataTestCatalog.Load(sql.Path, graph);

        var results = new DataTestRunner(db).Run(tests).ToDictionary(r => r.Name);

        Assert.All(tests, t => Assert.NotNull(t.Guard));
        Assert.Equal((DataTestStatus.Pass, 0L), (results["unique_fct_a_id"].Status, results["unique_fct_a_id"].Failures));
        // k0, k1 and k2 are there twice (i = 0 and 997, 1 and 998, 2 and 999); NULLs are not values.
        Assert.Equal((DataTestStatus.Fail, 3L), (results["unique_fct_b_id"].Status, results["unique_fct_b_id"].Failures));
    }

    [Fact]
    public void Load_UnknownTest_NamesTheFile()
    {
        using var sql = new TempFolder();
        sql.Write("core/m.sql", "select 1 as x");
        sql.Write("core/_core__models.yml", "models:\n  - name: m\n    columns:\n      - name: x\n        data_tests: [sorted]\n");

        var error = Assert.Throws<ModelException>(() => DataTestCatalog.Load(sql.Path, ModelGraph.Load(sql.Path)));

        Assert.Contains("sql/core/_core__models.yml", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown test 'sorted'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepositoryTests_AllCompile()
    {
        var sqlFolder = Path.Combine(RepoPaths.Root, "sql");
        var graph = ModelGraph.Load(sqlFolder);

        var tests = DataTestCatalog.Load(sqlFolder, graph);

        var tested = tests.Select(t => t.Model).ToHashSet();
        Assert.All(graph.Models, m => Assert.Contains(m.Name, tested));
    }
}
