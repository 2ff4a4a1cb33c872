namespace CxWarehouse.Etl.Configuration;

/// <summary>A local date on which a location (or, with no location, every location) is closed all day.</summary>
public sealed record Holiday(DateOnly Date, string? Name, string? LocationId);
