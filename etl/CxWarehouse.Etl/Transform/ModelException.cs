namespace CxWarehouse.Etl.Transform;

/// <summary>A problem with the SQL models themselves: a cycle, an unknown reference, a failing statement.</summary>
public sealed class ModelException(string message) : Exception(message);
