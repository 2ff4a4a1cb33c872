using System.Globalization;
using CxWarehouse.Etl.Warehouse;
using DuckDB.NET.Data;

namespace CxWarehouse.Etl.Extract;

public sealed partial class Extractor
{
    private const string RowHashSql = "extract/row_hashes.sql";

    /// <summary>
    /// A CSV stream's row hashes. Each row typed from a CSV file carries the hash of its source values and of what
    /// its typing depends on (<see cref="StreamSqlBuilder.Signature"/>) into the lake as <c>_row_hash</c>. A row of a
    /// later file whose hash a committed row has is a record delivered again as it was loaded (a weekly full
    /// export re-sends every unchanged record): typed again, it would replace its committed version with the same
    /// values, so it is left out before typing and counted as deduplicated. A lake written before the column has
    /// none for its rows: they are typed and merged as before, and carry it once written again.
    /// </summary>
    private sealed class RowHashes(IReadOnlyList<string> committedFiles, string key)
    {
        /// <summary>The committed files as a list of path literals.</summary>
        private readonly string _files = string.Join(", ", committedFiles.Select(SqlText.Literal));
        private bool? _committed;
        private bool _skippedMade;
        private bool _recorded;

        /// <summary>
        /// Makes the temporary table of the committed rows' hashes and keys on first use; false when no committed
        /// row has a hash.
        /// </summary>
        private bool Committed(DuckDBConnection db)
        {
            if (_committed is null)
            {
                var (columns, option, present) = committedFiles.Count > 0 ? Read(db, key, _files) : ("", "", false);
                _committed = present;
                if (present)
                {
                    DuckDb.Execute(db, SqlResources.Get(RowHashSql, "committed", ("files", _files), ("columns", columns),
                        ("option", option)));
                }
            }
            return _committed == true;
        }

        /// <summary>
        /// The table of <c>src</c>'s records to leave out of its typing with <paramref name="hash"/> (those whose hash
        /// a committed row has), or null when nothing committed has a hash.
        /// </summary>
        public string? Skipped(DuckDBConnection db, string hash)
        {
            if (!Committed(db))
            {
                return null;
            }
            DuckDb.Execute(db, SqlResources.Get(RowHashSql, "skipped", ("hash", hash)));
            _skippedMade = true;
            return "skipped";
        }

        /// <summary>
        /// After the typing that left out the skipped records: puts back those whose key a loadable typed row of the
        /// file has (the file holds two versions of that record, one as it was loaded: which wins depends on their
        /// order in the file, as when every row is typed), and says whether there were any, so the file is typed
        /// again with them.
        /// </summary>
        public bool PutBackConflicts(DuckDBConnection db)
        {
            var conflicting = SqlResources.Get(RowHashSql, "conflicting", ("key", key));
            if (DuckDb.Scalar<long>(db, SqlResources.Get(RowHashSql, "count_conflicts", ("conflicting", conflicting))) == 0)
            {
                return false;
            }
            DuckDb.Execute(db, SqlResources.Get(RowHashSql, "unskip", ("conflicting", conflicting)));
            return true;
        }

        /// <summary>
        /// Keeps the records a file's typing left out (the last <see cref="Skipped"/> table) as versions from the
        /// file's part (<paramref name="part"/>), for <see cref="Phantoms"/>.
        /// </summary>
        public void Record(DuckDBConnection db, string part)
        {
            if (_committed == true && _skippedMade)
            {
                DuckDb.Execute(db, SqlResources.Get(RowHashSql, "record_skipped", ("part", SqlText.Literal(part))));
                _skippedMade = false;
                _recorded = true;
            }
        }

        /// <summary>
        /// The merge's branch of the records left out of a file's typing whose key another file of the run
        /// (<paramref name="parts"/>, <paramref name="tombstones"/>) holds a version of: each as the committed row
        /// it equals, from its own file's part, so that the order of the files decides as if it had been typed.
        /// Empty when there is none (the usual case: a full export's records are in no other file).
        /// </summary>
        public string Phantoms(DuckDBConnection db, string fields, string parts, IEnumerable<string> tombstones,
            string batch)
        {
            if (!_recorded)
            {
                return "";
            }
            var tombs = string.Join(", ", tombstones.Select(SqlText.Literal));
            DuckDb.Execute(db, SqlResources.Get(RowHashSql, "phantoms", ("key", key), ("parts", parts),
                ("tombstones", tombs.Length == 0 ? "" : SqlResources.Get(RowHashSql, "tombstone_keys", ("key", key), ("files", tombs)))));
            if (DuckDb.Scalar<long>(db, SqlResources.Get(RowHashSql, "count_phantoms")) == 0)
            {
                return "";
            }
            var (columns, option, _) = Read(db, fields, _files);
            return "\n" + SqlResources.Get(RowHashSql, "phantom_rows", ("fields", columns), ("batch", batch),
                ("files", _files), ("option", option), ("key", key));
        }

        /// <summary>The column NULL, for files (and rows) that have none.</summary>
        public const string None = "CAST(NULL AS UHUGEINT) AS _row_hash";

        /// <summary>
        /// How committed files (<paramref name="files"/>, a list of path literals) are read with their row hashes: the
        /// columns (<paramref name="fields"/> and the hash, NULL where no file has it), the read option (by name,
        /// where only some have it) and whether any has it.
        /// </summary>
        public static (string Columns, string Option, bool Present) Read(DuckDBConnection db, string fields, string files)
        {
            var counts = DuckDb.Rows(db, SqlResources.Get(RowHashSql, "coverage", ("files", files))).Single();
            var (with, all) = (Convert.ToInt64(counts[0], CultureInfo.InvariantCulture), Convert.ToInt64(counts[1], CultureInfo.InvariantCulture));
            return with == 0 ? ($"{fields}, {None}", "", false) : ($"{fields}, _row_hash", with < all ? ", union_by_name = true" : "", true);
        }

        /// <summary>The hash expression over <c>src</c>'s columns <paramref name="header"/> for one typing.</summary>
        public static string Expression(string signature, IReadOnlyList<string> header) =>
            SqlResources.Get(RowHashSql, "row_hash",
                ("signature", SqlText.Literal(signature + System.Text.Json.JsonSerializer.Serialize(header))),
                ("values", string.Join(", ", header.Select(h => SqlResources.Get(RowHashSql, "value",
                    ("column", SqlText.Identifier(h)))))));

        /// <summary>
        /// Whether a file's rows can be told by their values alone: its typing depends on nothing but the row and
        /// the signature (no rows combined, no lookup joined, no file name or record number read). A date order
        /// proved from the file's own values is in the signature of the typing it gives, and the proof reads only
        /// what leaving rows out does not change: the rows quarantined for their slashed dates (never loaded, so
        /// never left out) and the file's count of rows.
        /// </summary>
        public static bool Applies(StreamMapping mapping) =>
            mapping.Combine is null && mapping.Lookups.Count == 0
            && !mapping.Fields.Values.Select(f => f.Expression).Concat(mapping.Let.Select(l => (string?)l.Value))
                .Append(mapping.Deleted)
                .Any(e => e is not null && PositionName().IsMatch(e));
    }

    /// <summary>A name an expression reads that differs between two deliveries of the same record.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.])""?(_file|_record)""?(?!\w)")]
    private static partial System.Text.RegularExpressions.Regex PositionName();
}
