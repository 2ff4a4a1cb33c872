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
    /// <summary>The statements, in <c>etl/CxWarehouse.Etl/Sql/transform/build_inputs.sql</c>.</summary>
    private const string Statements = "transform/build_inputs.sql";

    public static string Fingerprint(DbConnection db, string sqlFolder)
    {
        var text = new StringBuilder();
        text.Append("cxw ").Append(typeof(BuildInputs).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        text.Append(DuckDb.Scalar<string>(db, SqlResources.Get(Statements, "raw_views"))).Append('\n');
        foreach (var row in DuckDb.Rows(db, SqlResources.Get(Statements, "config_tables")))
        {
            var relation = $"{row[0]}.{row[1]}";
            text.Append(relation).Append('=')
                .Append(DuckDb.Scalar<string>(db, SqlResources.Get(Statements, "table_hash", ("relation", relation))))
                .Append('\n');
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
        return missing ? null : DuckDb.Scalar<string>(db, SqlResources.Get(Statements, "last"));
    }

    public static void Record(DbConnection db, string runId, string fingerprint)
    {
        DuckDb.Execute(db, SqlResources.Get(Statements, "table"));
        DuckDb.Execute(db, SqlResources.Get(Statements, "record"), runId, DateTime.UtcNow, fingerprint);
    }
}
