using System.Data.Common;
using System.Diagnostics;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Transform;

/// <summary>
/// Builds models in dependency order inside one transaction, so readers see either the previous build or the
/// whole new one, never half of it; a failing model rolls everything back and names its file.
/// </summary>
public sealed class ModelRunner(DbConnection connection)
{
    public IReadOnlyList<ModelResult> Run(IReadOnlyList<Model> models, Action<Model>? starting = null)
    {
        var results = new List<ModelResult>();
        DuckDb.Execute(connection, "BEGIN TRANSACTION");
        try
        {
            foreach (var schema in ModelGraph.Schemas)
            {
                DuckDb.Execute(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}");
            }
            foreach (var model in models)
            {
                starting?.Invoke(model);
                var clock = Stopwatch.StartNew();
                var body = model.Sql.TrimEnd().TrimEnd(';');
                try
                {
                    // A table and a view cannot replace each other: drop the old one when its kind changed.
                    var existing = DuckDb.Scalar<string>(connection,
                        "SELECT table_type FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2",
                        model.Schema, model.Name);
                    if (existing == "VIEW" && model.Materialization == "table")
                    {
                        DuckDb.Execute(connection, $"DROP VIEW {model.Relation}");
                    }
                    else if (existing == "BASE TABLE" && model.Materialization == "view")
                    {
                        DuckDb.Execute(connection, $"DROP TABLE {model.Relation}");
                    }
                    DuckDb.Execute(connection,
                        $"CREATE OR REPLACE {model.Materialization.ToUpperInvariant()} {model.Relation} AS\n{body}\n");
                    long? rows = model.Materialization == "table"
                        ? DuckDb.Scalar<long>(connection, $"SELECT count(*) FROM {model.Relation}")
                        : null;
                    results.Add(new ModelResult(model.Name, model.Relation, "success", rows,
                        clock.Elapsed.TotalSeconds, null));
                }
                catch (DuckDB.NET.Data.DuckDBException ex)
                {
                    throw new ModelException($"{model.File}: {ex.Message.Split('\n')[0]}");
                }
            }
            DuckDb.Execute(connection, "COMMIT");
        }
        catch
        {
            DuckDb.Execute(connection, "ROLLBACK");
            throw;
        }
        return results;
    }
}
