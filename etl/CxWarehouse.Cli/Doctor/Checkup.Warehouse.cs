using System.Data.Common;
using CxWarehouse.Etl;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Transform;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Cli.Doctor;

/// <summary>The warehouse (opened read-only) and the lake's manifests.</summary>
internal sealed partial class Checkup
{
    private static readonly string[] s_catalogSchemas = ["raw", "audit", "config", "seeds"];

    private void CheckWarehouse(CxConfig config, bool lockHeld)
    {
        var path = context.WarehousePath;
        if (!File.Exists(path))
        {
            Add(DoctorCheck.Fail, "warehouse", $"no warehouse at {path}", "run cxw run");
            return;
        }
        const string Rebuild = "restore it from a backup, or move it aside and rebuild it from the lake with cxw run";
        DbConnection db;
        try
        {
            db = DuckDb.Open(path, new WarehouseSettings(), null, readOnly: true);
        }
        catch (WarehouseLockedException ex)
        {
            Add(lockHeld ? DoctorCheck.Warn : DoctorCheck.Fail, "warehouse", FirstLine(ex.Message),
                lockHeld ? "wait for the run to finish, then rerun cxw doctor" : "close the program holding it open");
            return;
        }
        catch (DuckDB.NET.Data.DuckDBException ex)
        {
            Add(DoctorCheck.Fail, "warehouse", $"{path} does not open: {FirstLine(ex.Message)}", Rebuild);
            return;
        }
        using (db)
        {
            try
            {
                DuckDb.Confine(db, [context.LakePath, Path.GetDirectoryName(path)!]);
                CheckCatalog(db, config);
                CheckLastRun(db);
                CheckOrphans(db);
            }
            catch (DuckDB.NET.Data.DuckDBException ex)
            {
                Add(DoctorCheck.Fail, "warehouse", $"{path} opens but cannot be read: {FirstLine(ex.Message)}", Rebuild);
            }
        }
    }

    private void CheckCatalog(DbConnection db, CxConfig config)
    {
        var schemas = DuckDb.Rows(db, DoctorSql.Get("schemas"))
            .Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
        var missingSchemas = s_catalogSchemas.Concat(ModelGraph.Schemas).Distinct()
            .Where(s => !schemas.Contains(s)).ToList();
        var relations = DuckDb.Rows(db, DoctorSql.Get("relations"))
            .Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
        List<Model> models;
        try
        {
            models = [.. ModelGraph.Load(CliContext.ProjectFolder(config, "sql")).Models];
        }
        catch (Exception ex) when (ex is ModelException or ConfigException)
        {
            Add(DoctorCheck.Fail, "warehouse", "the SQL models cannot be read: " + ex.Message,
                "correct the model named; cxw build reports the same");
            return;
        }
        var missing = models.Where(m => !relations.Contains(m.Relation)).Select(m => m.Relation).ToList();
        if (missingSchemas.Count > 0 || missing.Count > 0)
        {
            Add(DoctorCheck.Fail, "warehouse", (missingSchemas.Count > 0 ? $"missing schemas: {Some(missingSchemas, 8)}; " : "")
                + (missing.Count > 0 ? $"missing {missing.Count} of {models.Count} models: {Some(missing, 5)}" : ""),
                "run cxw build (cxw run if the lake is empty too)");
            return;
        }
        var tables = models.Where(m => m.Schema is "core" or "marts" && m.Materialization != Materialization.View).ToList();
        long rows = 0;
        foreach (var model in tables)
        {
            rows += DuckDb.Scalar<long>(db, DoctorSql.Get("row_count", ("relation", $"{model.Schema}.\"{model.Name}\"")));
        }
        Add(DoctorCheck.Ok, "warehouse", $"{context.WarehousePath} opens read-only; {models.Count} models present, "
            + $"{tables.Count} core and mart tables with {rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} rows");
    }

    private void CheckLastRun(DbConnection db)
    {
        if (!DuckDb.TableExists(db, "audit", "runs") || !DuckDb.TableExists(db, "audit", "stream_runs"))
        {
            Add(DoctorCheck.Warn, "last run", "no run is on record in audit.runs", "run cxw run");
            return;
        }
        var last = DuckDb.Rows(db, DoctorSql.Get("last_run")).FirstOrDefault();
        if (last is null)
        {
            Add(DoctorCheck.Warn, "last run", "no run is on record in audit.runs", "run cxw run");
        }
        else
        {
            var (id, command, status) = ((string)last[0]!, (string)last[1]!, (string)last[2]!);
            var detail = $"{id} (cxw {command}) ended {last[3]}Z: {status}";
            var fix = $"see {Path.Combine(context.Output, "run_results.json")} and "
                + $"cxw sql \"select * from audit.stream_runs where run_id = '{id}'\", correct the cause, run cxw run";
            var outcome = Spelling.TryParse<RunStatus>(status, out var recorded) ? recorded : RunStatus.Error;
            Add(outcome switch { RunStatus.Success => DoctorCheck.Ok, RunStatus.Failed => DoctorCheck.Warn, _ => DoctorCheck.Fail },
                "last run", detail, outcome == RunStatus.Success ? null : fix);
        }
        var latest = DuckDb.Scalar<string>(db, DoctorSql.Get("latest_stream_run"));
        if (latest is null)
        {
            return;
        }
        var off = DuckDb.Rows(db, DoctorSql.Get("unreconciled_streams"), latest).Select(r => (string)r[0]!).ToList();
        var streams = DuckDb.Scalar<long>(db, DoctorSql.Get("stream_count"), latest);
        if (off.Count > 0)
        {
            Add(DoctorCheck.Fail, "reconcile", $"run {latest}: {off.Count} stream(s) do not reconcile: {Some(off)}",
                "rerun the stream with cxw extract --full-refresh --source <source>; report it if it persists");
        }
        else
        {
            Add(DoctorCheck.Ok, "reconcile", $"run {latest}: {streams} stream(s), read = loaded + quarantined + "
                + "deduplicated + deleted for each");
        }
    }

    /// <summary>Every file a manifest names exists and is a whole Parquet file (PAR1 at both ends).</summary>
    private void CheckLake(CxConfig config)
    {
        var lake = new Lake(context.LakePath);
        var folder = Path.Combine(lake.Root, "_manifests");
        if (!Directory.Exists(folder))
        {
            Add(DoctorCheck.Warn, "lake", $"{lake.Root} holds no manifests", "run cxw run");
            return;
        }
        var broken = 0;
        var manifests = 0;
        var files = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            StreamManifest manifest;
            try
            {
                manifest = Lake.ReadManifestFile(path) ?? throw new System.Text.Json.JsonException("empty");
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or NotSupportedException)
            {
                broken++;
                Add(DoctorCheck.Fail, "lake", $"{path} cannot be read: {FirstLine(ex.Message)}",
                    "delete it and re-extract that stream with cxw extract --full-refresh");
                continue;
            }
            manifests++;
            var named = manifest.Named().ToList();
            files += named.Count;
            var missing = named.Where(f => !File.Exists(lake.Absolute(f))).ToList();
            var damaged = named.Except(missing).Where(f => !IsWholeParquet(lake.Absolute(f))).ToList();
            if (missing.Count + damaged.Count == 0)
            {
                continue;
            }
            broken++;
            var source = config.Sources.Any(s => s.Name == manifest.Input)
                ? $"cxw extract --full-refresh --source {manifest.Input} --stream {manifest.Stream}"
                : $"cxw extract --full-refresh for that source";
            Add(DoctorCheck.Fail, "lake", $"{manifest.Input} {manifest.Stream}: the manifest names "
                + (missing.Count > 0 ? $"{missing.Count} missing Parquet file(s): {Some(missing)}" : "")
                + (missing.Count > 0 && damaged.Count > 0 ? "; and " : "")
                + (damaged.Count > 0 ? $"{damaged.Count} damaged Parquet file(s): {Some(damaged)}" : ""),
                $"re-extract the stream from its source files: {source}");
        }
        if (broken == 0)
        {
            Add(DoctorCheck.Ok, "lake", $"{manifests} manifest(s) in {lake.Root}; the {files} Parquet file(s) they "
                + "name exist and are whole");
        }
    }

    private static bool IsWholeParquet(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (file.Length < 12)
            {
                return false;
            }
            Span<byte> head = stackalloc byte[4];
            Span<byte> tail = stackalloc byte[4];
            file.ReadExactly(head);
            file.Seek(-4, SeekOrigin.End);
            file.ReadExactly(tail);
            return head.SequenceEqual("PAR1"u8) && tail.SequenceEqual("PAR1"u8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
