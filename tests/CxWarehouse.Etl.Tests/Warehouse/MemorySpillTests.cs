using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Tests.Support;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Warehouse;

/// <summary>
/// A build larger than the configured memory spills to the configured temp directory instead of failing; the
/// same work without a temp directory runs out of memory, so the spill is real.
/// </summary>
public sealed class MemorySpillTests
{
    // About 2.5 M rows of 72 characters sorted: several hundred MB of work against a 48 MB limit.
    private const string Sort = """
        CREATE TABLE sorted AS
        SELECT i, md5(CAST(i AS VARCHAR)) || md5(CAST(i * 7 AS VARCHAR)) AS h FROM range(2500000) AS t(i) ORDER BY h
        """;

    private static WarehouseSettings Settings(TempFolder folder, string extra) =>
        ConfigLoader.Parse(Path.Combine(folder.Path, "cxwarehouse.yml"), new StringReader(
            "warehouse:\n  memory_limit: 48MB\n  threads: 1\n" + extra)).Warehouse;

    [Fact]
    public void Build_LargerThanTheMemoryLimit_SpillsToTheConfiguredTempDirectory()
    {
        using var folder = new TempFolder();
        var spill = Path.Combine(folder.Path, "spill");
        var settings = Settings(folder, $"  temp_directory: {spill}\n");
        using var db = DuckDb.Open(Path.Combine(folder.Path, "cx.duckdb"), settings, null, readOnly: false);

        DuckDb.Execute(db, Sort);

        Assert.Equal(2_500_000L, DuckDb.Scalar<long>(db, "SELECT count(*) FROM sorted"));
        Assert.Equal(spill, DuckDb.Scalar<string>(db, "SELECT current_setting('temp_directory')"));
        Assert.True(Directory.Exists(spill), "DuckDB never created the temp directory: nothing spilled");
    }

    [Fact]
    public void Build_LargerThanTheMemoryLimit_WithoutATempDirectory_RunsOutOfMemory()
    {
        using var folder = new TempFolder();
        using var db = DuckDb.Open(Path.Combine(folder.Path, "cx.duckdb"), Settings(folder, ""), null, readOnly: false);
        DuckDb.Execute(db, "SET temp_directory = ''");

        var ex = Assert.ThrowsAny<Exception>(() => DuckDb.Execute(db, Sort));

        Assert.Contains("memory", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
