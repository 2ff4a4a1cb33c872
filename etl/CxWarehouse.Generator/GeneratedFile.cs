namespace CxWarehouse.Generator;

/// <summary>One file written by the generator.</summary>
/// <param name="RelativePath">Path under the output folder, with <c>/</c> separators.</param>
/// <param name="Records">Records in the file (rows, lines or JSON objects), dirty ones included; headers
/// excluded.</param>
/// <param name="Bytes">File size in bytes.</param>
public sealed record GeneratedFile(string RelativePath, long Records, long Bytes);
