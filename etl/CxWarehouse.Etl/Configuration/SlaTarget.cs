namespace CxWarehouse.Etl.Configuration;

/// <summary>
/// A ticket channel's first-response target, counted on the <c>business</c> clock (open hours only) or the
/// <c>calendar</c> clock (elapsed time).
/// </summary>
public sealed record SlaTarget(string Channel, double FirstResponseMinutes, string Clock);
