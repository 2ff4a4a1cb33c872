namespace CxWarehouse.Reports.Model;

/// <summary>Traffic-light status of a KPI value against its target.</summary>
internal enum KpiStatus
{
    /// <summary>No target, or no value.</summary>
    None,
    Green,
    Amber,
    Red,
}
