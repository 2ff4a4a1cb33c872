using System.Text.RegularExpressions;

namespace CxWarehouse.Etl.Transform;

/// <summary>
/// The models under <c>sql/</c>: discovered from files, dependencies inferred from the model names each file
/// references, ordered topologically. Materialisation follows the folder (staging and intermediate as views,
/// core and marts as tables) unless the file's first lines say <c>-- materialized: table</c> or <c>view</c>.
/// </summary>
public sealed partial class ModelGraph
{
    private static readonly Dictionary<string, (string Schema, Materialization Materialization)> s_folders = new()
    {
        ["staging"] = ("staging", Materialization.View),
        ["intermediate"] = ("intermediate", Materialization.View),
        ["core"] = ("core", Materialization.Table),
        ["marts"] = ("marts", Materialization.Table),
    };

    private ModelGraph(IReadOnlyList<Model> ordered) => Models = ordered;

    /// <summary>Models in an order where each comes after everything it references.</summary>
    public IReadOnlyList<Model> Models { get; }

    public static IReadOnlyCollection<string> Schemas => s_folders.Values.Select(v => v.Schema).ToList();

    public static ModelGraph Load(string sqlFolder)
    {
        if (!Directory.Exists(sqlFolder))
        {
            throw new ModelException($"SQL folder not found: {sqlFolder}");
        }
        var models = new List<Model>();
        foreach (var file in Directory.EnumerateFiles(sqlFolder, "*.sql", SearchOption.AllDirectories)
                     .Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(sqlFolder, file).Replace('\\', '/');
            var top = relative.Split('/')[0];
            if (top is "tests" or "seeds" or "macros")
            {
                continue;
            }
            if (!s_folders.TryGetValue(top, out var folder))
            {
                throw new ModelException($"sql/{relative}: models live under staging/, intermediate/, core/ or marts/");
            }
            var sql = File.ReadAllText(file);
            var config = ConfigPattern().Matches(sql).ToDictionary(
                m => m.Groups[1].Value, m => m.Groups[2].Value.Trim(), StringComparer.Ordinal);
            var materialization = folder.Materialization;
            if (config.TryGetValue("materialized", out var declared) && !Spelling.TryParse(declared, out materialization))
            {
                throw new ModelException($"sql/{relative}: materialized must be view, table, incremental, snapshot, key_map or memo");
            }
            if (materialization == Materialization.KeyMap && !(config.ContainsKey("key_map") && config.ContainsKey("key_events")))
            {
                throw new ModelException($"sql/{relative}: a key_map model needs '-- key_map:' and '-- key_events:' lines");
            }
            var model = new Model(Path.GetFileNameWithoutExtension(file), folder.Schema, materialization,
                "sql/" + relative, sql);
            model = model with { Config = config };
            if (materialization == Materialization.Memo)
            {
                CheckMemo(model, relative);
            }
            if (materialization is Materialization.Incremental or Materialization.Snapshot or Materialization.Memo
                && model.UniqueKey.Count == 0)
            {
                var article = materialization == Materialization.Incremental ? "an" : "a";
                throw new ModelException($"sql/{relative}: {article} {materialization.Spelled()} model needs a '-- unique_key:' line");
            }
            if (config.ContainsKey("follows_key_map") && !(materialization == Materialization.Snapshot && model.UniqueKey.Count == 1))
            {
                throw new ModelException($"sql/{relative}: '-- follows_key_map:' is for a snapshot model with one unique_key column");
            }
            if (materialization == Materialization.Snapshot && !config.ContainsKey("check_cols"))
            {
                throw new ModelException($"sql/{relative}: a snapshot model needs a '-- check_cols:' line");
            }
            models.Add(model);
        }
        if (File.Exists(Path.Combine(sqlFolder, KpiRegistry.FileName)))
        {
            // marts.kpi_values is generated from the KPI registry's declarations.
            var kpis = KpiRegistry.Load(sqlFolder);
            models.Add(new Model("kpi_values", "marts", Materialization.Table, "sql/" + KpiRegistry.FileName,
                KpiRegistry.GenerateKpiValuesSql(kpis)));
            // marts.kpi_availability too: where each KPI's inputs have rows, and what is missing where they do not.
            models.Add(new Model("kpi_availability", "marts", Materialization.Table, "sql/" + KpiRegistry.FileName,
                KpiRegistry.GenerateKpiAvailabilitySql(kpis)));
        }
        var duplicate = models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ModelException(
                $"model name '{duplicate.Key}' is used by two files: {string.Join(" and ", duplicate.Select(d => d.File))}");
        }
        return new ModelGraph(Order(WithDependencies(models)));
    }

    /// <summary>A memo model names its inputs (<c>-- memo_of: schema.model</c>, read by its select) and its version
    /// (<c>-- memo_version: expression</c>).</summary>
    private static void CheckMemo(Model model, string relative)
    {
        if (!model.Config.TryGetValue("memo_of", out var inputs) || !model.Config.ContainsKey("memo_version"))
        {
            throw new ModelException($"sql/{relative}: a memo model needs '-- memo_of:' and '-- memo_version:' lines");
        }
        if (!model.MemoInputs.IsMatch(StripComments(model.Sql)))
        {
            throw new ModelException($"sql/{relative}: a memo model's select reads its inputs, {inputs} (-- memo_of:)");
        }
    }

    private static List<Model> WithDependencies(List<Model> models)
    {
        var byName = models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        // A key_map model also keeps its map and events tables: references to them depend on the model.
        foreach (var keyModel in models.Where(m => m.Materialization == Materialization.KeyMap))
        {
            foreach (var companion in keyModel.Companions)
            {
                if (!byName.TryAdd(companion, keyModel))
                {
                    throw new ModelException($"{keyModel.File}: '{companion}' is also the name of another model");
                }
            }
        }
        var schemas = Schemas.ToHashSet(StringComparer.Ordinal);
        var result = new List<Model>();
        foreach (var model in models)
        {
            var code = StripComments(model.Sql);
            var references = new SortedSet<string>(StringComparer.Ordinal);
            foreach (Match match in QualifiedPattern().Matches(code))
            {
                var schema = match.Groups[1].Value;
                var name = match.Groups[2].Value;
                if (!schemas.Contains(schema))
                {
                    continue;
                }
                if (!byName.TryGetValue(name, out var target))
                {
                    throw new ModelException($"{model.File}: references {schema}.{name}, which no model builds");
                }
                if (target.Schema != schema)
                {
                    throw new ModelException(
                        $"{model.File}: references {schema}.{name}, but that model is built in schema {target.Schema}");
                }
                if (target.Name != model.Name)
                {
                    references.Add(target.Name);
                }
                else
                {
                    throw new ModelException($"{model.File}: the model references itself");
                }
            }
            result.Add(model with { DependsOn = references.ToList() });
        }
        return result;
    }

    private static List<Model> Order(List<Model> models)
    {
        var byName = models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var ordered = new List<Model>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new Stack<string>();
        void Visit(Model model)
        {
            state.TryGetValue(model.Name, out var s);
            if (s == 2)
            {
                return;
            }
            if (s == 1)
            {
                var cycle = path.Reverse().SkipWhile(n => n != model.Name).Append(model.Name);
                throw new ModelException(
                    $"{model.File}: dependency cycle: {string.Join(" -> ", cycle)}");
            }
            state[model.Name] = 1;
            path.Push(model.Name);
            foreach (var dependency in model.DependsOn)
            {
                Visit(byName[dependency]);
            }
            path.Pop();
            state[model.Name] = 2;
            ordered.Add(model);
        }
        foreach (var model in models.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            Visit(model);
        }
        return ordered;
    }

    /// <summary>
    /// The models a selector picks: <c>name</c>, <c>name+</c> (and everything downstream) or <c>+name</c>
    /// (and everything upstream); several selectors are separated by spaces or commas.
    /// </summary>
    public IReadOnlyList<Model> Select(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Models;
        }
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in selector.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Trim('+');
            if (!Models.Any(m => m.Name == name))
            {
                throw new ModelException($"--select: no model named '{name}'");
            }
            var picked = new HashSet<string>(StringComparer.Ordinal) { name };
            // Models are in dependency order, so one pass each way closes the set.
            if (part.EndsWith('+'))
            {
                foreach (var model in Models.Where(m => m.DependsOn.Any(picked.Contains)))
                {
                    picked.Add(model.Name);
                }
            }
            if (part.StartsWith('+'))
            {
                foreach (var model in Models.Reverse().Where(m => picked.Contains(m.Name)))
                {
                    picked.UnionWith(model.DependsOn);
                }
            }
            chosen.UnionWith(picked);
        }
        return Models.Where(m => chosen.Contains(m.Name)).ToList();
    }

    private static string StripComments(string sql) => CommentPattern().Replace(sql, " ");

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"\b([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QualifiedPattern();

    /// <summary>Leading comment lines such as <c>-- materialized: incremental</c> configure a model.</summary>
    [GeneratedRegex(@"^--\s*(materialized|unique_key|updated_at|lookback|check_cols|key_map|key_events|follows_key_map|memo_of|memo_version):\s*(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex ConfigPattern();
}
