using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Warehouse;
using CxWarehouse.IO;
using DuckDB.NET.Data;

namespace CxWarehouse.Etl.Extract;

/// <summary>
/// Extracts the streams of configured inputs into the lake, inside DuckDB so rows never pass through .NET objects:
/// each file is inspected, read as text, typed by the mapping, bad rows quarantined with file, line, column and
/// reason, duplicates on the primary key resolved by the cursor, and the result committed through the lake's
/// manifests. A file-level fault fails the stream and leaves its previous state in place.
/// </summary>
public sealed partial class Extractor(Lake lake, string runId, WarehouseSettings settings, bool fullRefresh = false)
{
    private const int MaxLineBytes = 16 * 1024 * 1024;

    public IEnumerable<(SourceInput Input, StreamMapping Mapping)> Plan(IEnumerable<SourceInput> inputs)
    {
        foreach (var input in inputs)
        {
            foreach (var (name, mapping) in input.Mapping.Streams)
            {
                if (input.Streams.Count == 0 || input.Streams.Contains(name))
                {
                    yield return (input, mapping);
                }
            }
        }
    }

    public StreamResult Extract(SourceInput input, StreamMapping mapping)
    {
        var clock = Stopwatch.StartNew();
        var stream = mapping.Stream;
        var zone = ZoneOf(input);
        mapping = ForInput(input, mapping);
        var reader = mapping.Reader;
        var staging = Path.Combine(lake.StagingFolder(runId), input.Name, stream.Entity);
        Directory.CreateDirectory(staging);

        List<ClassifiedFile> files;
        var warnings = new List<string>();
        try
        {
            files = reader.IsSql ? [] : FilesOf(input, mapping, warnings);
        }
        catch (SourceFileException ex)
        {
            return Failed(input, stream, ex.Message, [], clock);
        }
        if (!reader.IsSql && NoReadableFile(input) is { } nothing && _failedEmpty.TryAdd(input.Name, true))
        {
            // Said once per source: the run fails on it, or, for an optional source, warns.
            if (!input.Optional)
            {
                return Failed(input, stream, nothing, [], clock);
            }
            warnings.Add(nothing);
        }

        var previous = fullRefresh ? null : lake.ReadManifest(input.Name, stream.Name);
        var ledger = previous?.Ledger.ToHashSet(StringComparer.Ordinal) ?? [];

        using var db = DuckDb.OpenScratch(settings, Path.Combine(staging, "duckdb_tmp"));
        DuckDb.Execute(db, "SET preserve_insertion_order = true");
        // Declared after the database, so disposed before it: a write in flight ends before the database closes.
        using var writer = new PartWriter(db);
        // The source's own folder (or file's folder) and the lake: nothing else is readable or writable.
        var sourceFolder = Directory.Exists(input.Path) ? input.Path : Path.GetDirectoryName(input.Path)!;
        DuckDb.Confine(db, [sourceFolder, lake.Root]);
        var records = new List<SourceFileRecord>();
        var failures = new List<string>();
        // Each file's loadable rows go to a Parquet part of its own under the staging folder, not into memory.
        var typedFiles = new SortedDictionary<int, string>();
        // Records the source marks deleted, per file: their keys and cursors, which remove the key from the stream.
        var tombstones = new SortedDictionary<int, (string Path, long Rows)>();
        // A CSV stream's rows carry their hashes into the lake, and a re-export's unchanged rows are not typed again.
        var hashing = reader.Format == SourceFormat.Csv
            ? new RowHashes(previous?.Files.Select(lake.Absolute).ToList() ?? [],
                string.Join(", ", stream.PrimaryKey.Select(SqlText.Identifier)))
            : null;
        // A file whose part could not be written (its write ran beside the next file's typing) fails like any other.
        void SettleWrites(bool wait)
        {
            if (wait)
            {
                writer.Finish();
            }
            foreach (var (at, shownFile, error) in writer.TakeFailures())
            {
                var message = $"{input.Name}/{shownFile}: the file's rows could not be written to the lake "
                    + $"({FirstLine(error.Message)}); check the free space and permissions of {lake.Root}";
                failures.Add(message);
                var position = records.FindLastIndex(r => r.Path == shownFile && r.Status == SourceFileStatus.Ok);
                if (position >= 0)
                {
                    records[position] = records[position] with { RowsRead = 0, RowsQuarantined = 0, Status = SourceFileStatus.Failed, Message = message };
                }
                DuckDb.Execute(db, SqlResources.Get("extract/quarantine.sql", "forget_file"), shownFile);
                if (typedFiles.Remove(at, out var typedPath))
                {
                    File.Delete(typedPath);
                }
            }
        }
        DuckDb.Execute(db, SqlResources.Get("extract/quarantine.sql", "create"));

        try
        {
            records.AddRange(LoadLookups(db, input, mapping, reader, staging));
        }
        catch (Exception ex) when (ex is SourceFileException or DuckDBException)
        {
            return Failed(input, stream, ex is SourceFileException ? ex.Message : FirstLine(ex.Message), records, clock);
        }

        string Display(string file)
        {
            var relative = Path.GetRelativePath(input.Path.Contains('*') ? Path.GetDirectoryName(input.Path)! : input.Path, file);
            return relative == "." ? Path.GetFileName(file) : relative;
        }
        var readers = files.Select(f => ReaderFor(input, f, reader)).ToList();
        var seen = (previous?.SourceFiles ?? []).Where(r => r.Modified is not null && r.Status is SourceFileStatus.Ok or SourceFileStatus.Unchanged)
            .GroupBy(r => r.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var known = files.Select(f => Known(f.Path, Display(f.Path), seen, previous?.CommittedAt, ledger)).ToList();
        var pending = new Queue<int>(Enumerable.Range(0, files.Count).Where(i => known[i] is null));
        Task<SourceFileFacts> Inspect(int at) => Task.Run(() => Retry.Run(() => SourceFileInspector.Inspect(files[at].Path,
            $"{input.Name}/{Display(files[at].Path)}", readers[at], Path.Combine(staging, "transcoded")), input.Retry));
        // The next file to read is inspected (hashed, decoded, checked) on another thread while DuckDB loads this one.
        var inspection = pending.TryDequeue(out var first) ? Inspect(first) : null;
        for (var index = 0; index < files.Count; index++)
        {
            var file = files[index].Path;
            var fileReader = readers[index];
            var display = Display(file);
            var shown = $"{input.Name}/{display}";
            if (known[index] is { } same)
            {
                records.Add(same with { RowsRead = 0, RowsQuarantined = 0, Status = SourceFileStatus.Unchanged, Message = null });
                continue;
            }
            var current = inspection!;
            inspection = pending.TryDequeue(out var next) ? Inspect(next) : null;
            try
            {
                var facts = Unwrap(current);
                if (ledger.Contains(facts.Sha256))
                {
                    // The same content was loaded before: delivering a file twice is a no-op.
                    records.Add(new SourceFileRecord(display, facts.Sha256, facts.Bytes, 0, 0, SourceFileStatus.Unchanged, null)
                    {
                        Modified = facts.Modified,
                    });
                    continue;
                }
                var (fileMapping, fileFacts) = ForFile(files[index].Layout with { Reader = fileReader }, facts, fileReader,
                    shown, input, files[index].Peek);
                // A Qualtrics export names the zone of its dates in header row 3: its times are read in that zone.
                var fileZone = zone;
                if (StatedTimeZone(files[index].Peek, fileReader) is { } stated && stated != zone)
                {
                    fileZone = stated;
                    if (input.TimeZone is not null)
                    {
                        warnings.Add($"{shown}: the export states its dates are in {stated} (header row 3): read in "
                            + $"that zone, not in the source's time_zone {input.TimeZone}");
                    }
                }
                var (rowsRead, quarantined) = LoadFile(db, input, fileMapping, fileReader, fileFacts, index, display, fileZone,
                    typedFiles, tombstones, writer, hashing);
                records.Add(new SourceFileRecord(display, facts.Sha256, facts.Bytes, rowsRead, quarantined, SourceFileStatus.Ok, null)
                {
                    Modified = facts.Modified,
                });
                SettleWrites(wait: false);
            }
            catch (Exception ex) when (ex is SourceFileException or DuckDBException)
            {
                var message = ex is SourceFileException ? ex.Message : $"{shown}: the file could not be read as "
                    + $"{Describe(fileReader)} ({FirstLine(ex.Message)}); check that it is a {input.Profile} export of "
                    + "that shape, or map it yourself";
                failures.Add(message);
                records.Add(new SourceFileRecord(display, "", ZipMembers.Info(file).Length, 0, 0, SourceFileStatus.Failed, message));
                DuckDb.Execute(db, SqlResources.Get("extract/quarantine.sql", "forget_file"), display);
                if (typedFiles.Remove(index, out var typedPath))
                {
                    File.Delete(typedPath);
                }
                if (tombstones.Remove(index, out var tomb))
                {
                    File.Delete(tomb.Path);
                }
            }
        }
        SettleWrites(wait: true);

        if (reader.IsSql)
        {
            var retried = new List<string>();
            try
            {
                // The bookmark less the look-back window: late updates within it are read again and merged.
                DateTimeOffset? since = previous?.CursorValue is { } bookmark
                    ? DateTimeOffset.Parse(bookmark, CultureInfo.InvariantCulture).AddHours(-input.LookbackHours)
                    : null;
                var landing = Retry.Run(() => SqlSourceReader.Land(input, reader, since, Path.Combine(staging, "landing")),
                    input.Retry, (attempt, ex, delay) => retried.Add(
                        $"attempt {attempt} failed ({FirstLine(ex.Message)}), retried after {delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"));
                var facts = new SourceFileFacts(landing.Sha256, new FileInfo(landing.Path).Length, landing.Columns,
                    landing.Path);
                var (fileMapping, fileFacts) = ForFile(mapping, facts, reader, $"{input.Name}/{landing.Display}", input, null);
                var (rowsRead, quarantined) = LoadFile(db, input, fileMapping, reader, fileFacts, 0, landing.Display, zone,
                    typedFiles, tombstones, writer, hashing);
                records.Add(new SourceFileRecord(landing.Display, landing.Sha256, facts.Bytes, rowsRead, quarantined,
                    SourceFileStatus.Ok, string.Join("; ", retried.Prepend(since is null ? "full read" : $"rows with {reader.CursorColumn} >= {since:O}"))));
            }
            catch (Exception ex) when (ex is SourceFileException or DuckDBException or DbException)
            {
                failures.Add(ex is SourceFileException ? ex.Message : $"{input.Name}: {FirstLine(ex.Message)}");
            }
            SettleWrites(wait: true);
        }

        if (failures.Count > 0)
        {
            return Failed(input, stream, string.Join("; ", failures), records, clock);
        }

        var read = records.Where(r => r.Status == SourceFileStatus.Ok).Sum(r => r.RowsRead);
        var newLedger = (previous?.Ledger ?? []).Concat(records.Where(r => r.Status == SourceFileStatus.Ok && !reader.IsSql).Select(r => r.Sha256))
            .Distinct(StringComparer.Ordinal).ToList();
        if (read == 0 && previous is not null && (reader.IsSql || records.All(r => r.Status is SourceFileStatus.Unchanged or SourceFileStatus.Lookup)))
        {
            // Nothing new: the committed state stands as it is.
            return new StreamResult
            {
                Input = input.Name,
                Stream = stream.Name,
                Status = StreamStatus.Unchanged,
                Seconds = clock.Elapsed.TotalSeconds,
                LatestRecordAt = previous.CursorValue is { } c ? DateTimeOffset.Parse(c, CultureInfo.InvariantCulture) : null,
                Message = "every file was loaded before (same sha256)",
                Files = records,
                Warnings = warnings,
            };
        }
        var quarantinedRows = DuckDb.Scalar<long>(db, SqlResources.Get("extract/quarantine.sql", "count_quarantined"));
        var flaggedRows = DuckDb.Scalar<long>(db, SqlResources.Get("extract/quarantine.sql", "count_flagged"));
        if (input.QualityFor(stream.Name) is var quality && quality.OverBudget(read, quarantinedRows))
        {
            // Too many bad rows is a bad delivery, not bad luck: nothing is committed, the reasons are named.
            var failed = Failed(input, stream, OverBudgetMessage(db, input, stream, quality, read, quarantinedRows),
                records, clock);
            return failed with { RowsRead = read, RowsQuarantined = quarantinedRows };
        }
        long loaded = 0;
        DateTimeOffset? latest = null;
        var staged = new Dictionary<string, string>(StringComparer.Ordinal);
        var dataFiles = new List<string>();
        var quarantineFiles = new List<string>();
        var typedCreated = typedFiles.Count > 0;
        long streamRows = 0;
        var filesAdded = 0;
        // False when the incremental merge has counted the rows itself (there is no merged table then).
        var merged = true;
        if (typedCreated)
        {
            var fields = LakeFields(stream, hashing is not null);
            var key = string.Join(", ", stream.PrimaryKey.Select(SqlText.Identifier));
            var order = stream.Cursor is null ? "" : $"{SqlText.Identifier(stream.Cursor)} DESC NULLS LAST, ";
            var keyIncludesCursor = mapping.Layouts.All(m => m.KeyIncludesCursor);
            var parts = "[" + string.Join(", ", typedFiles.Values.Select(SqlText.Literal)) + "]";
            // The committed rows (batch 0) and this run's (batch 1) merge on the primary key: the latest version
            // by cursor wins, this run's on a tie.
            var committed = "";
            if (previous is { Files.Count: > 0 })
            {
                var committedFiles = string.Join(", ", previous.Files.Select(f => SqlText.Literal(lake.Absolute(f))));
                var (columns, option, _) = hashing is null ? (fields, "", false) : RowHashes.Read(db, LakeFields(stream, false), committedFiles);
                committed = SqlResources.Get(Merge, "committed", ("files", committedFiles), ("option", option),
                    ("fields", columns)) + "\n";
            }
            // Without committed rows and with every key once, nothing is merged: each file's part is committed as
            // it was written, without a window or a sort over the whole stream. With committed rows the merge is
            // incremental (MergeIncrementally) until merges have added MaxCommittedFiles files; then the whole
            // stream is merged into one file again.
            var unique = committed.Length == 0 && tombstones.Count == 0 && KeysUnique(db, key, parts);
            if (previous is { Files.Count: > 0, FilesAdded: < MaxCommittedFiles })
            {
                // A stream with history: only what this run changes is merged and written.
                var outcome = MergeIncrementally(db, input, stream, keyIncludesCursor, hashing, previous,
                    typedFiles, tombstones, staging, staged, dataFiles);
                (loaded, streamRows, latest, filesAdded) = (outcome.Loaded, outcome.Rows, outcome.Latest, outcome.FilesAdded);
                merged = false;
            }
            else if (unique)
            {
                DuckDb.Execute(db, SqlResources.Get(Merge, "merged_view", ("fields", fields), ("parts", parts)));
                foreach (var (index, part) in typedFiles)
                {
                    var final = $"raw/{input.Name}/{stream.Entity}/{runId}-{index}.parquet";
                    AtomicFile.Flush(part);
                    staged[part] = final;
                    dataFiles.Add(final);
                }
            }
            else
            {
                // A deleted record's tombstone (tomb-N sorts after part-N: on a tie with a version of the same file,
                // the deletion wins) takes part in the merge like a version of the record, and removes its key.
                var tombs = tombstones.Count == 0 ? "" : "\n" + SqlResources.Get(Merge, "tombstones",
                    ("files", string.Join(", ", tombstones.Values.Select(t => SqlText.Literal(t.Path)))));
                tombs += hashing?.Phantoms(db, LakeFields(stream, false), parts, tombstones.Values.Select(t => t.Path),
                    "1 AS _batch, ");
                // A part's name orders it by file and its row number by record, as the files were read.
                DuckDb.Execute(db, SqlResources.Get(Merge, "merged", ("committed", committed), ("fields", fields),
                    ("parts", parts), ("tombstones", tombs), ("key", key), ("order", order)));
                var stagedData = Path.Combine(staging, "data.parquet");
                DuckDb.Execute(db, SqlResources.Get(Merge, "write", ("fields", fields),
                    ("order_by", WriteOrder(key, stream, keyIncludesCursor)),
                    ("path", SqlText.Literal(stagedData))));
                var final = $"raw/{input.Name}/{stream.Entity}/{runId}-0.parquet";
                AtomicFile.Flush(stagedData);
                staged[stagedData] = final;
                dataFiles.Add(final);
            }
            if (merged)
            {
                loaded = DuckDb.Scalar<long>(db, SqlResources.Get(Merge, "count_loaded"));
                streamRows = DuckDb.Scalar<long>(db, SqlResources.Get(Merge, "count_rows"));
            }
            if (merged && stream.Cursor is not null && stream.Field(stream.Cursor).Type == FieldType.Timestamp)
            {
                latest = DuckDb.Scalar<DateTime?>(db,
                    SqlResources.Get(Merge, "latest", ("cursor", SqlText.Identifier(stream.Cursor))))
                    is { } max ? new DateTimeOffset(DateTime.SpecifyKind(max, DateTimeKind.Utc)) : null;
            }
        }
        if (quarantinedRows > 0)
        {
            var stagedQuarantine = Path.Combine(staging, "quarantine.parquet");
            DuckDb.Execute(db, SqlResources.Get("extract/quarantine.sql", "write", ("path", SqlText.Literal(stagedQuarantine))));
            var final = $"quarantine/{input.Name}/{stream.Entity}/{runId}.parquet";
            AtomicFile.Flush(stagedQuarantine);
            staged[stagedQuarantine] = final;
            quarantineFiles.Add(final);
        }
        var flaggedFiles = StageFlagged(db, input, stream, staging, flaggedRows, staged);

        lake.Commit(new StreamManifest
        {
            Input = input.Name,
            Stream = stream.Name,
            RunId = runId,
            CommittedAt = DateTimeOffset.UtcNow,
            Files = dataFiles,
            // Quarantined rows of earlier runs stay on record until a full refresh.
            QuarantineFiles = (previous?.QuarantineFiles ?? []).Concat(quarantineFiles).ToList(),
            FlaggedFiles = (previous?.FlaggedFiles ?? []).Concat(flaggedFiles).ToList(),
            Rows = streamRows,
            FilesAdded = filesAdded,
            SourceFiles = records,
            Ledger = newLedger,
            CursorValue = latest?.ToString("O", CultureInfo.InvariantCulture),
        }, staged);

        var deleted = tombstones.Values.Sum(t => t.Rows);
        var deduplicated = read - loaded - quarantinedRows - deleted;
        return new StreamResult
        {
            Input = input.Name,
            Stream = stream.Name,
            Status = read == 0 ? StreamStatus.Empty : StreamStatus.Ok,
            RowsRead = read,
            RowsLoaded = loaded,
            RowsQuarantined = quarantinedRows,
            RowsDeduplicated = deduplicated,
            RowsDeleted = deleted,
            RowsFlagged = flaggedRows,
            Seconds = clock.Elapsed.TotalSeconds,
            LatestRecordAt = latest,
            Message = files.Count == 0 ? $"no files match {mapping.Files} in {input.Name}" : null,
            Files = records,
            Warnings = warnings,
        };
    }

    /// <summary>Reads each lookup's files and groups them by key into a table the field expressions join.</summary>
    private static List<SourceFileRecord> LoadLookups(DuckDBConnection db, SourceInput input, StreamMapping mapping,
        ReaderOptions reader, string staging)
    {
        var records = new List<SourceFileRecord>();
        foreach (var lookup in mapping.Lookups)
        {
            var files = ResolveFiles(input.Path, lookup.Files);
            if (files.Count == 0)
            {
                throw new SourceFileException($"{input.Name}: lookup '{lookup.Name}': no files match {lookup.Files}");
            }
            var options = reader with { Format = SourceFormat.Csv, Header = true, ExtraHeaderRows = 0, Delimiter = lookup.Delimiter };
            var paths = new List<string>();
            foreach (var file in files)
            {
                var shown = $"{input.Name}/{Path.GetFileName(file)}";
                var facts = SourceFileInspector.Inspect(file, shown, options, Path.Combine(staging, "transcoded"));
                if (!facts.Header.Contains(lookup.Key, StringComparer.Ordinal))
                {
                    throw new SourceFileException($"{shown}: line 1: lookup key column '{lookup.Key}' is missing");
                }
                paths.Add(facts.ReadPath);
                records.Add(new SourceFileRecord(Path.GetFileName(file), facts.Sha256, facts.Bytes, 0, 0, SourceFileStatus.Lookup, null));
            }
            var values = string.Join(", ", lookup.Values.Select(v => $"{v.Value} AS {SqlText.Identifier(v.Key)}"));
            var list = "[" + string.Join(", ", paths.Select(SqlText.Literal)) + "]";
            DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "lookup", ("table", SqlText.Identifier("lookup_" + lookup.Name)),
                ("key", SqlText.Identifier(lookup.Key)), ("values", values), ("files", list),
                ("delimiter", SqlText.Literal(lookup.Delimiter.ToString())),
                ("max_line_size", MaxLineBytes.ToString(CultureInfo.InvariantCulture))));
        }
        return records;
    }

    private static StreamResult Failed(SourceInput input, CanonicalStream stream, string message,
        IReadOnlyList<SourceFileRecord> files, Stopwatch clock) => new()
        {
            Input = input.Name,
            Stream = stream.Name,
            Status = StreamStatus.Failed,
            RowsRead = 0,
            Seconds = clock.Elapsed.TotalSeconds,
            Message = message,
            Files = files,
        };

    private (long Read, long Quarantined) LoadFile(DuckDBConnection db, SourceInput input, StreamMapping mapping,
        ReaderOptions reader, SourceFileFacts facts, int index, string display, string zone,
        SortedDictionary<int, string> typedFiles, SortedDictionary<int, (string Path, long Rows)> tombstones,
        PartWriter writer, RowHashes? hashing)
    {
        var headerRecords = reader.Format == SourceFormat.Csv ? (reader.Header ? 1 : 0) + reader.ExtraHeaderRows : 0;
        var rejected = new List<long>();
        var builder = Builder(input, mapping, zone, input.DateOrder);
        if (Compiled is { } compiled)
        {
            var (header, select) = Typed(input, mapping, reader, display);
            compiled(input.Name, mapping.Stream.Name, header, select);
        }
        // A file that failed while it was read may have left its src (a view or a table: files of one stream can
        // differ in shape); a file read to the end dropped its own.
        DropSource(db);
        ((string Type, IReadOnlyList<string> Keys) Parse, string TypedSelect)? parsed = null;
        switch (reader.Format)
        {
            case SourceFormat.Csv:
                var columns = "{" + string.Join(", ", facts.Header.Select(h => $"{SqlText.Literal(h)}: 'VARCHAR'")) + "}";
                var skip = reader.Header ? reader.ExtraHeaderRows + 1 : 0;
                DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "drop_rejects"));
                DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "csv", ("skip", skip.ToString(CultureInfo.InvariantCulture)),
                    ("columns", columns), ("delimiter", SqlText.Literal(reader.Delimiter.ToString())),
                    ("max_line_size", MaxLineBytes.ToString(CultureInfo.InvariantCulture))), facts.ReadPath, display);
                // DuckDB numbers rejected rows by record, counting the header row(s). Its reasons are put in words
                // that say what is wrong with the record and what the file should have.
                var width = facts.Header.Count;
                var layout = reader.Header ? "the header" : $"the {mapping.Layout ?? "profile's"} layout";
                DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "rejects", ("width", width.ToString(CultureInfo.InvariantCulture)),
                    ("layout", layout), ("max_line_mib", (MaxLineBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture))),
                    runId, input.Name, mapping.Stream.Name, display);
                // A quote that never closes swallows the rest of the file into one value: that is a broken file,
                // not one bad row.
                var runaway = DuckDb.Rows(db, SqlResources.Get("extract/source.sql", "runaway_quote")).Single()[0];
                if (runaway is not null)
                {
                    throw new SourceFileException($"{input.Name}/{display}: record {runaway}: a quoted value is never closed, "
                        + "so everything after it would be read as one value; fix the quoting at that record");
                }
                rejected = DuckDb.Rows(db, SqlResources.Get("extract/source.sql", "rejected_lines"))
                    .Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).ToList();
                break;
            case SourceFormat.Sql:
                DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "parquet"), facts.ReadPath, display);
                break;
            case SourceFormat.NdJson:
                // One pass over the file: each line parsed by DuckDB's JSON-lines reader where the typed select
                // reads nothing but that parse and the file is large enough to repay the proof (see
                // ParsedLinesHold), else each line checked, parsed and typed as it is read (see LineTypedSelect).
                // (The inspection counts no lines of a gzip file, or of one read from a normalised copy: those are read
                // line by line.)
                parsed = facts.Lines is not null
                    && new FileInfo(facts.ReadPath).Length >= ReaderMinimumBytes
                    && builder.ParsedLines() is { } byReader && ReaderType(byReader.Structure) is { } type
                    ? (type, byReader.TypedSelect) : null;
                if (parsed is { } reading)
                {
                    ParsedLineSource(db, facts, display, reading.Parse);
                }
                else
                {
                    LineSource(db, mapping, facts, display, precheck: builder.ParsesEveryRecord);
                }
                break;
            case SourceFormat.JsonDocument when reader.Layout == JsonLayout.Document && reader.Records is "$" or "$[*]":
                // A top-level array: each element is a record.
                DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "json_array", ("max_object_size", MaxObjectBytes(facts).ToString(CultureInfo.InvariantCulture))),
                    facts.ReadPath, display);
                break;
            case SourceFormat.JsonDocument when reader.Layout == JsonLayout.Concatenated:
                // Objects one after another, with or without line ends between them (Kinesis Firehose writes them
                // back to back): each object is a record.
                DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "json_concatenated", ("max_object_size", MaxObjectBytes(facts).ToString(CultureInfo.InvariantCulture))),
                    facts.ReadPath, display);
                break;
            default:
                var path = reader.Records.EndsWith("[*]", StringComparison.Ordinal) ? reader.Records : reader.Records + "[*]";
                DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "json_records", ("path", SqlText.Literal(path)),
                    ("at", SqlText.Literal(path[..^"[*]".Length])),
                    ("max_object_size", MaxObjectBytes(facts).ToString(CultureInfo.InvariantCulture))), facts.ReadPath, display);
                break;
        }

        if (reader.Format is SourceFormat.Csv or SourceFormat.Sql)
        {
            // Columns an expression names in double quotes but this file lacks are optional: they read as NULL
            // (schema drift), and a required field built from them quarantines its rows with a reason.
            var present = facts.Header.ToHashSet(StringComparer.Ordinal);
            var named = mapping.Fields.Values.Select(f => f.Expression).Concat(mapping.Let.Select(l => l.Value))
                .Append(mapping.Deleted)
                .Where(e => e is not null)
                .SelectMany(e => QuotedName().Matches(e!).Select(m => m.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal)))
                .Where(n => !present.Contains(n) && n != "_file" && n != "_record")
                .Distinct(StringComparer.Ordinal);
            foreach (var column in named)
            {
                DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "add_column", ("column", SqlText.Identifier(column))));
            }
        }
        // Rows as the file has them, before rows sharing a key are combined into one record.
        var sourceRows = reader.Format == SourceFormat.NdJson ? 0 : DuckDb.Scalar<long>(db, SqlResources.Get("extract/source.sql", "count"));
        if (mapping.Combine is { } combine && reader.Format is SourceFormat.Csv or SourceFormat.Sql)
        {
            CombineRows(db, combine, facts.Header);
        }
        long accepted;
        long read;
        string loadable;
        // Whether the file's typed rows carry their hashes (see RowHashes): a CSV file of a CSV stream whose typing
        // depends on nothing but the row.
        var hashed = hashing is not null && reader.Format == SourceFormat.Csv && RowHashes.Applies(mapping);
        if (reader.Format == SourceFormat.NdJson)
        {
            // The typed table keeps the file's line order (put back by the line numbers after a lookup's join), so a
            // row's position is its line number. It is a table of the main schema, not a temporary one, so that the
            // second connection can write it to Parquet (PartWriter).
            var lineSelect = builder.LineTypedSelect();
            var typedSql = SqlResources.Get("extract/typed.sql", "create_lines", ("typed_select", lineSelect),
                ("order", mapping.Lookups.Count > 0 ? "ORDER BY _record" : ""));
            var typedByReader = false;
            if (parsed is { } reading)
            {
                try
                {
                    DuckDb.Execute(db, SqlResources.Get("extract/typed.sql", "create_lines",
                        ("typed_select", reading.TypedSelect), ("order", "")));
                    typedByReader = ParsedLinesHold(db, facts.ReadPath, facts.Lines!, lineSelect,
                        mapping.Stream.Fields.Select(f => f.Name), display);
                }
                catch (DuckDBException)
                {
                    // A line the reader does not take (longer than its limit, say): typed the other way, which
                    // says what is wrong with it.
                }
                if (!typedByReader)
                {
                    LineSource(db, mapping, facts, display, precheck: builder.ParsesEveryRecord);
                }
            }
            try
            {
                if (!typedByReader)
                {
                    DuckDb.Execute(db, typedSql);
                }
            }
            catch (DuckDBException) when (builder.ParsesEveryRecord)
            {
                // A line that looks like an object ('{' to '}') but is not valid JSON fails the parse of the whole
                // statement: this file is typed again with every line checked by json_valid first, which gives that
                // line its reason and its line number as before (and fails the file, as before, on any other error).
                LineSource(db, mapping, facts, display, precheck: false);
                DuckDb.Execute(db, typedSql);
            }
            DuckDb.Execute(db, SqlResources.Get("extract/quarantine.sql", "insert_lines"), runId, input.Name, mapping.Stream.Name, display);
            accepted = DuckDb.Scalar<long>(db, SqlResources.Get("extract/typed.sql", "count_accepted_lines"));
            read = DuckDb.Scalar<long>(db, SqlResources.Get("extract/typed.sql", "count_read_lines"));
            loadable = "_kind IS NULL";
        }
        else
        {
            accepted = sourceRows;
            read = accepted + rejected.Count;
            var rawRecord = reader.Format is SourceFormat.Csv or SourceFormat.Sql ? "to_json(src)::VARCHAR" : "src.json";
            void Type(StreamSqlBuilder typing)
            {
                if (!hashed)
                {
                    DuckDb.Execute(db, SqlResources.Get("extract/typed.sql", "create", ("typed_select", typing.TypedSelect())));
                }
                else
                {
                    var hash = RowHashes.Expression(typing.Signature(), facts.Header);
                    var skipped = hashing!.Skipped(db, hash);
                    var select = SqlResources.Get("extract/typed.sql", "create", ("typed_select", typing.TypedSelect(hash, skipped)));
                    DuckDb.Execute(db, select);
                    if (skipped is not null && hashing.PutBackConflicts(db))
                    {
                        DuckDb.Execute(db, select);
                    }
                }
                DuckDb.Execute(db, SqlResources.Get("extract/quarantine.sql", "insert_typed", ("raw_record", rawRecord)), runId, input.Name, mapping.Stream.Name, display);
            }
            Type(builder);
            if (input.DateOrder is null && builder.DayMonthLabels.Count > 0
                && ProvenDateOrder(db, input, builder, reader, facts, display, headerRecords, rejected, read) is { } order)
            {
                // The file's dates were rewritten with slashes, in the order its own values prove: typed again so.
                DuckDb.Execute(db, SqlResources.Get("extract/quarantine.sql", "forget_typed"), display);
                Type(Builder(input, mapping, zone, order));
            }
            loadable = "_error IS NULL";
        }
        if (mapping.Deleted is not null)
        {
            var tomb = Path.Combine(lake.StagingFolder(runId), input.Name, mapping.Stream.Entity,
                string.Create(CultureInfo.InvariantCulture, $"tomb-{index:D6}.parquet"));
            var keys = mapping.Stream.PrimaryKey.Concat(mapping.Stream.Cursor is null ? [] : [mapping.Stream.Cursor])
                .Distinct(StringComparer.Ordinal).Select(SqlText.Identifier);
            DuckDb.Execute(db, SqlResources.Get("extract/typed.sql", "write_tombstones", ("keys", string.Join(", ", keys)),
                ("loadable", loadable), ("path", SqlText.Literal(tomb))));
            var deletedRows = DuckDb.Scalar<long>(db, SqlResources.Get("extract/typed.sql", "count_tombstones", ("loadable", loadable)));
            if (deletedRows > 0)
            {
                tombstones[index] = (tomb, deletedRows);
            }
            else
            {
                File.Delete(tomb);
            }
            loadable += " AND NOT _deleted";
        }

        var quarantined = DuckDb.Scalar<long>(db, SqlResources.Get("extract/quarantine.sql", "count_file_quarantined"),
            display);
        if (quarantined > 1 && reader.Decimal == '.')
        {
            // A file whose numbers mostly use a decimal comma is in another locale, not a file of bad rows.
            var comma = DuckDb.Rows(db, SqlResources.Get("extract/quarantine.sql", "decimal_comma"), display);
            if (comma.Count == 1 && Convert.ToInt64(comma[0][1], CultureInfo.InvariantCulture) * 2 > accepted + rejected.Count)
            {
                throw new SourceFileException($"{input.Name}/{display}: column {comma[0][0]}: most values use a decimal "
                    + $"comma or separate thousands with '.' ({comma[0][2]}); if the export writes 1.234,50 for 1234.50 "
                    + "and 375.000 for 375000, set decimal: \",\" on the source");
            }
        }
        if (reader.Format == SourceFormat.Csv
            && DuckDb.Scalar<long>(db, SqlResources.Get("extract/quarantine.sql", "count_file"), display) > 0)
        {
            FillLines(db, display, facts.ReadPath, headerRecords, rejected);
        }
        // The file's loadable rows, in the order they were read, as a part of the stream: written on the second
        // connection while the next file is read and typed on this one.
        var part = Path.Combine(lake.StagingFolder(runId), input.Name, mapping.Stream.Entity,
            string.Create(CultureInfo.InvariantCulture, $"part-{index:D6}.parquet"));
        typedFiles[index] = part;
        hashing?.Record(db, part);
        var table = string.Create(CultureInfo.InvariantCulture, $"typed_part_{index}");
        DuckDb.Execute(db, SqlResources.Get("extract/typed.sql", "set_aside", ("table", table)));
        // The file's rows as read are not needed once typed: a CSV export's table of text is as large as its typed
        // rows, and held while the stream was merged it set the peak of a Salesforce object's memory.
        DropSource(db);
        writer.Start(index, display, table, SqlResources.Get("extract/typed.sql", "write_part",
            ("fields", LakeFields(mapping.Stream, hashed)
                + (hashing is not null && !hashed ? ", " + RowHashes.None : "")),
            ("table", table), ("loadable", loadable), ("path", SqlText.Literal(part))));
        return (read, quarantined);
    }

    /// <summary>Drops <c>src</c>, a view or a table, and the rows a combination set aside.</summary>
    private static void DropSource(DuckDBConnection db)
    {
        foreach (var row in DuckDb.Rows(db, SqlResources.Get("extract/source.sql", "kind")))
        {
            DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "drop", ("kind", (string)row[0]! == "VIEW" ? "VIEW" : "TABLE")));
        }
        DuckDb.Execute(db, "DROP TABLE IF EXISTS src_rows");
    }

    /// <summary>
    /// The lines of a JSON-lines file as <c>src</c> (see <see cref="StreamSqlBuilder.LineTypedSelect"/>). With the
    /// pre-check, a line that starts with '{' and ends with '}' is taken for a JSON object without json_valid, unless
    /// it holds '}{' (two objects written without the newline between them, a writer's commonest fault): the
    /// typing's own parse (json_transform, which fails on malformed JSON exactly where json_valid says false, with
    /// the same reader flags) is then the line's only parse, and only the other lines are validated. A lookup's join
    /// does not keep the lines in order, so with lookups each line is numbered first.
    /// </summary>
    private static void LineSource(DuckDBConnection db, StreamMapping mapping, SourceFileFacts facts, string display,
        bool precheck)
    {
        var valid = precheck
            ? "CASE WHEN starts_with(json, '{') AND ends_with(json, '}') AND NOT contains(json, '}{') THEN true ELSE json_valid(json) END"
            : "json_valid(json)";
        DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "json_lines", ("file", SqlText.Literal(display)), ("valid", valid),
            ("is_object", JsonObjectTest("json")),
            ("record", mapping.Lookups.Count > 0 ? "row_number() OVER ()" : "CAST(NULL AS BIGINT)"),
            ("path", SqlText.Literal(facts.ReadPath)), ("max_line_size", MaxLineBytes.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// Rows sharing the combination's key become one record (an Asterisk call's legs): the columns it names by their
    /// aggregates, every other column from the first row by its order column, the record numbered as its last row
    /// (where the source finished writing it: an Asterisk call's last leg).
    /// A row without a key stays a record of its own.
    /// </summary>
    private static void CombineRows(DuckDBConnection db, Combine combine, IReadOnlyList<string> columns)
    {
        var aggregates = combine.Columns.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var order = $"struct_pack(o := {SqlText.Identifier(combine.Order)}, r := _record)";
        // A key with one row keeps that row's values as they are, so a bad value in it is typed, and quarantined,
        // like any other row's.
        var select = string.Join(",\n    ", columns.Select(c => aggregates.TryGetValue(c, out var aggregate)
            ? $"CASE WHEN count(*) = 1 THEN any_value({SqlText.Identifier(c)}) ELSE ({aggregate}) END AS {SqlText.Identifier(c)}"
            : $"arg_min({SqlText.Identifier(c)}, {order}) AS {SqlText.Identifier(c)}"));
        var key = SqlText.Identifier(combine.Key);
        DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "rows_aside"));
        DuckDb.Execute(db, SqlResources.Get("extract/source.sql", "combine", ("columns", select), ("key", key)));
    }

    /// <summary>
    /// Valid JSON is an object exactly when its first character after whitespace is '{': a text test, instead of
    /// parsing the line again with json_type, and a prefix test before a pattern for the common case.
    /// </summary>
    private static string JsonObjectTest(string column) =>
        $@"(starts_with({column}, '{{') OR regexp_matches({column}, '^[\t\n\r ]*[{{]'))";

    /// <summary>
    /// Turns the record numbers of quarantined CSV rows into the physical line each record starts on. DuckDB's
    /// rejects carry record numbers (header rows counted); typed-validation errors carry their index among accepted
    /// rows, which is shifted past the rejected records before the lines are counted.
    /// </summary>
    private static void FillLines(DuckDBConnection db, string display, string path, int headerRecords,
        List<long> rejected)
    {
        var rows = DuckDb.Rows(db, SqlResources.Get("extract/quarantine.sql", "unnumbered"), display);
        var recordNumber = new List<(string Kind, long Index, long Record)>();
        foreach (var row in rows)
        {
            var index = Convert.ToInt64(row[0], CultureInfo.InvariantCulture);
            var kind = (string)row[1]!;
            recordNumber.Add((kind, index, kind == "reject" ? index : AcceptedToRecord(index, headerRecords, rejected)));
        }
        var lines = SourceFileInspector.RecordStartLines(path, recordNumber.Select(r => r.Record).ToList(), csvQuotes: true);
        DuckDb.Execute(db, SqlResources.Get("extract/quarantine.sql", "line_map"));
        foreach (var chunk in recordNumber.Chunk(1000))
        {
            var values = string.Join(", ", chunk.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"('{r.Kind}', {r.Index}, {r.Record}, {(lines.TryGetValue(r.Record, out var l) ? l : r.Record)})")));
            DuckDb.Execute(db, SqlResources.Get("extract/quarantine.sql", "insert_line_map", ("rows", values)));
        }
        DuckDb.Execute(db, SqlResources.Get("extract/quarantine.sql", "number_lines"), display);
    }

    /// <summary>The record number (header rows counted) of the k-th accepted data row.</summary>
    internal static long AcceptedToRecord(long k, int headerRecords, List<long> rejected)
    {
        var record = k + headerRecords;
        while (true)
        {
            var before = CountAtMost(rejected, record);
            var next = k + headerRecords + before;
            if (next == record)
            {
                return record;
            }
            record = next;
        }
    }

    private static long CountAtMost(List<long> sorted, long value)
    {
        var at = sorted.BinarySearch(value);
        return at >= 0 ? at + 1 : ~at;
    }

    /// <summary>
    /// The files a stream reads: the source's path when it is a file, else the pattern's matches (and their
    /// <c>.gz</c> variants) in the source's folder, in name order; throws when the folder does not exist.
    /// </summary>
    public static List<string> ResolveFiles(string inputPath, string pattern)
    {
        if (File.Exists(inputPath))
        {
            return [inputPath];
        }
        string folder;
        string glob;
        if (inputPath.IndexOfAny(['*', '?']) >= 0)
        {
            folder = Path.GetDirectoryName(inputPath)!;
            glob = Path.GetFileName(inputPath);
        }
        else
        {
            var combined = Path.Combine(inputPath, pattern);
            folder = Path.GetDirectoryName(combined)!;
            glob = Path.GetFileName(combined);
        }
        if (!Directory.Exists(folder))
        {
            throw new SourceFileException($"folder not found: {folder}");
        }
        // Every pattern also matches its gzip-compressed variant (events_*.ndjson matches events_01.ndjson.gz).
        return Directory.EnumerateFiles(folder, glob, SearchOption.TopDirectoryOnly)
            .Concat(Directory.EnumerateFiles(folder, glob + ".gz", SearchOption.TopDirectoryOnly))
            .Distinct(StringComparer.Ordinal)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The largest JSON document DuckDB is told to expect: the file's own text size (it cannot hold a bigger one),
    /// not 1 GB for every file, since DuckDB reserves buffers of that size and a bounded memory limit refuses them.
    /// </summary>
    private static long MaxObjectBytes(SourceFileFacts facts) =>
        Math.Clamp((facts.TextBytes ?? 1L << 30) + 1, 1L << 20, 1L << 30);

    /// <summary>The shape a file was read as, in words.</summary>
    private static string Describe(ReaderOptions reader) => reader.Format switch
    {
        SourceFormat.Csv => reader.Header ? $"CSV with a header ('{reader.Delimiter}' between fields)"
            : $"CSV without a header, {reader.Columns.Count} fields",
        SourceFormat.NdJson => "JSON lines (one object per line)",
        SourceFormat.JsonDocument when reader.Layout == JsonLayout.Concatenated => "JSON objects one after another",
        SourceFormat.JsonDocument => $"a JSON document with its records at {reader.Records}",
        _ => "SQL rows",
    };

    /// <summary>The inspection's result, or the exception it threw (itself, not wrapped).</summary>
    private static SourceFileFacts Unwrap(Task<SourceFileFacts> task) => task.GetAwaiter().GetResult();

    /// <summary>
    /// A file the last run read (or found unchanged) with the same size and last write time is that file: its
    /// recorded hash stands and it is not read again, so a weekly run does not hash years of deliveries. As git's
    /// index does, the check is trusted only for a file last written well before that run committed: one written
    /// in the same instant as it was read could change again without its time moving. A full refresh reads all.
    /// </summary>
    private static SourceFileRecord? Known(string file, string display, Dictionary<string, SourceFileRecord> seen,
        DateTimeOffset? committedAt, HashSet<string> ledger)
    {
        if (!seen.TryGetValue(display, out var last) || !ledger.Contains(last.Sha256) || committedAt is null)
        {
            return null;
        }
        var (length, modified) = ZipMembers.Info(file);
        return length == last.Bytes && modified == last.Modified
            && modified < committedAt.Value.UtcDateTime.AddSeconds(-2) ? last : null;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"((?:[^\"]|\"\")+)\"")]
    private static partial System.Text.RegularExpressions.Regex QuotedName();
}
