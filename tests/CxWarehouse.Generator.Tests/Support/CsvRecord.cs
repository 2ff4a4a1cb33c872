namespace CxWarehouse.Generator.Tests.Support;

/// <summary>A parsed CSV record and the 1-based physical line it starts on.</summary>
public sealed record CsvRecord(long Line, IReadOnlyList<string> Fields);
