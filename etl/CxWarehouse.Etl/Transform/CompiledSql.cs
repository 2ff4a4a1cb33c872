using System.Data.Common;
using System.Text;
using CxWarehouse.Etl.Warehouse;
using CxWarehouse.IO;

namespace CxWarehouse.Etl.Transform;

/// <summary>
/// Every statement the warehouse runs, written out as dbt writes <c>target/compiled</c>, so "where is X computed?"
/// has a file for an answer: under <c>&lt;output&gt;/compiled/</c>,
/// <list type="bullet">
/// <item><c>&lt;schema&gt;/&lt;model&gt;.sql</c>: each model's runnable select (<c>marts/kpi_values.sql</c>, generated
/// from <c>sql/kpis.yml</c>, included); run on its own against the warehouse it returns the model's rows (see
/// the header of incremental, snapshot and key_map models for what exactly);</item>
/// <item><c>extract/&lt;source&gt;/&lt;stream&gt;.sql</c>: the typed select the extraction runs over each file of a
/// stream;</item>
/// <item><c>ddl/&lt;schema&gt;.sql</c>: the definition of every view, table and macro the warehouse holds, and in
/// <c>ddl/config.sql</c> the <c>SET VARIABLE</c> statements of its settings.</item>
/// </list>
/// Written by <c>cxw compile</c>, <c>cxw extract</c>, <c>cxw build</c> and <c>cxw run</c>; each file atomically.
/// </summary>
public sealed class CompiledSql(string outputFolder)
{
    public const string FolderName = "compiled";

    /// <summary><c>&lt;output&gt;/compiled</c>.</summary>
    public string Root { get; } = Path.Combine(Path.GetFullPath(outputFolder), FolderName);

    public string ModelPath(Model model) => Path.Combine(Root, model.Schema, model.Name + ".sql");

    public string ExtractPath(string source, string stream) => Path.Combine(Root, "extract", source, stream + ".sql");

    /// <summary>
    /// Writes each model's compiled select. With <paramref name="everyModel"/> (a whole graph, not a selection) a
    /// compiled file whose model no longer exists is deleted, so the folder holds exactly the project's models.
    /// </summary>
    public IReadOnlyList<string> WriteModels(IReadOnlyCollection<Model> models, bool everyModel)
    {
        var written = new List<string>();
        foreach (var model in models)
        {
            var path = ModelPath(model);
            AtomicFile.WriteAllText(path, ModelText(model));
            written.Add(path);
        }
        if (everyModel)
        {
            var keep = written.ToHashSet(StringComparer.Ordinal);
            foreach (var schema in ModelGraph.Schemas.Where(s => Directory.Exists(Path.Combine(Root, s))))
            {
                foreach (var stale in Directory.EnumerateFiles(Path.Combine(Root, schema), "*.sql")
                             .Where(f => !keep.Contains(f)).ToList())
                {
                    File.Delete(stale);
                }
            }
        }
        return written;
    }

    /// <summary>A model's compiled file: a header saying where it comes from and what it returns, then its select.</summary>
    public static string ModelText(Model model)
    {
        var text = new StringBuilder();
        text.Append("-- ").Append(model.Relation).Append(": compiled by cxw from ").Append(model.File)
            .Append(" (materialized: ").Append(model.Materialization.Spelled()).Append(").\n");
        switch (model.Materialization)
        {
            case Materialization.Incremental:
                text.Append("-- Incremental: this is the full-refresh select (getvariable('cxw_since') is NULL when run on\n")
                    .Append("-- its own, so it reads everything). A build sets cxw_since to the table's latest ")
                    .Append(model.Config.GetValueOrDefault("updated_at", "row")).Append(" less the lookback (")
                    .Append(model.Config.GetValueOrDefault("lookback", "0 seconds")).Append(")\n")
                    .Append("-- and replaces the rows sharing a unique_key (").Append(string.Join(", ", model.UniqueKey))
                    .Append(") with the ones this select returns.\n");
                break;
            case Materialization.Snapshot:
                text.Append("-- Snapshot: this select returns the current version of each ")
                    .Append(string.Join(", ", model.UniqueKey)).Append("; the table adds valid_from,\n")
                    .Append("-- valid_to and is_current and keeps the versions whose check_cols (")
                    .Append(model.Config.GetValueOrDefault("check_cols", "")).Append(") changed, so its rows\n")
                    .Append("-- where is_current, without those three columns, are this select's.\n");
                break;
            case Materialization.KeyMap:
                text.Append("-- Key map: this select returns each record (node) and its cluster in this build; the table\n")
                    .Append("-- gives each node the key of its cluster that survives merges and splits across builds\n")
                    .Append("-- (etl/CxWarehouse.Etl/Transform/KeyMap.cs), kept in ").Append(model.Schema).Append('.')
                    .Append(model.Config.GetValueOrDefault("key_map", "")).Append(" and ").Append(model.Schema).Append('.')
                    .Append(model.Config.GetValueOrDefault("key_events", "")).Append(".\n");
                break;
            case Materialization.Memo:
                text.Append("-- Memo: this select computes a row for every row of ").Append(model.Config.GetValueOrDefault("memo_of", ""))
                    .Append(", as a full build does. A later build\n")
                    .Append("-- keeps the rows already computed under the same version (this select's text and ")
                    .Append(model.Config.GetValueOrDefault("memo_version", "")).Append("),\n")
                    .Append("-- drops those whose input is gone and runs this select over the other inputs only.\n");
                break;
            default:
                break;
        }
        return text.Append(model.Body).Append('\n').ToString();
    }

    /// <summary>Writes the typed select the extraction runs over each file of one stream of one source.</summary>
    public string WriteExtract(string source, string stream, string header, string select)
    {
        var path = ExtractPath(source, stream);
        AtomicFile.WriteAllText(path, header + select.Trim() + "\n");
        return path;
    }

    /// <summary>
    /// Writes <c>ddl/&lt;schema&gt;.sql</c> for every schema of the database: its views, tables and macros as DuckDB
    /// holds them (after the catalogue refresh, the raw views over the lake, the audit, config and seed tables), and
    /// the settings as the variables models read, in <c>ddl/config.sql</c>.
    /// </summary>
    public IReadOnlyList<string> WriteDdl(DbConnection db)
    {
        var bySchema = new SortedDictionary<string, StringBuilder>(StringComparer.Ordinal);
        StringBuilder Schema(string name) =>
            bySchema.TryGetValue(name, out var text) ? text : bySchema[name] = new StringBuilder();
        foreach (var row in DuckDb.Rows(db, DdlQuery))
        {
            Schema((string)row[0]!).Append(((string)row[1]!).Trim().TrimEnd(';')).Append(";\n\n");
        }
        if (SettingVariables.Stored(db) is { Count: > 0 } settings)
        {
            // What a view or compiled model reading setting(name) needs on a connection cxw did not open.
            Schema("config").Append("-- The settings as the variables the models read through setting(name) ")
                .Append("(sql/macros/setting.sql): cxw sets them\n-- on every connection it opens to the warehouse; ")
                .Append("another DuckDB client runs these first.\n")
                .AppendJoin("", SettingVariables.Statements(settings).Select(s => s + ";\n")).Append('\n');
        }
        var written = new List<string>();
        foreach (var (schema, text) in bySchema)
        {
            var path = Path.Combine(Root, "ddl", schema + ".sql");
            AtomicFile.WriteAllText(path, $"-- {schema}: the views, tables and macros of this schema, as DuckDB holds them.\n\n"
                + text.ToString().TrimEnd() + "\n");
            written.Add(path);
        }
        return written;
    }

    private const string DdlQuery = """
        SELECT schema_name, sql, 1 AS kind, table_name AS name FROM duckdb_tables()
        WHERE NOT internal AND NOT temporary AND database_name = current_database()
        UNION ALL
        SELECT schema_name, sql, 2, view_name FROM duckdb_views()
        WHERE NOT internal AND NOT temporary AND database_name = current_database()
        UNION ALL
        SELECT schema_name, 'CREATE MACRO ' || schema_name || '.' || function_name
                || '(' || array_to_string(parameters, ', ') || ') AS '
                || CASE WHEN function_type = 'table_macro' THEN 'TABLE ' ELSE '' END || macro_definition,
            0, function_name
        FROM duckdb_functions()
        WHERE function_type IN ('macro', 'table_macro') AND NOT internal AND database_name = current_database()
        ORDER BY 1, 3, 4
        """;
}
