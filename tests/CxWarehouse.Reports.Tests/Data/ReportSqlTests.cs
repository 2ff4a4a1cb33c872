using CxWarehouse.Reports.Data;

namespace CxWarehouse.Reports.Tests.Data;

/// <summary>The selects the reports read the warehouse with ship inside the reports assembly, each as written.</summary>
public sealed class ReportSqlTests
{
    [Fact]
    public void EverySqlFile_IsEmbedded()
    {
        var folder = Path.Combine(RepoPaths.Root, "reports", "CxWarehouse.Reports", "Sql");
        var onDisk = Directory.EnumerateFiles(folder, "*.sql", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, ReportSql.Files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ARowLimit_IsAMarker_ThatMustBeFilled()
    {
        Assert.EndsWith("limit 12", ReportSql.Get("market.sql", "emerging_topics", ("limit", "12")), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ReportSql.Get("market.sql", "emerging_topics"));
    }
}
