namespace CxWarehouse.Generator.Sinks;

/// <summary>Salesforce field types as they matter for CSV text and SQLite storage.</summary>
internal enum SfType
{
    Text,
    Money,
    Bool,
    DateTime,
    Date,
    Int,

    /// <summary>A lookup to another record: an empty one is written as Salesforce's null id in CSV exports.</summary>
    Reference,
}
