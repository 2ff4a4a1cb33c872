using CxWarehouse.Etl.Warehouse;
using DuckDB.NET.Data;

namespace CxWarehouse.Etl.Extract;

public sealed partial class Extractor
{
    /// <summary>
    /// Writes each file's typed rows to their zstd Parquet part on a second connection to the same in-memory
    /// database, while the first connection types the next file: the write no longer waits for, nor holds up, the
    /// next file's reading and typing. One write is in flight at a time, so at most two files' typed tables exist
    /// at once, both within the database's one memory limit (spilled to its temp folder beyond it).
    /// </summary>
    private sealed class PartWriter(DuckDBConnection db) : IDisposable
    {
        private DuckDBConnection? _second;
        private Job? _running;
        private readonly List<(int Index, string Display, Exception Error)> _failed = [];

        private sealed record Job(int Index, string Display, string Table, Task Task);

        /// <summary>
        /// Starts writing <paramref name="table"/> (a table of the database's main schema) with
        /// <paramref name="copy"/> once the write before it has finished; the table is dropped when written.
        /// </summary>
        public void Start(int index, string display, string table, string copy)
        {
            Finish();
            if (_second is null)
            {
                _second = db.Duplicate();
                _second.Open();
            }
            var second = _second;
            _running = new Job(index, display, table, Task.Run(() => DuckDb.Execute(second, copy)));
        }

        /// <summary>Waits for the write in flight, if any; a failed write is kept for <see cref="TakeFailures"/>.</summary>
        public void Finish()
        {
            if (_running is not { } job)
            {
                return;
            }
            _running = null;
            try
            {
                job.Task.GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is DuckDBException or IOException)
            {
                _failed.Add((job.Index, job.Display, ex));
            }
            finally
            {
                DuckDb.Execute(db, $"DROP TABLE IF EXISTS {SqlText.Identifier(job.Table)}");
            }
        }

        /// <summary>The files whose part could not be written, each once.</summary>
        public List<(int Index, string Display, Exception Error)> TakeFailures()
        {
            var failed = _failed.ToList();
            _failed.Clear();
            return failed;
        }

        public void Dispose()
        {
            // A stream that ends early (a failed file, an exception) still lets the write in flight end before the
            // database it reads is closed.
            if (_running is { } job)
            {
                _running = null;
                try
                {
                    job.Task.Wait();
                }
                catch (AggregateException)
                {
                    // The stream has already failed or been abandoned; its staging folder is not committed.
                }
            }
            _second?.Dispose();
        }
    }
}
