using CxWarehouse.Cli.Tests.Support;

namespace CxWarehouse.Cli.Tests;

/// <summary><c>cxw compile</c>: every statement written out, nothing built.</summary>
public sealed class CompileCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Compile_Sample_WritesModelsStreamsAndDdl_WithoutAWarehouse()
    {
        var warehouse = _folder.File(Path.Combine("warehouse", "cx.duckdb"));
        var compiled = _folder.File(Path.Combine("out", "compiled"));

        var result = Cxw.Run(Cxw.RepoRoot, "compile", "--lake", _folder.File("lake"), "--warehouse", warehouse,
            "--output", _folder.File("out"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("compiled 54 models, 16 extraction selects and 5 DDL files", result.Stderr + result.Stdout,
            StringComparison.Ordinal);
        var kpis = File.ReadAllText(Path.Combine(compiled, "marts", "kpi_values.sql"));
        Assert.StartsWith("-- marts.kpi_values: compiled by cxw from sql/kpis.yml (materialized: table).", kpis, StringComparison.Ordinal);
        Assert.Contains("materialized: incremental", File.ReadAllText(Path.Combine(compiled, "core", "fct_web_sessions.sql")),
            StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(compiled, "extract", "salesforce", "crm.orders.sql")));
        Assert.Contains("CREATE TABLE audit.runs", File.ReadAllText(Path.Combine(compiled, "ddl", "audit.sql")), StringComparison.Ordinal);
        Assert.False(File.Exists(warehouse));
    }

    [Fact]
    public void Compile_AModelRemoved_ItsCompiledFileGoesToo()
    {
        var stale = _folder.Write(Path.Combine("out", "compiled", "core", "dim_gone.sql"), "select 1");
        var kept = _folder.Write(Path.Combine("out", "compiled", "notes.sql"), "select 1");

        var result = Cxw.Run(Cxw.RepoRoot, "compile", "--lake", _folder.File("lake"), "--warehouse",
            _folder.File("cx.duckdb"), "--output", _folder.File("out"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(kept));
    }

    [Theory]
    [InlineData("intermediate", "int_reviews_scored")]   // a view calling the text functions
    [InlineData("marts", "kpi_values")]                  // generated from sql/kpis.yml
    [InlineData("core", "fct_web_sessions")]             // incremental: the full-refresh select
    public void ACompiledModelFile_RunWithCxwSql_ReturnsTheModelsRowCount(string schema, string model)
    {
        string[] globals = ["--lake", _folder.File("lake"), "--warehouse", _folder.File(Path.Combine("warehouse", "cx.duckdb")),
            "--output", _folder.File("out")];
        var run = Cxw.Run(Cxw.RepoRoot, ["run", "--quiet", .. globals]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var compiled = File.ReadAllText(_folder.File(Path.Combine("out", "compiled", schema, model + ".sql")));

        var fromFile = Cxw.Run(Cxw.RepoRoot, ["sql", $"select count(*) from ({compiled.TrimEnd().TrimEnd(';')}\n)", "--format", "csv", .. globals]);
        var fromTable = Cxw.Run(Cxw.RepoRoot, ["sql", $"select count(*) from {schema}.{model}", "--format", "csv", .. globals]);

        Assert.True(fromFile.ExitCode == 0, fromFile.Stderr);
        Assert.Equal(fromTable.Stdout, fromFile.Stdout);
        Assert.True(long.Parse(fromFile.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim(),
            System.Globalization.CultureInfo.InvariantCulture) > 0, fromFile.Stdout);
    }

    [Fact]
    public void ACompiledModelReadingSettings_RunWithCxwSql_ReadsTheWarehousesSettings()
    {
        string[] globals = ["--lake", _folder.File("lake"), "--warehouse", _folder.File(Path.Combine("warehouse", "cx.duckdb")),
            "--output", _folder.File("out")];
        var run = Cxw.Run(Cxw.RepoRoot, ["run", "--quiet", .. globals]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        // core.fct_calls reads benchmark.service_level_seconds and short_abandon_seconds through setting(name).
        var compiled = File.ReadAllText(_folder.File(Path.Combine("out", "compiled", "core", "fct_calls.sql")));
        static string Counts(string from) =>
            $"select count(*) filter (where is_within_service_level) as within, count(*) filter (where is_short_abandon) as short from {from}";

        var fromFile = Cxw.Run(Cxw.RepoRoot, ["sql", Counts($"({compiled.TrimEnd().TrimEnd(';')}\n)"), "--format", "csv", .. globals]);
        var fromTable = Cxw.Run(Cxw.RepoRoot, ["sql", Counts("core.fct_calls"), "--format", "csv", .. globals]);
        var settings = Cxw.Run(Cxw.RepoRoot, ["sql", "select setting('fcr_window_days') as fcr, setting('gross_margin') as margin, "
            + "typeof(setting('churn_window_days')) as churn", "--format", "csv", .. globals]);

        Assert.True(fromFile.ExitCode == 0, fromFile.Stderr);
        Assert.Equal(fromTable.Stdout, fromFile.Stdout);
        Assert.All(fromFile.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim().Split(','),
            count => Assert.True(long.Parse(count, System.Globalization.CultureInfo.InvariantCulture) > 0, fromFile.Stdout));
        Assert.Equal("fcr,margin,churn\n7,0.55,INTEGER\n", settings.Stdout.ReplaceLineEndings("\n"));
        // The same settings as statements, for a DuckDB client cxw did not open.
        Assert.Contains("SET VARIABLE cxw_fcr_window_days = CAST('7' AS INTEGER);",
            File.ReadAllText(_folder.File(Path.Combine("out", "compiled", "ddl", "config.sql"))), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
