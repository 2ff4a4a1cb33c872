using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Transform;

/// <summary>
/// What a build's result depends on, as one hash: the lake files each raw view reads, the configuration and seed
/// tables, every file under <c>sql/</c> and the cxw build itself. Models use no clock, so a build whose inputs hash
/// as the last complete build's did would rebuild the same tables: a run with nothing new skips the model work.
/// </summary>
public static class BuildInputs
{
    public static string Fingerprint(DbConnection db, string sqlFolder)
    {
        var text = new StringBuilder();
        text.Append("cxw ").Append(typeof(BuildInputs).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        text.Append(DuckDb.Scalar<string>(db, """
            SELECT coalesce(string_agg(schema_name || '.' || view_name || '=' || sql, chr(10) ORDER BY schema_name, view_name), '')
            FROM duckdb_views() WHERE NOT internal AND schema_name = 'raw'
            """)).Append('\n');
        foreach (var row in DuckDb.Rows(db, """
            SELECT schema_name, table_name FROM duckdb_tables() WHERE schema_name IN ('config', 'seeds')
            ORDER BY schema_name, table_name
            """))
        {
            var relation = $"{row[0]}.{row[1]}";
            text.Append(relation).Append('=').Append(DuckDb.Scalar<string>(db,
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)), '') FROM {relation} AS t")).Append('\n');
        }
        foreach (var file in Directory.EnumerateFiles(sqlFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            text.Append(Path.GetRelativePath(sqlFolder, file).Replace('\\', '/')).Append('=')
                .Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The fingerprint of the last complete build, if it built every model that exists now.</summary>
    public static string? Last(DbConnection db, IReadOnlyList<Model> models)
    {
        if (!DuckDb.TableExists(db, "audit", "builds"))
        {
            return null;
        }
        var missing = models.Any(m => !DuckDb.TableExists(db, m.Schema, m.Name));
        return missing ? null : DuckDb.Scalar<string>(db, "SELECT fingerprint FROM audit.builds ORDER BY built_at DESC LIMIT 1");
    }

    public static void Record(DbConnection db, string runId, string fingerprint)
    {
        DuckDb.Execute(db, "CREATE TABLE IF NOT EXISTS audit.builds (run_id VARCHAR, built_at TIMESTAMPTZ, fingerprint VARCHAR)");
        DuckDb.Execute(db, "INSERT INTO audit.builds VALUES ($1, $2, $3)", runId, DateTime.UtcNow, fingerprint);
    }
}
