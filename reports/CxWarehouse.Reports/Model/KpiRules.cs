using CxWarehouse.Reports.Data;
using CxWarehouse.Reports.Formatting;

namespace CxWarehouse.Reports.Model;

/// <summary>Status, peer percentile and improvement rules from docs/kpi-definitions.md (Benchmarking).</summary>
internal static class KpiRules
{
    /// <summary>
    /// Green when the target is met, amber when within <paramref name="tolerance"/> of it, red otherwise;
    /// none without a target or a value.
    /// </summary>
    /// <remarks>The tolerance is absolute, in the KPI's own unit (points for percentages).</remarks>
    public static KpiStatus Status(double? value, double? target, double? tolerance, bool higherIsBetter)
    {
        if (value is not { } v || target is not { } t)
        {
            return KpiStatus.None;
        }

        var band = Math.Abs(tolerance ?? 0);
        var shortfall = higherIsBetter ? t - v : v - t;
        return shortfall <= 0 ? KpiStatus.Green : shortfall <= band ? KpiStatus.Amber : KpiStatus.Red;
    }

    public static KpiStatus ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "green" => KpiStatus.Green,
        "amber" => KpiStatus.Amber,
        "red" => KpiStatus.Red,
        _ => KpiStatus.None,
    };

    /// <summary>
    /// Share of the other peers that <paramref name="value"/> beats, ties counting half, 0-100
    /// (100 = best, direction-aware). Null with fewer than two peers or no value.
    /// </summary>
    public static double? PeerPercentile(double? value, IReadOnlyList<double> peerValues, bool higherIsBetter)
    {
        if (value is not { } v || peerValues.Count < 2)
        {
            return null;
        }

        double beaten = 0;
        var selfSkipped = false;
        foreach (var other in peerValues)
        {
            if (other.Equals(v) && !selfSkipped)
            {
                selfSkipped = true;
                continue;
            }

            if (other.Equals(v))
            {
                beaten += 0.5;
            }
            else if (higherIsBetter ? v > other : v < other)
            {
                beaten += 1;
            }
        }

        return 100.0 * beaten / (peerValues.Count - 1);
    }

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
