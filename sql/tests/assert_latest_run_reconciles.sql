-- Every stream of the latest run reconciles: rows read = loaded + quarantined + deduplicated + deleted
-- (records the source marked deleted).
select source, stream, rows_read, rows_loaded, rows_quarantined, rows_deduplicated, rows_deleted
from audit.stream_runs
where run_id = (select run_id from audit.runs where command in ('run', 'extract') order by started_at desc limit 1)
    and status <> 'failed'
    and rows_read <> rows_loaded + rows_quarantined + rows_deduplicated + coalesce(rows_deleted, 0)
