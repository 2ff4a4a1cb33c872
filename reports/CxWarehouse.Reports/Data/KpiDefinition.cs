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
    /// <summary>
    /// What the number is counted in, shown after it: the reporting currency on money, "per 1,000 won orders" on a
    /// rate (marts.kpi_registry unit_label); null where the unit says it all.
    /// </summary>
    public string? UnitLabel { get; init; }

    /// <summary>The unit with its label, for formatting.</summary>
    public KpiUnit Measure => new(Unit, UnitLabel);

    public bool HigherIsBetter => !string.Equals(Direction, "lower", StringComparison.OrdinalIgnoreCase);

    /// <summary>A stand-in for a KPI that has values but no registry row.</summary>
    public static KpiDefinition Unregistered(string kpi, int displayOrder) =>
        new(kpi, kpi, "Not in marts.kpi_registry.", "", "higher", "", "", null, null, null, displayOrder);
}

/// <summary>A KPI's unit code (pct, currency, ratio...) with its label (GBP, per 1,000 won orders).</summary>
internal readonly record struct KpiUnit(string Code, string? Label)
{
    public static implicit operator string(KpiUnit unit) => unit.Code;
}
