namespace CxWarehouse.Generator.Tests.Support;

/// <summary>One row of truth/dirty.csv.</summary>
public sealed record DirtyEntry(string File, long Line, string RecordKey, string Kind, string Expected);
