using CxWarehouse.Reports.Data;

namespace CxWarehouse.Reports;

/// <summary>
/// A warehouse opened read-only for a report: a command that picks the period from the latest data asks here, then
/// passes this to <see cref="ReportGenerator.Generate(ReportOptions, ReportWarehouse?)"/>, so the file is opened once.
/// </summary>
public sealed class ReportWarehouse : IDisposable
{
    private ReportWarehouse(WarehouseReader reader)
    {
        Reader = reader;
    }

    internal WarehouseReader Reader { get; }

    /// <summary>Opens <paramref name="warehousePath"/> read-only.</summary>
    /// <exception cref="FileNotFoundException">The warehouse file does not exist.</exception>
    public static ReportWarehouse Open(string warehousePath) => new(WarehouseReader.Open(warehousePath));

    /// <summary>
    /// The local date of the newest customer activity (surveys, calls, web, reviews, tickets; orders only when
    /// nothing else is configured, as bookings can carry future close dates), or null when the warehouse has none.
    /// </summary>
    public DateOnly? LatestActivityDate() => Reader.LatestActivityDate();

    public void Dispose() => Reader.Dispose();
}
