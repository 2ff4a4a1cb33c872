using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Runs;
using CxWarehouse.Etl.Transform;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl;

/// <summary>Where a run reads and writes.</summary>
public sealed record PipelinePaths(string Lake, string Warehouse, string Output, string Sql);

/// <summary>The stages of a run: extract sources into the lake, then build the warehouse's models.</summary>
public sealed class Pipeline(CxConfig config, PipelinePaths paths, RunLog log)
{
    private readonly Lake _lake = new(paths.Lake);

    private readonly CompiledSql _compiled = new(paths.Output);

    public CxConfig Config => config;

    /// <summary>Extracts every configured stream (or those named); failures are recorded, not thrown.</summary>
    public void Extract(RunResults run, string? source = null, string? stream = null, bool fullRefresh = false)
    {
        var inputs = config.Sources.Where(s => source is null || s.Name == source || s.Kind == source).ToList();
        if (source is not null && inputs.Count == 0)
        {
            throw new ConfigException(
                $"--source: no configured source is named or of kind '{source}' (configured: "
                + string.Join(", ", config.Sources.Select(s => s.Name)) + ")");
        }
        if (inputs.Count == 0)
        {
            log.Warn("no sources are configured: every fact will be empty and KPIs unavailable");
        }
        _lake.SweepOrphans();
        var compiled = new HashSet<(string, string)>();
        var extractor = new Extractor(_lake, run.RunId, config.Warehouse, fullRefresh)
        {
            RunTime = run.StartedAt,
            // The typed select as run over the first file of each stream read.
            Compiled = (source, stream, header, select) =>
            {
                lock (compiled)
                {
                    if (compiled.Add((source, stream)))
                    {
                        _compiled.WriteExtract(source, stream, header, select);
                    }
                }
            },
        };
        var plan = extractor.Plan(inputs).Where(p => stream is null || p.Mapping.Stream.Name == stream
            || p.Mapping.Stream.Entity == stream).ToList();
        if (stream is not null && plan.Count == 0)
        {
            throw new ConfigException($"--stream: no configured source has a stream '{stream}'");
        }
        // Stage markers (with --verbose) let operators and the crash-safety harness see where a run is.
        log.Debug($"stage extract: {plan.Count} stream(s)");
        // Sources are extracted side by side (each stream has its own DuckDB database; a source's streams run in
        // order, as they share its folder's classification), and reported in the configuration's order.
        var results = new StreamResult?[plan.Count];
        var reported = 0;
        var started = 0;
        Exception? unreconciled = null;
        void Finished(int index, StreamResult result)
        {
            lock (results)
            {
                results[index] = result;
                while (reported < plan.Count && results[reported] is { } next)
                {
                    unreconciled ??= Report(run, plan[reported].Input, plan[reported].Mapping, next);
                    reported++;
                }
            }
        }
        var sources = plan.Select((p, index) => (p.Input, p.Mapping, Index: index))
            .GroupBy(p => p.Input.Name, StringComparer.Ordinal).ToList();
        try
        {
            Parallel.ForEach(Partitioner.Create(sources, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = ExtractionWorkers(config.Warehouse) },
                source =>
                {
                    foreach (var (input, mapping, index) in source)
                    {
                        log.Progress(Interlocked.Increment(ref started), plan.Count, $"extracting {input.Name} {mapping.Stream.Name}");
                        Finished(index, WithFreshness(extractor.Extract(input, mapping), input, run.StartedAt));
                    }
                });
        }
        catch (AggregateException ex)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
        if (unreconciled is not null)
        {
            throw unreconciled;
        }
        if (Directory.Exists(_lake.StagingFolder(run.RunId)))
        {
            Directory.Delete(_lake.StagingFolder(run.RunId), recursive: true);
        }
        ReleaseGarbage();
    }

    /// <summary>
    /// Collects the managed garbage a stage leaves and returns its memory to the system, so that the next stage of
    /// the same process (cxw run: extract, build, test) does not add its own peak on top of it. Extraction left
    /// about 400 MB at scale 100 (a week's delivery) that no collection had taken yet, and cxw run peaked at 1.45 GB
    /// where its stages, each run alone, peak at 0.81-1.09 GB; 1.14 GB with this. It takes about 7 ms.
    /// </summary>
    private static void ReleaseGarbage() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>
    /// How many sources are extracted at once: two where there are two cores (extraction leaves a core part idle:
    /// small files, file inspection, Parquet writes), one where <c>warehouse: threads</c> is 1 or there is one core.
    /// </summary>
    private static int ExtractionWorkers(WarehouseSettings settings) =>
        Math.Clamp(Math.Min(settings.Threads ?? Environment.ProcessorCount, Environment.ProcessorCount), 1, 2);

    /// <summary>Logs a stream's result and adds it to the run; the error when its rows do not reconcile.</summary>
    private InvalidOperationException? Report(RunResults run, SourceInput input, StreamMapping mapping, StreamResult result)
    {
        run.Streams.Add(result);
        foreach (var warning in result.Warnings)
        {
            log.Warn(warning);
        }
        if (result.Freshness is FreshnessStatus.Warn or FreshnessStatus.Error)
        {
            var line = $"{input.Name} {mapping.Stream.Name} is stale: newest record {result.AgeHours?.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} h old "
                + $"(warn after {input.FreshnessWarnHours?.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} h, "
                + $"error after {input.FreshnessErrorHours?.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} h)";
            if (result.Freshness == FreshnessStatus.Error)
            {
                log.Error(line);
            }
            else
            {
                log.Warn(line);
            }
        }
        if (result.Status == StreamStatus.Failed)
        {
            log.Error($"{input.Name} {mapping.Stream.Name} failed: {result.Message}");
        }
        else if (result.Status == StreamStatus.Unchanged)
        {
            log.Info($"{input.Name} {mapping.Stream.Name}: unchanged, every file was loaded before");
        }
        else
        {
            log.Info($"{input.Name} {mapping.Stream.Name}: read {result.RowsRead}, loaded {result.RowsLoaded}, "
                + $"quarantined {result.RowsQuarantined}, deduplicated {result.RowsDeduplicated}"
                + (result.RowsDeleted > 0 ? $", deleted {result.RowsDeleted}" : "")
                + $" ({result.Seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s)");
            if (!result.Reconciles)
            {
                return new InvalidOperationException(
                    $"{input.Name} {mapping.Stream.Name}: rows do not reconcile (read {result.RowsRead} != "
                    + $"loaded + quarantined + deduplicated + deleted)");
            }
        }
        return null;
    }

    /// <summary>Compares the stream's newest record with the run's start against the source's freshness ages.</summary>
    private StreamResult WithFreshness(StreamResult result, SourceInput input, DateTimeOffset runStart)
    {
        if (input.FreshnessWarnHours is null && input.FreshnessErrorHours is null)
        {
            return result;
        }
        var latest = result.LatestRecordAt;
        if (latest is null && _lake.ReadManifest(input.Name, result.Stream)?.CursorValue is { } bookmark)
        {
            latest = DateTimeOffset.Parse(bookmark, System.Globalization.CultureInfo.InvariantCulture);
        }
        if (latest is null)
        {
            return result with { Freshness = FreshnessStatus.Error, Message = result.Message ?? "no records, so no freshness" };
        }
        var age = (runStart - latest.Value).TotalHours;
        return result with { Freshness = input.FreshnessOf(age), AgeHours = Math.Round(age, 1) };
    }

    /// <summary>Refreshes the lake views and builds the selected models in one transaction.</summary>
    public void Build(RunResults run, string? select = null, bool fullRefresh = false)
    {
        log.Debug("stage build");
        var graph = ModelGraph.Load(paths.Sql);
        var models = graph.Select(select);
        var everything = select is null;
        // Written before the build, so a model that fails can be read (and run) as the build ran it.
        _compiled.WriteModels(models, everyModel: everything);
        using var db = OpenWarehouse();
        WarehouseCatalog.Refresh(db, _lake, config, paths.Sql);
        var fingerprint = everything ? BuildInputs.Fingerprint(db, paths.Sql) : null;
        if (everything && !fullRefresh && BuildInputs.Last(db, models) == fingerprint)
        {
            run.BuildSkipped = true;
            log.Info("nothing new since the last build (the same lake files, models, configuration and seeds): "
                + "every model is up to date, none rebuilt");
            _compiled.WriteDdl(db);
            return;
        }
        var step = 0;
        var kept = Restatements.Keep(db);
        var results = new ModelRunner(db, fullRefresh).Run(models,
            model => log.Progress(++step, models.Count, $"building {model.Relation}"));
        run.Models.AddRange(results);
        CheckOrphans(db, run);
        if (kept)
        {
            run.Restated.AddRange(Restatements.Find(db, run.RunId));
            if (run.Restated.Count > 0)
            {
                log.Info($"restated {run.Restated.Count} past period(s) whose KPIs the new data changed: "
                    + string.Join(", ", run.Restated.Take(6).Select(r => $"{r.PeriodGrain} {r.PeriodStart}"))
                    + (run.Restated.Count > 6 ? ", ..." : "") + " (cxw sql \"select * from audit.restatements\")");
            }
        }
        if (fingerprint is not null)
        {
            BuildInputs.Record(db, run.RunId, fingerprint);
        }
        _compiled.WriteDdl(db);
        log.Info($"built {results.Count} models in {results.Sum(r => r.Seconds).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s");
    }

    /// <summary>
    /// <c>cxw compile</c>: writes every model's select, every configured stream's typed select and the DDL of the
    /// catalogue (built in a scratch database over the lake, so the warehouse is not touched) to
    /// <c>&lt;output&gt;/compiled</c>, without building anything.
    /// </summary>
    public CompileSummary Compile(DateTimeOffset runTime)
    {
        var graph = ModelGraph.Load(paths.Sql);
        var models = _compiled.WriteModels(graph.Models, everyModel: true);
        var extractor = new Extractor(_lake, "compile", config.Warehouse) { RunTime = runTime };
        var streams = 0;
        var scratch = Path.Combine(Path.GetTempPath(), "cxw-compile-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var (input, mapping) in extractor.Plan(config.Sources))
            {
                try
                {
                    if (extractor.CompileSelect(input, mapping, scratch, out var whyNot) is var (header, select))
                    {
                        _compiled.WriteExtract(input.Name, mapping.Stream.Name, header, select);
                        streams++;
                    }
                    else
                    {
                        log.Info($"{input.Name} {mapping.Stream.Name}: typed select not compiled: {whyNot}");
                    }
                }
                catch (SourceFileException ex)
                {
                    log.Warn($"{input.Name} {mapping.Stream.Name}: typed select not compiled: {ex.Message}");
                }
            }
            using var db = DuckDb.OpenScratch(config.Warehouse, scratch);
            WarehouseCatalog.Refresh(db, _lake, config, paths.Sql);
            var ddl = _compiled.WriteDdl(db);
            return new CompileSummary(_compiled.Root, models.Count, streams, ddl.Count);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>Counts the orphans of every relation between streams, keeps them and warns above the threshold.</summary>
    private void CheckOrphans(DbConnection db, RunResults run)
    {
        var orphans = OrphanCheck.Run(db, run.RunId, config.Orphans);
        run.Orphans.Clear();
        run.Orphans.AddRange(orphans);
        foreach (var o in orphans.Where(o => o.Status == OrphanStatus.Warn))
        {
            log.Warn($"orphans {o.Relation}: {o.Message}; they are loaded and listed in audit.orphan_rows");
        }
    }

    /// <summary>Runs the data tests on the warehouse (read-only) and logs each failure with examples.</summary>
    public void Test(RunResults run)
    {
        log.Debug("stage test");
        var graph = ModelGraph.Load(paths.Sql);
        var tests = DataTestCatalog.Load(paths.Sql, graph);
        if (!File.Exists(paths.Warehouse))
        {
            throw new ConfigException($"no warehouse at {paths.Warehouse}: run 'cxw run' or 'cxw build' first");
        }
        using var db = DuckDb.Open(paths.Warehouse, config.Warehouse, null, readOnly: true);
        DuckDb.Confine(db, [_lake.Root, Path.GetDirectoryName(Path.GetFullPath(paths.Warehouse))!]);
        var results = new DataTestRunner(db).Run(tests);
        run.Tests.AddRange(results);
        foreach (var result in results.Where(r => r.Status != DataTestStatus.Pass))
        {
            var line = result.Status == DataTestStatus.Error
                ? $"test {result.Name} could not run: {result.Message}"
                : $"test {result.Name} ({result.Severity.Spelled()}): {result.Failures} failing row(s)"
                    + (result.Examples.Count > 0 ? "; e.g. " + string.Join(" | ", result.Examples.Take(3)) : "");
            if (result.Status == DataTestStatus.Warn)
            {
                log.Warn(line);
            }
            else
            {
                log.Error(line);
            }
        }
        var passed = results.Count(r => r.Status == DataTestStatus.Pass);
        log.Info($"data tests: {passed} passed, {results.Count(r => r.Status == DataTestStatus.Warn)} warned, "
            + $"{results.Count(r => r.Status is DataTestStatus.Fail or DataTestStatus.Error)} failed");
    }

    /// <summary>Appends the run and its stream results to the warehouse's audit tables.</summary>
    public void Record(RunResults run)
    {
        using var db = OpenWarehouse();
        if (run.Models.Count == 0 && !run.BuildSkipped)
        {
            // No build in this run: bring the raw views up to what was just extracted.
            WarehouseCatalog.Refresh(db, _lake, config, paths.Sql);
        }
        else
        {
            // The build already refreshed the catalogue; only the run history remains to write.
            WarehouseCatalog.EnsureAuditTables(db);
        }
        const string Runs = "audit/runs.sql";
        DuckDb.Execute(db, SqlResources.Get(Runs, "delete_run"), run.RunId);
        DuckDb.Execute(db, SqlResources.Get(Runs, "insert_run"), run.RunId, run.Command,
            run.StartedAt.UtcDateTime, (run.EndedAt ?? DateTimeOffset.UtcNow).UtcDateTime, run.Status.Spelled());
        DuckDb.Execute(db, SqlResources.Get(Runs, "delete_stream_runs"), run.RunId);
        var insertStream = SqlResources.Get(Runs, "insert_stream_run");
        foreach (var s in run.Streams)
        {
            DuckDb.Execute(db, insertStream,
                run.RunId, s.Input, s.Stream, s.Status.Spelled(), s.RowsRead, s.RowsLoaded, s.RowsQuarantined,
                s.RowsDeduplicated, s.Seconds, s.LatestRecordAt?.UtcDateTime, s.Message, s.Freshness?.Spelled(), s.AgeHours,
                s.RowsDeleted);
        }
    }

    private DbConnection OpenWarehouse()
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(paths.Warehouse))!;
        Directory.CreateDirectory(folder);
        var db = DuckDb.Open(paths.Warehouse, config.Warehouse, Path.Combine(folder, "tmp"), readOnly: false);
        // Text analytics for the models: cx_sentiment, cx_sentiment_label, cx_language, cx_topics.
        Text.TextFunctions.Register(db, config.Topics.Tagger);
        // Models read the lake and the seeds; nothing else on the machine.
        DuckDb.Confine(db, [_lake.Root, paths.Sql, folder, config.Warehouse.TempDirectory ?? ""]);
        return db;
    }
}

/// <summary>What <c>cxw compile</c> wrote, and where.</summary>
public sealed record CompileSummary(string Folder, int Models, int Streams, int DdlFiles);
