namespace CxWarehouse.Etl.Transform;

/// <summary>One SQL model: a file holding a single select, named after the relation it builds.</summary>
public sealed record Model(string Name, string Schema, string Materialization, string File, string Sql)
{
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    public string Relation => $"{Schema}.{Name}";
}

/// <summary>What building one model did.</summary>
public sealed record ModelResult(string Name, string Relation, string Status, long? Rows, double Seconds,
    string? Message);
