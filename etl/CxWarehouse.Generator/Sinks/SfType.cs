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
}
