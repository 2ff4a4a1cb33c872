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
        Assert.Contains("compiled 52 models, 16 extraction selects and 5 DDL files", result.Stderr + result.Stdout,
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

    public void Dispose() => _folder.Dispose();
}
