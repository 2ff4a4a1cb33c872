using System.Globalization;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Warehouse;
using DuckDB.NET.Data;

namespace CxWarehouse.Etl.Extract;

public sealed partial class Extractor
{
    /// <summary>
    /// For a file whose ISO dates a spreadsheet rewrote with slashes in its locale (21/03/2023 12:10 or
    /// 03/21/2023 12:10), read after the file was typed without an order: the order the file's own unread values
    /// prove (a first part over 12 is a day, a second part over 12 is a day), or null when most of its rows have no
    /// such date (a stray value among ISO dates is a bad row, quarantined as such). A file whose values prove
    /// neither order (every part 12 or less) or both is refused, naming the column, a value and its line, and the
    /// <c>date_order</c> to set. Only the file's quarantined rows are looked at, so a file of ISO dates pays nothing.
    /// </summary>
    private static DateOrder? ProvenDateOrder(DuckDBConnection db, SourceInput input, StreamSqlBuilder builder,
        ReaderOptions reader, SourceFileFacts facts, string display, int headerRecords, List<long> rejected, long rows)
    {
        var columns = DuckDb.Rows(db, SqlResources.Get("extract/quarantine.sql", "day_month_dates"), display)
            .Where(r => builder.DayMonthLabels.Contains((string)r[0]!))
            .ToList();
        if (columns.Count == 0 || Convert.ToInt64(columns[0][9], CultureInfo.InvariantCulture) * 2 <= rows)
        {
            return null;
        }
        var dayFirst = columns.FirstOrDefault(r => r[5] is not null);
        var monthFirst = columns.FirstOrDefault(r => r[7] is not null);
        var shown = $"{input.Name}/{display}";
        string Where(object? record) =>
            Line(Convert.ToInt64(record, CultureInfo.InvariantCulture), reader, facts, headerRecords, rejected);
        const string Set = "set date_order: day-first (21/03/2023) or date_order: month-first (03/21/2023) on the source";
        if (dayFirst is not null && monthFirst is not null)
        {
            throw new SourceFileException($"{shown}: {Where(dayFirst[6])}: column {dayFirst[0]}: '{dayFirst[5]}' puts the "
                + $"day first, but '{monthFirst[7]}' ({Where(monthFirst[8])}, column {monthFirst[0]}) puts the month first: "
                + $"the file's dates are written in two orders; {Set} for the order the export was written in (dates in "
                + "the other order are then quarantined), or export the file again");
        }
        if (dayFirst is not null)
        {
            return DateOrder.DayFirst;
        }
        if (monthFirst is not null)
        {
            return DateOrder.MonthFirst;
        }
        var first = columns[0];
        throw new SourceFileException($"{shown}: {Where(first[4])}: column {first[0]}: dates are written with slashes "
            + $"('{first[3]}', shaped dd/mm/yyyy or mm/dd/yyyy) and no date in the file shows whether the day or the month "
            + $"comes first (none has a part over 12); {Set}");
    }

    /// <summary>"line N" of the file for the typed row <paramref name="record"/> of a CSV file, else "record N".</summary>
    private static string Line(long record, ReaderOptions reader, SourceFileFacts facts, int headerRecords, List<long> rejected)
    {
        if (reader.Format != SourceFormat.Csv)
        {
            return string.Create(CultureInfo.InvariantCulture, $"record {record}");
        }
        var number = AcceptedToRecord(record, headerRecords, rejected);
        var lines = SourceFileInspector.RecordStartLines(facts.ReadPath, [number], csvQuotes: true);
        return string.Create(CultureInfo.InvariantCulture, $"line {(lines.TryGetValue(number, out var line) ? line : number)}");
    }
}
