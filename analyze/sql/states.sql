-- states: the minutes of result_minutes run-length encoded into intervals of one
-- state, plus the intervals status-page histories state directly: a component's
-- status holds from its change until the next change of the same component (the
-- last one until the end of that history). major_outage and partial_outage count
-- as down, under_maintenance as maintenance, anything else as up.
-- Intervals are [start_minute, end_minute), minutes since 1970-01-01 00:00 UTC.
-- output: result_states(service_id, source, state, start_minute, end_minute)
CREATE OR REPLACE TABLE result_states AS
WITH runs AS (
    SELECT service_id, state, minute,
           minute - row_number() OVER (PARTITION BY service_id, state ORDER BY minute) AS grp
    FROM result_minutes
),
log_states AS (
    SELECT service_id, 'logs' AS source, state,
           min(minute) AS start_minute, max(minute) + 1 AS end_minute
    FROM runs
    GROUP BY service_id, state, grp
),
changes AS (
    SELECT service_id, component, status,
           epoch_us(ts) // 60000000 AS start_minute,
           lead(epoch_us(ts) // 60000000) OVER (PARTITION BY service_id, component ORDER BY ts, source_id, line) AS next_minute,
           max(epoch_us(ts) // 60000000) OVER (PARTITION BY source_id) AS history_end
    FROM status_changes
),
status_states AS (
    SELECT service_id, 'status' AS source,
           CASE WHEN status IN ('major_outage', 'partial_outage') THEN 'down'
                WHEN status = 'under_maintenance' THEN 'maintenance'
                ELSE 'up' END AS state,
           start_minute, coalesce(next_minute, greatest(history_end, start_minute + 1)) AS end_minute
    FROM changes
)
SELECT * FROM log_states
UNION ALL
SELECT * FROM status_states WHERE end_minute > start_minute
ORDER BY service_id, start_minute;
