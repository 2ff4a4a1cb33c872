using System.Text.RegularExpressions;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Transform;

/// <summary>
/// The data tests: generic tests (unique, not_null, accepted_values, relationships, expression) declared beside
/// the models in <c>_*.yml</c> files, and SQL tests under <c>sql/tests/</c> that return failing rows. Each
/// compiles to a query returning the failing rows, as dbt does.
/// </summary>
public static partial class DataTestCatalog
{
    /// <summary>The generic tests' selects, in <c>etl/CxWarehouse.Etl/Sql/transform/data_tests.sql</c>.</summary>
    internal const string Statements = "transform/data_tests.sql";

    public static IReadOnlyList<DataTest> Load(string sqlFolder, ModelGraph graph)
    {
        var models = graph.Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var tests = new List<DataTest>();
        foreach (var file in Directory.EnumerateFiles(sqlFolder, "_*.yml", SearchOption.AllDirectories)
                     .Order(StringComparer.Ordinal))
        {
            var relative = "sql/" + Path.GetRelativePath(sqlFolder, file).Replace('\\', '/');
            using var text = new StreamReader(file);
            var yaml = YamlReader.Load(relative, text);
            yaml.OnlyKeys("models");
            foreach (var model in yaml.MapList("models"))
            {
                model.OnlyKeys("name", "description", "columns", "data_tests");
                var name = model.RequiredString("name");
                if (!models.TryGetValue(name, out var target))
                {
                    throw model.Error("name", $"no model named '{name}'");
                }
                foreach (var test in model.MixedList("data_tests"))
                {
                    tests.Add(Generic(test.Map ?? throw model.Error("data_tests", "model tests are mappings"),
                        target, null, relative));
                }
                foreach (var column in model.MapList("columns"))
                {
                    column.OnlyKeys("name", "description", "data_tests");
                    var columnName = column.RequiredString("name");
                    foreach (var node in column.MixedList("data_tests"))
                    {
                        tests.Add(node.Map is { } t
                            ? Generic(t, target, columnName, relative)
                            : Simple(node.Name!, target, columnName, relative));
                    }
                }
            }
        }
        var folder = Path.Combine(sqlFolder, "tests");
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.sql").Order(StringComparer.Ordinal))
            {
                var sql = File.ReadAllText(file);
                var severity = SeverityPattern().Match(sql) is { Success: true } m
                    && Spelling.TryParse<Severity>(m.Groups[1].Value, out var declared) ? declared : Severity.Error;
                tests.Add(new DataTest(Path.GetFileNameWithoutExtension(file), "", severity, sql.Trim().TrimEnd(';'),
                    "sql/tests/" + Path.GetFileName(file)));
            }
        }
        var duplicate = tests.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? tests
            : throw new ModelException($"{duplicate.First().File}: two data tests are named '{duplicate.Key}'");
    }

    private static DataTest Simple(string kind, Model model, string column, string file)
    {
        var c = SqlText.Identifier(column);
        return kind switch
        {
            "unique" => Unique(kind, model, column, c, file),
            "not_null" => new DataTest($"{kind}_{model.Name}_{column}", model.Name, Severity.Error,
                SqlResources.Get(Statements, kind, ("relation", model.Relation), ("column", c)), file),
            _ => throw new ModelException($"{file}: {model.Name}.{column}: unknown test '{kind}' "
                + "(unique, not_null, accepted_values, relationships, expression)"),
        };
    }

    private static DataTest Unique(string kind, Model model, string column, string identifier, string file)
    {
        var guard = SqlResources.Get(Statements, "unique_guard", ("relation", model.Relation), ("column", identifier));
        return new DataTest($"{kind}_{model.Name}_{column}", model.Name, Severity.Error,
            SqlResources.Get(Statements, kind, ("relation", model.Relation), ("column", identifier), ("guard", guard)), file, guard);
    }

    private static DataTest Generic(YamlReader test, Model model, string? column, string file)
    {
        var kind = test.Keys.Single();
        var body = test.Map(kind);
        if (body is null)
        {
            return Simple(kind, model, column ?? throw test.Error(kind, "needs a column"), file);
        }
        var severity = Spelling.TryParse<Severity>(body.OneOf("severity", [.. Spelling.All<Severity>()]), out var declared)
            ? declared
            : Severity.Error;
        var c = column is null ? null : SqlText.Identifier(column);
        string name;
        string sql;
        switch (kind)
        {
            case "unique":
            case "not_null":
                body.OnlyKeys("severity");
                var simple = Simple(kind, model, column ?? throw test.Error(kind, "needs a column"), file);
                return simple with { Severity = severity };
            case "accepted_values":
                body.OnlyKeys("values", "severity");
                var values = body.StringList("values");
                name = $"accepted_values_{model.Name}_{column}";
                sql = SqlResources.Get(Statements, "accepted_values", ("relation", model.Relation), ("column", c!),
                    ("values", string.Join(", ", values.Select(SqlText.Literal))));
                break;
            case "relationships":
                body.OnlyKeys("to", "field", "severity");
                var to = body.RequiredString("to");
                if (!RelationPattern().IsMatch(to))
                {
                    throw body.Error("to", $"'{to}' is not a schema.table name");
                }
                var field = SqlText.Identifier(body.RequiredString("field"));
                name = $"relationships_{model.Name}_{column}";
                sql = SqlResources.Get(Statements, "relationships", ("relation", model.Relation), ("column", c!),
                    ("to", to), ("field", field));
                break;
            case "expression":
                body.OnlyKeys("sql", "name", "severity");
                name = body.String("name") ?? $"expression_{model.Name}_{column ?? "row"}";
                sql = SqlResources.Get(Statements, "expression", ("relation", model.Relation),
                    ("expression", body.RequiredString("sql")));
                break;
            default:
                throw test.Error(kind, $"unknown test '{kind}' (unique, not_null, accepted_values, relationships, expression)");
        }
        return new DataTest(name, model.Name, severity, sql, file);
    }

    [GeneratedRegex(@"^\s*--\s*severity:\s*(warn|error)\s*$", RegexOptions.Multiline)]
    private static partial Regex SeverityPattern();

    [GeneratedRegex("^[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*$")]
    private static partial Regex RelationPattern();
}
