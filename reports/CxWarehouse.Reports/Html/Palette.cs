using CxWarehouse.Reports.Model;

namespace CxWarehouse.Reports.Html;

/// <summary>Colours of the HTML report; status colours double as text so they pass contrast on white.</summary>
internal static class Palette
{
    public const string Green = "#1e7b34";
    public const string GreenBackground = "#e6f4ea";
    public const string Amber = "#a15c00";
    public const string AmberBackground = "#fff4d6";
    public const string Red = "#b3261e";
    public const string RedBackground = "#fde7e7";
    public const string Neutral = "#4b6a8a";
    public const string NeutralBackground = "#eef2f6";
    public const string Muted = "#6b7280";
    public const string Grid = "#d1d5db";
    public const string Ink = "#111827";

    public static string Status(KpiStatus status) => status switch
    {
        KpiStatus.Green => Green,
        KpiStatus.Amber => Amber,
        KpiStatus.Red => Red,
        _ => Neutral,
    };

    public static string StatusBackground(KpiStatus status) => status switch
    {
        KpiStatus.Green => GreenBackground,
        KpiStatus.Amber => AmberBackground,
        KpiStatus.Red => RedBackground,
        _ => NeutralBackground,
    };

    /// <summary>Green for an improvement, red for a deterioration, grey when flat.</summary>
    public static string Improvement(int improvement) => improvement switch
    {
        > 0 => Green,
        < 0 => Red,
        _ => Muted,
    };
}
