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
        WarehouseYaml.Settings(folder, "  memory_limit: 48MB\n  threads: 1\n" + extra);

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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Open_WithoutAMemoryLimit_BoundsDuckDbToTheDefaultNotEightyPercentOfTheMachine(bool readOnly)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "cx.duckdb");
        DuckDb.Open(path, new WarehouseSettings(), null, readOnly: false).Dispose();

        using var db = DuckDb.Open(path, new WarehouseSettings(), null, readOnly);

        // DuckDB shows the limit in its own units (1 GB as "953.6 MiB"): compare bytes.
        var bytes = DuckDb.Scalar<long>(db,
            "SELECT CAST(value AS BIGINT) FROM (SELECT current_setting('memory_limit') AS setting), "
            + "LATERAL (SELECT (regexp_extract(setting, '^([0-9.]+)', 1)::DOUBLE * CASE regexp_extract(setting, '([KMGT]i?B)$', 1) "
            + "WHEN 'KiB' THEN 1024 WHEN 'MiB' THEN 1048576 WHEN 'GiB' THEN 1073741824 WHEN 'KB' THEN 1000 WHEN 'MB' THEN 1e6 "
            + "WHEN 'GB' THEN 1e9 ELSE 1e12 END) AS value)");
        // ...and reads "MB" as 10^6 bytes.
        Assert.InRange(bytes, DuckDb.DefaultMemoryLimitMb() * 1e6 * 0.99, DuckDb.DefaultMemoryLimitMb() * 1e6 * 1.01);
    }
}
