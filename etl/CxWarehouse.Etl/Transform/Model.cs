using System.Text.RegularExpressions;

namespace CxWarehouse.Etl.Transform;

/// <summary>One SQL model: a file holding a single select, named after the relation it builds.</summary>
public sealed record Model(string Name, string Schema, Materialization Materialization, string File, string Sql)
{
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Settings from the file's leading <c>-- key: value</c> lines (materialized, unique_key, ...).</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();

    /// <summary>The key columns of an incremental or snapshot model.</summary>
    public IReadOnlyList<string> UniqueKey => Config.TryGetValue("unique_key", out var key)
        ? key.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        : [];

    public string Relation => $"{Schema}.{Name}";

    /// <summary>The select the runner builds the model from: the file's text without its trailing semicolon.</summary>
    public string Body => Sql.TrimEnd().TrimEnd(';');

    /// <summary>Where a <c>memo</c> model's select names its inputs (<c>-- memo_of:</c>): the runner reads the inputs it
    /// has not seen there instead.</summary>
    public Regex MemoInputs => new($@"\b{Regex.Escape(Config["memo_of"])}\b", RegexOptions.IgnoreCase);

    /// <summary>The tables a <c>key_map</c> model keeps beside its own (its key map and its events).</summary>
    public IReadOnlyList<string> Companions => Materialization == Materialization.KeyMap
        ? [Config["key_map"], Config["key_events"]]
        : [];
}

/// <summary>What building one model did.</summary>
public sealed record ModelResult(string Name, string Relation, ModelStatus Status, long? Rows, double Seconds,
    string? Message);
