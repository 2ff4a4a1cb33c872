namespace CxWarehouse.Etl.Configuration;

/// <summary>
/// One open range of a weekday, in the location's local wall time: <paramref name="IsoWeekday"/> 1 (Monday) to
/// 7 (Sunday); <paramref name="Closes"/> may be 24:00. No location means the default week; no times (a location
/// override only) means the location is closed that weekday.
/// </summary>
public sealed record OpeningHours(string? LocationId, int IsoWeekday, TimeSpan? Opens, TimeSpan? Closes);
