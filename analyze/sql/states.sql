-- states: one timeline per service, as intervals [start_minute, end_minute) of one
-- state (up, down or maintenance; time outside every interval is unknown). It
-- combines what every source says:
--   access logs and probes: the minutes of result_minutes, run-length encoded;
--   status-page histories (status_changes): a component's status holds from its
--     change until the next change of the same component, the last one until the
--     end of that history (its latest change). major_outage and partial_outage are
--     down, under_maintenance is maintenance, operational and degraded_performance
--     are up;
--   status-page incident lists (status_incidents): [start_ts, end_ts) is down, an
--     unresolved incident (no end_ts) until the end of the service's other data or
--     of its list, whichever is later; severity 'maintenance' is maintenance and
--     'none' is ignored. A list speaks for its whole span (its first start to its
--     last start or end): outside their incidents, the services it names are up;
--   catalog maintenance windows, within the span of the service's data.
-- Where intervals overlap (many components of one service, several sources), each
-- minute takes the first state that applies of: catalog maintenance, down,
-- maintenance, up. So a service is down while any of its components is down, and
-- overlapping intervals are never counted twice.
-- down_by says which sources saw the down time: logs, probes, status (joined by '+').
-- result_status_intervals keeps each component's intervals (components.sql reads them).
-- params: none (reads result_minutes, status_changes, status_incidents, catalog_maintenance)
-- output: result_status_intervals(service_id, component, status, start_minute, end_minute)
--         result_states(service_id, state, down_by, start_minute, end_minute)
CREATE OR REPLACE TABLE result_status_intervals AS
WITH changes AS (
    SELECT service_id, component, status,
           epoch_us(ts) // 60000000 AS start_minute,
           lead(epoch_us(ts) // 60000000) OVER (
               PARTITION BY service_id, component ORDER BY ts, source_id, line) AS next_minute,
           max(epoch_us(ts) // 60000000) OVER (PARTITION BY source_id) AS history_end
    FROM status_changes
)
SELECT service_id, component, status, start_minute, coalesce(next_minute, history_end) AS end_minute
FROM changes
WHERE coalesce(next_minute, history_end) > start_minute
ORDER BY service_id, component, start_minute;

-- CTEs read more than once are MATERIALIZED: DuckDB 1.1 otherwise computes a
-- CTE again for every reference (measured on the demo data: about half the time).
CREATE OR REPLACE TABLE result_states AS
WITH runs AS (
    SELECT service_id, state, evidence, minute,
           minute - row_number() OVER (PARTITION BY service_id, state, evidence ORDER BY minute) AS grp
    FROM result_minutes
    WHERE state IN ('up', 'down', 'maintenance')
),
log_iv AS MATERIALIZED (
    SELECT service_id, state, evidence, min(minute) AS start_minute, max(minute) + 1 AS end_minute
    FROM runs GROUP BY service_id, state, evidence, grp
),
change_iv AS (
    SELECT service_id,
           CASE WHEN status IN ('major_outage', 'partial_outage') THEN 'down'
                WHEN status = 'under_maintenance' THEN 'maintenance'
                ELSE 'up' END AS state,
           start_minute, end_minute
    FROM result_status_intervals
),
incident_iv AS (
    SELECT service_id,
           CASE WHEN lower(coalesce(severity, '')) = 'maintenance' THEN 'maintenance' ELSE 'down' END AS state,
           epoch_us(start_ts) // 60000000 AS start_minute,
           epoch_us(end_ts) // 60000000 AS end_minute,
           max(epoch_us(coalesce(end_ts, start_ts)) // 60000000) OVER (PARTITION BY source_id) AS list_end
    FROM status_incidents
    WHERE lower(coalesce(severity, '')) <> 'none'
),
list_iv AS (
    SELECT DISTINCT service_id,
           min(epoch_us(start_ts) // 60000000) OVER (PARTITION BY source_id) AS start_minute,
           max(epoch_us(coalesce(end_ts, start_ts)) // 60000000) OVER (PARTITION BY source_id) AS end_minute
    FROM status_incidents
),
known AS MATERIALIZED (
    -- rank: 4 catalog maintenance, 3 down, 2 maintenance (status page), 1 up
    SELECT service_id, start_minute, end_minute,
           CASE state WHEN 'maintenance' THEN 4 WHEN 'down' THEN 3 ELSE 1 END AS rank,
           state = 'down' AND evidence LIKE '%logs%' AS by_logs,
           state = 'down' AND evidence LIKE '%probes%' AS by_probes,
           false AS by_status
    FROM log_iv
    UNION ALL
    SELECT service_id, start_minute, end_minute,
           CASE state WHEN 'down' THEN 3 WHEN 'maintenance' THEN 2 ELSE 1 END,
           false, false, state = 'down'
    FROM (SELECT * FROM change_iv
          UNION ALL SELECT service_id, state, start_minute, end_minute FROM incident_iv WHERE end_minute IS NOT NULL
          UNION ALL SELECT service_id, 'up', start_minute, end_minute FROM list_iv)
    WHERE end_minute > start_minute
),
data_span AS (
    SELECT service_id, min(start_minute) AS first_minute, max(end_minute) AS end_minute
    FROM known GROUP BY ALL
),
-- An unresolved incident lasts until the end of the service's other data, or of
-- its own list when that is later.
observed AS MATERIALIZED (
    SELECT * FROM known
    UNION ALL
    SELECT i.service_id, i.start_minute, greatest(i.list_end, d.end_minute),
           CASE i.state WHEN 'down' THEN 3 ELSE 2 END, false, false, i.state = 'down'
    FROM incident_iv i LEFT JOIN data_span d USING (service_id)
    WHERE i.end_minute IS NULL AND greatest(i.list_end, d.end_minute) > i.start_minute
),
iv AS (
    SELECT * FROM observed
    UNION ALL
    SELECT m.service_id, greatest(m.start_minute, d.first_minute), least(m.end_minute, d.end_minute),
           4, false, false, false
    FROM catalog_maintenance m JOIN data_span d USING (service_id)
    WHERE least(m.end_minute, d.end_minute) > greatest(m.start_minute, d.first_minute)
),
-- The sweep: +1 where an interval starts and -1 where it ends, per rank and
-- source; the running sums say what is in force on each elementary segment.
edges AS (
    SELECT service_id, start_minute AS p, 1 AS d, rank, by_logs, by_probes, by_status FROM iv
    UNION ALL
    SELECT service_id, end_minute, -1, rank, by_logs, by_probes, by_status FROM iv
),
deltas AS (
    SELECT service_id, p,
           sum(d) FILTER (WHERE rank = 4) AS d4,
           sum(d) FILTER (WHERE rank = 3) AS d3,
           sum(d) FILTER (WHERE rank = 2) AS d2,
           sum(d) FILTER (WHERE rank = 1) AS d1,
           sum(d) FILTER (WHERE by_logs) AS dl,
           sum(d) FILTER (WHERE by_probes) AS dp,
           sum(d) FILTER (WHERE by_status) AS ds
    FROM edges GROUP BY ALL
),
segments AS (
    SELECT service_id, p AS start_minute,
           lead(p) OVER (PARTITION BY service_id ORDER BY p) AS end_minute,
           sum(coalesce(d4, 0)) OVER w AS c4,
           sum(coalesce(d3, 0)) OVER w AS c3,
           sum(coalesce(d2, 0)) OVER w AS c2,
           sum(coalesce(d1, 0)) OVER w AS c1,
           sum(coalesce(dl, 0)) OVER w AS cl,
           sum(coalesce(dp, 0)) OVER w AS cp,
           sum(coalesce(ds, 0)) OVER w AS cs
    FROM deltas
    WINDOW w AS (PARTITION BY service_id ORDER BY p ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
labelled AS (
    SELECT service_id, start_minute, end_minute,
           CASE WHEN c4 > 0 THEN 'maintenance' WHEN c3 > 0 THEN 'down'
                WHEN c2 > 0 THEN 'maintenance' WHEN c1 > 0 THEN 'up' END AS state,
           CASE WHEN c4 = 0 AND c3 > 0 THEN
               concat_ws('+', CASE WHEN cl > 0 THEN 'logs' END, CASE WHEN cp > 0 THEN 'probes' END,
                         CASE WHEN cs > 0 THEN 'status' END) END AS down_by
    FROM segments
    WHERE end_minute IS NOT NULL
),
islands AS (
    SELECT *,
           sum(CASE WHEN start_minute = prev_end AND state = prev_state
                         AND down_by IS NOT DISTINCT FROM prev_down_by THEN 0 ELSE 1 END)
               OVER (PARTITION BY service_id ORDER BY start_minute) AS island
    FROM (
        SELECT *,
               lag(end_minute) OVER (PARTITION BY service_id ORDER BY start_minute) AS prev_end,
               lag(state) OVER (PARTITION BY service_id ORDER BY start_minute) AS prev_state,
               lag(down_by) OVER (PARTITION BY service_id ORDER BY start_minute) AS prev_down_by
        FROM labelled WHERE state IS NOT NULL
    )
)
SELECT service_id, any_value(state) AS state, any_value(down_by) AS down_by,
       min(start_minute) AS start_minute, max(end_minute) AS end_minute
FROM islands
GROUP BY service_id, island
ORDER BY service_id, start_minute;
