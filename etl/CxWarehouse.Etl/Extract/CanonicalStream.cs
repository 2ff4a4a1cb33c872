namespace CxWarehouse.Etl.Extract;

/// <summary>Types a canonical field can have, with their DuckDB spelling.</summary>
public enum FieldType
{
    Text,
    Timestamp,
    Date,
    Money,
    Number,
    Integer,
    Bool,
}

/// <summary>One typed field of a canonical stream.</summary>
public sealed record CanonicalField(string Name, FieldType Type, bool Required = false, string Description = "")
{
    public string SqlType => Type switch
    {
        FieldType.Text => "VARCHAR",
        FieldType.Timestamp => "TIMESTAMPTZ",
        FieldType.Date => "DATE",
        FieldType.Money => "DECIMAL(18,2)",
        FieldType.Number => "DOUBLE",
        FieldType.Integer => "BIGINT",
        FieldType.Bool => "BOOLEAN",
        _ => throw new InvalidOperationException(Type.ToString()),
    };
}

/// <summary>
/// A canonical stream such as <c>crm.orders</c>: what every source of that kind is mapped to, with its primary
/// key and the cursor that orders versions of a record.
/// </summary>
public sealed record CanonicalStream(
    string Name, string Description, IReadOnlyList<string> PrimaryKey, string? Cursor,
    IReadOnlyList<CanonicalField> Fields)
{
    /// <summary>The source kind: crm, web, calls, surveys or reviews.</summary>
    public string Kind => Name[..Name.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The entity part: customers, orders, events...</summary>
    public string Entity => Name[(Name.IndexOf('.', StringComparison.Ordinal) + 1)..];

    /// <summary>The view name in the warehouse's raw schema: <c>crm__orders</c>.</summary>
    public string RawView => $"{Kind}__{Entity}";

    public CanonicalField Field(string name) =>
        Fields.FirstOrDefault(f => f.Name == name)
        ?? throw new KeyNotFoundException($"{Name} has no field '{name}'");
}
