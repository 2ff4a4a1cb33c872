namespace CxWarehouse.Etl.Configuration;

/// <summary>A configuration error, with the file, line and key it concerns.</summary>
public sealed class ConfigException(string message) : Exception(message)
{
    public static ConfigException At(string file, long line, long column, string message) =>
        new($"{Path.GetFileName(file)}:{line}:{column}: {message}");
}
