using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Warehouse;

/// <summary>
/// The fixed SQL under etl/CxWarehouse.Etl/Sql ships inside the program, and a statement is filled only with the
/// generated pieces its markers name: a missing or extra piece is a mistake, not an empty string.
/// </summary>
public sealed class SqlResourcesTests
{
    [Fact]
    public void EverySqlFile_IsEmbedded()
    {
        Assert.Equal(RepoPaths.SqlFilesUnder("etl", "CxWarehouse.Etl", "Sql"), SqlResources.Files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NamedStatement_IsTheTextUnderItsHeading_WithoutItsDescription()
    {
        Assert.Equal("DELETE FROM audit.runs WHERE run_id = $1", SqlResources.Get("audit/runs.sql", "delete_run"));
        Assert.StartsWith("INSERT INTO audit.stream_runs (run_id,", SqlResources.Get("audit/runs.sql", "insert_stream_run"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void FileOfOneStatement_KeepsItsCommentsAndTheIndentOfItsFirstLine()
    {
        Assert.StartsWith("-- kpi_values: generated from sql/kpis.yml", SqlResources.Get("kpis/kpi_values.sql",
            ("kpis", ""), ("unioned", "")), StringComparison.Ordinal);
        Assert.StartsWith("    select cast(null as varchar) as period_grain", SqlResources.Get("kpis/no_kpis.sql"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Markers_AreFilledOnce_AndAPieceIsNeverReadAsAMarker()
    {
        var sql = SqlResources.Get("seeds/seeds.sql", "seed", ("name", "\"{{ name }}\""));

        Assert.StartsWith("CREATE OR REPLACE TABLE seeds.\"{{ name }}\" AS SELECT * FROM read_csv($1,", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPiece_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SqlResources.Get("seeds/seeds.sql", "seed"));

        Assert.Contains("{{ name }}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PieceWithoutItsMarker_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            SqlResources.Get("audit/runs.sql", "delete_run", ("columns", "a, b")));

        Assert.Contains("{{ columns }}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFileOrStatement_Throws_AndANamedFileNeedsAName()
    {
        Assert.Throws<InvalidOperationException>(() => SqlResources.Get("audit/none.sql"));
        Assert.Throws<InvalidOperationException>(() => SqlResources.Get("audit/runs.sql", "none"));
        Assert.Throws<InvalidOperationException>(() => SqlResources.Get("audit/runs.sql"));
    }
}
