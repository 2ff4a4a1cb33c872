using System.Data.Common;
using System.Globalization;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Cli.Doctor;

/// <summary>The data's own consistency: orphans between streams, as the last build counted them.</summary>
internal sealed partial class Checkup
{
    private void CheckOrphans(DbConnection db)
    {
        var exists = DuckDb.Scalar<long>(db, DoctorSql.Get("has_orphans")) > 0;
        var latest = exists ? DuckDb.Scalar<string>(db, DoctorSql.Get("latest_orphan_run")) : null;
        if (latest is null)
        {
            Add(DoctorCheck.Warn, "orphans", "no orphan counts on record (audit.orphans)", "run cxw run");
            return;
        }
        var rows = DuckDb.Rows(db, DoctorSql.Get("orphan_counts"), latest);
        var counts = rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r[0]} {Convert.ToInt64(r[1], CultureInfo.InvariantCulture)} of {Convert.ToInt64(r[2], CultureInfo.InvariantCulture)}"))
            .ToList();
        var warned = rows.Where(r => (bool)r[4]!).Select(r => (string)r[0]!).ToList();
        var detail = counts.Count == 0
            ? $"run {latest}: no relation between streams could be checked (one side of each has no rows)"
            : $"run {latest}: {string.Join(", ", counts)}";
        Add(warned.Count > 0 ? DoctorCheck.Warn : DoctorCheck.Ok, "orphans", detail, warned.Count > 0
            ? $"rows of {string.Join(", ", warned)} name records absent from the data: check that the exports cover "
                + "the same period and every source is configured; cxw sql \"select * from audit.orphan_rows\" lists them"
            : null);
    }
}
