using System.Globalization;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Warehouse;
using CxWarehouse.IO;
using DuckDB.NET.Data;

namespace CxWarehouse.Etl.Extract;

/// <summary>Merging a run's rows into a stream that already has committed files.</summary>
public sealed partial class Extractor
{
    /// <summary>
    /// Beyond this many files added by incremental merges since the stream was last written whole, a run merges the
    /// whole stream into one file again (compaction) instead of adding files of its own. A first load's parts (one per
    /// source file, 1,456 daily files for two years of GA4) do not count: they are the stream as it was written.
    /// </summary>
    private const int MaxCommittedFiles = 64;

    /// <summary>The statements of a whole-stream merge, and those of an incremental one.</summary>
    private const string Merge = "extract/merge.sql", Incremental = "extract/merge_incremental.sql";

    /// <summary>What an incremental merge leaves: this run's rows loaded, the stream's rows, its newest cursor.</summary>
    private readonly record struct MergeOutcome(long Loaded, long Rows, DateTimeOffset? Latest, int FilesAdded);

    /// <summary>
    /// Merges this run's rows into the committed stream touching only what they change, so a weekly delivery costs
    /// what is new, not the whole history: the run's rows are reduced to each key's latest version; the committed
    /// versions of those keys are found by reading only the key and cursor columns; a committed version that loses
    /// to a new one (or to a tombstone) is removed by rewriting just the files that hold one; committed files
    /// without such a version stay as they are, and the run's winning rows become one new file. The same rule as a
    /// whole-stream merge decides: the latest version by cursor wins, this run's on a tie. Where the key includes the
    /// cursor (<paramref name="keyIncludesCursor"/>), only the committed rows of the run's cursor span are read.
    /// </summary>
    private MergeOutcome MergeIncrementally(DuckDBConnection db, SourceInput input, CanonicalStream stream,
        bool keyIncludesCursor, RowHashes? hashing, StreamManifest previous, SortedDictionary<int, string> typedFiles,
        SortedDictionary<int, (string Path, long Rows)> tombstones, string staging,
        Dictionary<string, string> staged, List<string> dataFiles)
    {
        var rowHashes = hashing is not null;
        var fields = LakeFields(stream, rowHashes);
        var keys = stream.PrimaryKey.Select(SqlText.Identifier).ToList();
        var key = string.Join(", ", keys);
        var cursor = stream.Cursor is null ? null : SqlText.Identifier(stream.Cursor);
        var order = cursor is null ? "" : $"{cursor} DESC NULLS LAST, ";
        var orderBy = WriteOrder(key, stream, keyIncludesCursor);
        var parts = "[" + string.Join(", ", typedFiles.Values.Select(SqlText.Literal)) + "]";
        var committed = "[" + string.Join(", ", previous.Files.Select(f => SqlText.Literal(lake.Absolute(f)))) + "]";
        var tombs = tombstones.Count == 0 ? "" : "\n" + SqlResources.Get(Incremental, "tombstones",
            ("files", string.Join(", ", tombstones.Values.Select(t => SqlText.Literal(t.Path)))));
        // Records left out of a file's typing that another file of the run holds a version of (see RowHashes).
        var phantoms = hashing?.Phantoms(db, LakeFields(stream, false), parts, tombstones.Values.Select(t => t.Path), "") ?? "";
        // This run's latest version of each key (tomb-N sorts after part-N: on a tie a deletion wins): its rows as
        // they are when every key is there once and nothing is deleted.
        if (tombstones.Count == 0 && phantoms.Length == 0 && KeysUnique(db, key, parts))
        {
            DuckDb.Execute(db, SqlResources.Get(Incremental, "incoming_view", ("fields", fields), ("parts", parts)));
        }
        else
        {
            DuckDb.Execute(db, SqlResources.Get(Incremental, "incoming", ("fields", fields), ("parts", parts),
                ("tombstones", tombs + phantoms), ("key", key), ("order", order)));
        }
        // The committed versions of those keys, and the files that hold them: only key and cursor columns are read.
        var committedCursor = cursor is null ? "" : $", {cursor} AS _cursor";
        // Where every version of a key has the same cursor, those versions lie within the run's cursor span (a run
        // row without a cursor has no span: then every committed key is read).
        var within = keyIncludesCursor && cursor is not null
            && !DuckDb.Scalar<bool>(db, SqlResources.Get(Incremental, "null_cursors", ("cursor", cursor)))
            ? "\n" + SqlResources.Get(Incremental, "within", ("cursor", cursor))
            : "";
        DuckDb.Execute(db, SqlResources.Get(Incremental, "existing", ("key", key), ("committed_cursor", committedCursor),
            ("committed", committed), ("within", within)));
        // A committed version wins only with a later cursor (a NULL cursor sorts last); else this run's replaces it.
        var committedWins = cursor is null
            ? "false"
            : $"(e._cursor IS NOT NULL AND (i.{cursor} IS NULL OR e._cursor > i.{cursor}))";
        DuckDb.Execute(db, SqlResources.Get(Incremental, "decided", ("committed_wins", committedWins), ("key", key)));
        var affected = DuckDb.Rows(db, SqlResources.Get(Incremental, "affected"))
            .Select(r => (string)r[0]!).ToList();
        var affectedSet = affected.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        dataFiles.AddRange(previous.Files.Where(f => !affectedSet.Contains(Path.GetFullPath(lake.Absolute(f)))));
        long removed = 0;
        if (affected.Count > 0)
        {
            // The files holding a replaced version, written again without it.
            var rewritten = Path.Combine(staging, "rewritten.parquet");
            var files = string.Join(", ", affected.Select(SqlText.Literal));
            var (columns, option, _) = rowHashes ? RowHashes.Read(db, LakeFields(stream, false), files) : (fields, "", false);
            DuckDb.Execute(db, SqlResources.Get(Incremental, "rewrite", ("fields", columns), ("files", "[" + files + "]"),
                ("key", key), ("option", option), ("path", SqlText.Literal(rewritten))));
            removed = DuckDb.Scalar<long>(db, SqlResources.Get(Incremental, "count_removed"));
            AddFile(rewritten, $"raw/{input.Name}/{stream.Entity}/{runId}-r.parquet", staged, dataFiles);
        }
        var loaded = DuckDb.Scalar<long>(db, SqlResources.Get(Incremental, "count_loaded"));
        if (loaded > 0)
        {
            var added = Path.Combine(staging, "data.parquet");
            DuckDb.Execute(db, SqlResources.Get(Incremental, "write", ("fields", fields), ("order_by", orderBy),
                ("path", SqlText.Literal(added))));
            AddFile(added, $"raw/{input.Name}/{stream.Entity}/{runId}-0.parquet", staged, dataFiles);
        }
        DateTimeOffset? latest = previous.CursorValue is { } bookmark
            ? DateTimeOffset.Parse(bookmark, CultureInfo.InvariantCulture)
            : null;
        if (cursor is not null && stream.Field(stream.Cursor!).Type == FieldType.Timestamp
            && DuckDb.Scalar<DateTime?>(db, SqlResources.Get(Incremental, "latest", ("cursor", cursor)))
                is { } max)
        {
            var newest = new DateTimeOffset(DateTime.SpecifyKind(max, DateTimeKind.Utc));
            latest = latest is null || newest > latest ? newest : latest;
        }
        return new MergeOutcome(loaded, previous.Rows - removed + loaded, latest,
            previous.FilesAdded + (affected.Count > 0 ? 1 : 0) + (loaded > 0 ? 1 : 0));
    }

    /// <summary>
    /// The columns of a stream's lake files: its fields, and <c>_row_hash</c> where its rows carry their hashes
    /// (<paramref name="rowHashes"/>, see <see cref="RowHashes"/>).
    /// </summary>
    private static string LakeFields(CanonicalStream stream, bool rowHashes) =>
        string.Join(", ", stream.Fields.Select(f => SqlText.Identifier(f.Name))) + (rowHashes ? ", _row_hash" : "");

    /// <summary>
    /// The order a merge writes a stream's rows in: by its key (<paramref name="key"/>, the caller's list of the key's
    /// columns), or by cursor and key where the key includes the cursor, so that each row group spans a short stretch
    /// of the cursor that a later merge reads only if its span overlaps.
    /// </summary>
    private static string WriteOrder(string key, CanonicalStream stream, bool keyIncludesCursor) =>
        keyIncludesCursor && stream.Cursor is { } cursor ? $"{SqlText.Identifier(cursor)}, {key}" : key;

    /// <summary>
    /// Whether every key of the parts is there once: their key hashes are all different, or, where two are the same
    /// (two different keys can share one), their keys compared as text are.
    /// </summary>
    private static bool KeysUnique(DuckDBConnection db, string key, string parts) =>
        DuckDb.Scalar<bool>(db, SqlResources.Get(Merge, "unique_by_hash", ("key", key), ("parts", parts)))
        || DuckDb.Scalar<bool>(db, SqlResources.Get(Merge, "unique", ("key", key), ("parts", parts)));

    private static void AddFile(string stagedPath, string final, Dictionary<string, string> staged, List<string> dataFiles)
    {
        AtomicFile.Flush(stagedPath);
        staged[stagedPath] = final;
        dataFiles.Add(final);
    }
}
