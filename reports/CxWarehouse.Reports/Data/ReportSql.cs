using CxWarehouse.IO;

namespace CxWarehouse.Reports.Data;

/// <summary>
/// The fixed SQL the reports read the warehouse with, kept in <c>reports/CxWarehouse.Reports/Sql/*.sql</c> and
/// shipped inside the assembly; the file format and the <c>{{ marker }}</c> rules are <see cref="SqlFiles"/>'s.
/// </summary>
internal static class ReportSql
{
    private static readonly SqlFiles s_files = new(typeof(ReportSql).Assembly);

    /// <summary>The files the reports carry, by their path under <c>Sql/</c>.</summary>
    public static IEnumerable<string> Files => s_files.Files;

    /// <summary>The statement headed <c>-- name: <paramref name="name"/></c> in <paramref name="file"/>.</summary>
    public static string Get(string file, string name, params (string Marker, string Sql)[] pieces) =>
        s_files.Get(file, name, pieces);
}
