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

    /// <summary>What an incremental merge leaves: this run's rows loaded, the stream's rows, its newest cursor.</summary>
    private readonly record struct MergeOutcome(long Loaded, long Rows, DateTimeOffset? Latest, int FilesAdded);

    /// <summary>
    /// Merges this run's rows into the committed stream touching only what they change, so a weekly delivery costs
    /// what is new, not the whole history: the run's rows are reduced to each key's latest version; the committed
    /// versions of those keys are found by reading only the key and cursor columns; a committed version that loses
    /// to a new one (or to a tombstone) is removed by rewriting just the files that hold one; committed files
    /// without such a version stay as they are, and the run's winning rows become one new file. The same rule as a
    /// whole-stream merge decides: the latest version by cursor wins, this run's on a tie.
    /// </summary>
    private MergeOutcome MergeIncrementally(DuckDBConnection db, SourceInput input, CanonicalStream stream,
        StreamManifest previous, SortedDictionary<int, string> typedFiles,
        SortedDictionary<int, (string Path, long Rows)> tombstones, string staging,
        Dictionary<string, string> staged, List<string> dataFiles)
    {
        var fields = string.Join(", ", stream.Fields.Select(f => SqlText.Identifier(f.Name)));
        var keys = stream.PrimaryKey.Select(SqlText.Identifier).ToList();
        var key = string.Join(", ", keys);
        var cursor = stream.Cursor is null ? null : SqlText.Identifier(stream.Cursor);
        var order = cursor is null ? "" : $"{cursor} DESC NULLS LAST, ";
        var parts = "[" + string.Join(", ", typedFiles.Values.Select(SqlText.Literal)) + "]";
        var committed = "[" + string.Join(", ", previous.Files.Select(f => SqlText.Literal(lake.Absolute(f)))) + "]";
        var tombs = tombstones.Count == 0 ? "" : $"""

                UNION ALL BY NAME
                SELECT *, filename AS _part, file_row_number AS _record, true AS _deleted
                FROM read_parquet([{string.Join(", ", tombstones.Values.Select(t => SqlText.Literal(t.Path)))}],
                    filename = true, file_row_number = true)
            """;
        // This run's latest version of each key (tomb-N sorts after part-N: on a tie a deletion wins).
        DuckDb.Execute(db, $"""
            CREATE OR REPLACE TEMP TABLE incoming AS
            SELECT * FROM (
                SELECT {fields}, filename AS _part, file_row_number AS _record, false AS _deleted
                FROM read_parquet({parts}, filename = true, file_row_number = true){tombs}
            )
            QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY {order}_part DESC, _record DESC) = 1
            """);
        // The committed versions of those keys, and the files that hold them: only key and cursor columns are read.
        var committedCursor = cursor is null ? "" : $", {cursor} AS _cursor";
        DuckDb.Execute(db, $"""
            CREATE OR REPLACE TEMP TABLE existing AS
            SELECT {key}{committedCursor}, filename AS _file
            FROM read_parquet({committed}, filename = true) AS c
            SEMI JOIN incoming USING ({key})
            """);
        // A committed version wins only with a later cursor (a NULL cursor sorts last); else this run's replaces it.
        var committedWins = cursor is null
            ? "false"
            : $"(e._cursor IS NOT NULL AND (i.{cursor} IS NULL OR e._cursor > i.{cursor}))";
        DuckDb.Execute(db, $"""
            CREATE OR REPLACE TEMP TABLE decided AS
            SELECT i.*, e._file AS _replaces, coalesce({committedWins}, false) AS _loses
            FROM incoming AS i LEFT JOIN existing AS e USING ({key})
            """);
        var affected = DuckDb.Rows(db, "SELECT DISTINCT _replaces FROM decided WHERE _replaces IS NOT NULL AND NOT _loses ORDER BY 1")
            .Select(r => (string)r[0]!).ToList();
        var affectedSet = affected.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        dataFiles.AddRange(previous.Files.Where(f => !affectedSet.Contains(Path.GetFullPath(lake.Absolute(f)))));
        long removed = 0;
        if (affected.Count > 0)
        {
            // The files holding a replaced version, written again without it.
            var rewritten = Path.Combine(staging, "rewritten.parquet");
            var list = "[" + string.Join(", ", affected.Select(SqlText.Literal)) + "]";
            DuckDb.Execute(db, $"""
                COPY (
                    SELECT {fields} FROM read_parquet({list}) AS c
                    ANTI JOIN (SELECT {key} FROM decided WHERE _replaces IS NOT NULL AND NOT _loses) USING ({key})
                ) TO {SqlText.Literal(rewritten)} (FORMAT parquet, COMPRESSION zstd)
                """);
            removed = DuckDb.Scalar<long>(db, "SELECT count(*) FROM decided WHERE _replaces IS NOT NULL AND NOT _loses");
            AddFile(rewritten, $"raw/{input.Name}/{stream.Entity}/{runId}-r.parquet", staged, dataFiles);
        }
        var loaded = DuckDb.Scalar<long>(db, "SELECT count(*) FROM decided WHERE NOT _loses AND NOT _deleted");
        if (loaded > 0)
        {
            var added = Path.Combine(staging, "data.parquet");
            DuckDb.Execute(db, $"""
                COPY (SELECT {fields} FROM decided WHERE NOT _loses AND NOT _deleted ORDER BY {key})
                TO {SqlText.Literal(added)} (FORMAT parquet, COMPRESSION zstd)
                """);
            AddFile(added, $"raw/{input.Name}/{stream.Entity}/{runId}-0.parquet", staged, dataFiles);
        }
        DateTimeOffset? latest = previous.CursorValue is { } bookmark
            ? DateTimeOffset.Parse(bookmark, CultureInfo.InvariantCulture)
            : null;
        if (cursor is not null && stream.Field(stream.Cursor!).Type == FieldType.Timestamp
            && DuckDb.Scalar<DateTime?>(db, $"SELECT max({cursor})::TIMESTAMP FROM decided WHERE NOT _loses AND NOT _deleted")
                is { } max)
        {
            var newest = new DateTimeOffset(DateTime.SpecifyKind(max, DateTimeKind.Utc));
            latest = latest is null || newest > latest ? newest : latest;
        }
        return new MergeOutcome(loaded, previous.Rows - removed + loaded, latest,
            previous.FilesAdded + (affected.Count > 0 ? 1 : 0) + (loaded > 0 ? 1 : 0));
    }

    private static void AddFile(string stagedPath, string final, Dictionary<string, string> staged, List<string> dataFiles)
    {
        AtomicFile.Flush(stagedPath);
        staged[stagedPath] = final;
        dataFiles.Add(final);
    }
}
