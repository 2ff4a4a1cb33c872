using CxWarehouse.Reports.Data;
using CxWarehouse.Reports.Formatting;

namespace CxWarehouse.Reports.Model;

/// <summary>
/// How the report reads the mart's verdicts: the status as marts.benchmark states it, and which way a change points
/// (the KPI's direction). The rules themselves (status, rank, percentile, significance) are the mart's alone.
/// </summary>
internal static class KpiRules
{
    public static KpiStatus ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "green" => KpiStatus.Green,
        "amber" => KpiStatus.Amber,
        "red" => KpiStatus.Red,
        _ => KpiStatus.None,
    };

    /// <summary>
    /// +1 when the change is an improvement, -1 when it is a deterioration, 0 when unknown or flat at the
    /// precision shown (so a "0.0" change is never coloured as a movement).
    /// </summary>
    public static int Improvement(double? delta, KpiDefinition kpi)
    {
        if (delta is not { } d || KpiFormat.IsFlat(d, kpi.Unit))
        {
            return 0;
        }

        return (d > 0) == kpi.HigherIsBetter ? 1 : -1;
    }
}
