using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Support;

/// <summary>
/// Queries what a lake holds, as the warehouse would see it: the view <c>data</c> over every committed data file
/// <c>q</c> over every quarantine file and <c>flagged</c> over the rows loaded with a value nulled by a domain rule,
/// in a scratch DuckDB.
/// </summary>
public static class LakeQuery
{
    public static List<object?[]> Rows(Lake lake, string scratchFolder, string sql)
    {
        using var db = DuckDb.OpenScratch(new WarehouseSettings(), Path.Combine(scratchFolder, "tmp"));
        var manifests = lake.ReadManifests();
        var data = manifests.SelectMany(m => m.Files).Select(f => SqlText.Literal(lake.Absolute(f))).ToList();
        var quarantine = manifests.SelectMany(m => m.QuarantineFiles).Select(f => SqlText.Literal(lake.Absolute(f))).ToList();
        if (data.Count > 0)
        {
            DuckDb.Execute(db, $"CREATE VIEW data AS SELECT * FROM read_parquet([{string.Join(",", data)}])");
        }
        if (quarantine.Count > 0)
        {
            DuckDb.Execute(db, $"CREATE VIEW q AS SELECT * FROM read_parquet([{string.Join(",", quarantine)}])");
        }
        var flagged = manifests.SelectMany(m => m.FlaggedFiles).Select(f => SqlText.Literal(lake.Absolute(f))).ToList();
        if (flagged.Count > 0)
        {
            DuckDb.Execute(db, $"CREATE VIEW flagged AS SELECT * FROM read_parquet([{string.Join(",", flagged)}])");
        }
        return DuckDb.Rows(db, sql);
    }
}
