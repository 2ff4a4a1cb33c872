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

    public void Dispose() => _folder.Dispose();
}
