namespace CxWarehouse.Etl.Extract;

/// <summary>Quoting for SQL built from configuration: literals and identifiers are always escaped.</summary>
public static class SqlText
{
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
