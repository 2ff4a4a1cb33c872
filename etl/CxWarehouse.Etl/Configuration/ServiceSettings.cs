namespace CxWarehouse.Etl.Configuration;

/// <summary>
/// The <c>service:</c> section: the business-hours calendar that service clocks run on (opening hours per weekday,
/// per-location overrides, holidays; local to each location's time zone) and first-response SLA targets per
/// ticket channel.
/// </summary>
public sealed record ServiceSettings
{
    /// <summary>Monday to Friday, 09:00 to 17:00: the hours used when the configuration names none.</summary>
    public static IReadOnlyList<OpeningHours> DefaultHours { get; } =
        Enumerable.Range(1, 5).Select(day => new OpeningHours(null, day, TimeSpan.FromHours(9), TimeSpan.FromHours(17)))
            .ToList();

    /// <summary>
    /// Open ranges: those with no location are every location's week; a location's rows replace the default on the
    /// weekdays they name (a row with no times closes that weekday).
    /// </summary>
    public IReadOnlyList<OpeningHours> BusinessHours { get; init; } = DefaultHours;

    /// <summary>Days closed all day, one row per date (and location, when the holiday is not everywhere).</summary>
    public IReadOnlyList<Holiday> Holidays { get; init; } = [];

    /// <summary>First-response targets per ticket channel; none means SLA attainment is unavailable.</summary>
    public IReadOnlyList<SlaTarget> SlaTargets { get; init; } = [];
}
