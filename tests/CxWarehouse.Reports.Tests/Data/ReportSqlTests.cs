using CxWarehouse.Reports.Data;

namespace CxWarehouse.Reports.Tests.Data;

/// <summary>The selects the reports read the warehouse with ship inside the reports assembly, each as written.</summary>
public sealed class ReportSqlTests
{
    [Fact]
    public void EverySqlFile_IsEmbedded()
    {
        Assert.Equal(RepoPaths.SqlFilesUnder("reports", "CxWarehouse.Reports", "Sql"), ReportSql.Files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ARowLimit_IsAMarker_ThatMustBeFilled()
    {
        Assert.EndsWith("limit 12", ReportSql.Get("market.sql", "emerging_topics", ("limit", "12")), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ReportSql.Get("market.sql", "emerging_topics"));
    }
}
