using CxWarehouse.IO;

namespace CxWarehouse.Etl.Warehouse;

/// <summary>
/// The fixed SQL the ETL runs, kept in <c>etl/CxWarehouse.Etl/Sql/**.sql</c> and shipped inside the assembly; the
/// file format and the <c>{{ marker }}</c> rules are <see cref="SqlFiles"/>'s.
/// </summary>
public static class SqlResources
{
    private static readonly SqlFiles s_files = new(typeof(SqlResources).Assembly);

    /// <summary>The files the program carries, by their path under <c>Sql/</c> (<c>audit/runs.sql</c>).</summary>
    internal static IEnumerable<string> Files => s_files.Files;

    /// <summary>The statement of a file that holds one (no <c>-- name:</c> headings).</summary>
    public static string Get(string file, params (string Marker, string Sql)[] pieces) => s_files.Get(file, pieces);

    /// <summary>The statement headed <c>-- name: <paramref name="name"/></c> in <paramref name="file"/>.</summary>
    public static string Get(string file, string name, params (string Marker, string Sql)[] pieces) =>
        s_files.Get(file, name, pieces);
}
