namespace CxWarehouse.Generator.Sinks;

/// <summary>One field of a Salesforce object export.</summary>
internal sealed record SfColumn(string Name, SfType Type)
{
    public string SqliteType => Type switch
    {
        SfType.Money => "REAL",
        SfType.Bool or SfType.Int => "INTEGER",
        _ => "TEXT",
    };
}
