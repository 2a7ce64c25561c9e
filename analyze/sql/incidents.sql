-- incidents: runs of down time per service. Down intervals (result_states) closer
-- than $merge_gap_minutes are one incident. Each incident has its start, end,
-- duration, peak 5xx ratio and a cause from what co-occurs:
--   storage_full  a storage-full log event from $cause_lead_minutes before the start to the end;
--   load_surge    requests in a minute from $cause_lead_minutes before the start to
--                 30 minutes after it reached $surge_factor x the service's usual peak
--                 (the median over days of the busiest minute of the day);
--   unknown       otherwise.
-- source says what saw it: probes (probe failures only), logs (access-log errors
-- only), logs+probes, or status (a status-page history).
-- params: $merge_gap_minutes INTEGER, $cause_lead_minutes INTEGER, $surge_factor DOUBLE, $tz_minutes INTEGER
-- output: result_incidents(service_id, incident_id, start_minute, end_minute,
--         down_minutes, duration_minutes, peak_error_ratio, source, cause)
CREATE OR REPLACE TABLE result_incidents AS
WITH down AS (
    SELECT service_id, source, start_minute, end_minute
    FROM result_states WHERE state = 'down'
),
ordered AS (
    SELECT *,
           max(end_minute) OVER (PARTITION BY service_id ORDER BY start_minute, end_minute
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM down
),
grouped AS (
    SELECT *,
           sum(CASE WHEN prev_end IS NULL OR start_minute - prev_end > $merge_gap_minutes THEN 1 ELSE 0 END)
               OVER (PARTITION BY service_id ORDER BY start_minute, end_minute) AS run
    FROM ordered
),
inc AS (
    SELECT service_id, run,
           min(start_minute) AS start_minute, max(end_minute) AS end_minute,
           sum(end_minute - start_minute) AS down_minutes,
           bool_or(source = 'status') AS from_status
    FROM grouped
    GROUP BY service_id, run
),
evidence AS (
    SELECT i.service_id, i.run,
           max(m.error_ratio) AS peak_error_ratio,
           bool_or(m.probe_failures > 0) AS probes_failed,
           bool_or(m.errors_5xx > 0) AS logs_failed
    FROM inc i
    LEFT JOIN result_minutes m
           ON m.service_id = i.service_id AND m.minute >= i.start_minute AND m.minute < i.end_minute
    GROUP BY i.service_id, i.run
),
daily_peak AS (
    SELECT service_id, (minute + $tz_minutes) // 1440 AS d, max(requests) AS peak
    FROM result_minutes GROUP BY ALL
),
usual AS (
    SELECT service_id, median(peak) AS usual_peak FROM daily_peak GROUP BY ALL
),
surge AS (
    SELECT i.service_id, i.run, max(m.requests) AS max_requests
    FROM inc i JOIN result_minutes m
      ON m.service_id = i.service_id
     AND m.minute >= i.start_minute - $cause_lead_minutes AND m.minute < i.start_minute + 30
    GROUP BY ALL
),
storage AS (
    SELECT DISTINCT i.service_id, i.run
    FROM inc i JOIN events e
      ON e.service_id = i.service_id AND e.event = 'storage_full'
     AND epoch_us(e.ts) // 60000000 >= i.start_minute - $cause_lead_minutes
     AND epoch_us(e.ts) // 60000000 < i.end_minute
)
SELECT i.service_id,
       row_number() OVER (ORDER BY i.service_id, i.start_minute) AS incident_id,
       i.start_minute, i.end_minute, i.down_minutes,
       i.end_minute - i.start_minute AS duration_minutes,
       ev.peak_error_ratio,
       CASE WHEN i.from_status THEN 'status'
            WHEN ev.probes_failed AND ev.logs_failed THEN 'logs+probes'
            WHEN ev.probes_failed THEN 'probes'
            ELSE 'logs' END AS source,
       CASE WHEN st.service_id IS NOT NULL THEN 'storage_full'
            WHEN s.max_requests >= $surge_factor * u.usual_peak AND u.usual_peak > 0 THEN 'load_surge'
            ELSE 'unknown' END AS cause
FROM inc i
JOIN evidence ev USING (service_id, run)
LEFT JOIN storage st USING (service_id, run)
LEFT JOIN surge s USING (service_id, run)
LEFT JOIN usual u USING (service_id)
ORDER BY i.service_id, i.start_minute;
