namespace CxWarehouse.Reports.Data;

/// <summary>One row of <c>marts.kpi_registry</c>.</summary>
internal sealed record KpiDefinition(
    string Kpi,
    string Label,
    string Description,
    string Unit,
    string Direction,
    string Formula,
    string Source,
    int? MinSample,
    double? Target,
    double? Tolerance,
    int DisplayOrder)
{
    public bool HigherIsBetter => !string.Equals(Direction, "lower", StringComparison.OrdinalIgnoreCase);

    /// <summary>A stand-in for a KPI that has values but no registry row.</summary>
    public static KpiDefinition Unregistered(string kpi, int displayOrder) =>
        new(kpi, kpi, "Not in marts.kpi_registry.", "", "higher", "", "", null, null, null, displayOrder);
}
