-- incidents: runs of down time per service. Down intervals of result_states
-- separated by gaps shorter than $merge_gap_minutes (of up, unknown or maintenance
-- time) are one incident. Each incident has:
--   start_minute, end_minute  its first down minute and the minute after its last;
--   duration_minutes          end - start, merged gaps included (the time to restore);
--   down_minutes              the down minutes in it;
--   peak_error_ratio          the highest 5xx share of a minute in it with at least
--                             $min_requests requests (NULL without such minutes);
--   source                    what saw it: logs, probes, status, joined by '+';
--   demand_ratio              the mean requests per minute in the $cause_lead_minutes
--                             before its start, over the service's usual peak (the
--                             median over days with requests of the day's busiest
--                             local clock hour, in requests per minute);
--   cause                     from what co-occurs:
--     storage_full  a storage_full log event of the service from $cause_lead_minutes
--                   before the start until the end;
--     load_surge    otherwise, demand_ratio >= $surge_factor;
--     unknown       otherwise.
-- Demand is read before the start because clients retrying failures inflate the
-- requests during an outage.
-- params: $merge_gap_minutes INTEGER, $cause_lead_minutes INTEGER, $surge_factor DOUBLE,
--         $tz_minutes INTEGER, $min_requests INTEGER
-- output: result_incidents(service_id, incident_id, start_minute, end_minute,
--         duration_minutes, down_minutes, peak_error_ratio, source, demand_ratio, cause)
CREATE OR REPLACE TABLE result_incidents AS
WITH down AS (
    SELECT service_id, start_minute, end_minute, down_by,
           lag(end_minute) OVER (PARTITION BY service_id ORDER BY start_minute) AS prev_end
    FROM result_states WHERE state = 'down'
),
grouped AS (
    SELECT *,
           sum(CASE WHEN prev_end IS NULL OR start_minute - prev_end >= greatest($merge_gap_minutes, 1) THEN 1 ELSE 0 END)
               OVER (PARTITION BY service_id ORDER BY start_minute) AS run
    FROM down
),
inc AS (
    SELECT service_id, run,
           min(start_minute) AS start_minute, max(end_minute) AS end_minute,
           sum(end_minute - start_minute)::BIGINT AS down_minutes,
           bool_or(down_by LIKE '%logs%') AS by_logs,
           bool_or(down_by LIKE '%probes%') AS by_probes,
           bool_or(down_by LIKE '%status%') AS by_status
    FROM grouped
    GROUP BY service_id, run
),
-- Each minute with enough requests to judge, assigned to the latest incident
-- starting at or before it; kept when the incident has not ended.
peak AS (
    SELECT i.service_id, i.run, max(m.error_ratio) AS peak_error_ratio
    FROM (SELECT service_id, minute, error_ratio FROM result_minutes WHERE requests >= $min_requests) m
    ASOF JOIN inc i ON i.service_id = m.service_id AND m.minute >= i.start_minute
    WHERE m.minute < i.end_minute
    GROUP BY ALL
),
hourly AS (
    SELECT service_id, (minute + $tz_minutes) // 60 AS hour, sum(requests) / 60.0 AS rate
    FROM result_minutes WHERE requests > 0 GROUP BY ALL
),
usual AS (
    SELECT service_id, median(peak) AS usual_peak
    FROM (SELECT service_id, hour // 24 AS d, max(rate) AS peak FROM hourly GROUP BY ALL)
    GROUP BY ALL
),
-- Requests before a minute, as a running total, so the demand before each
-- incident is two look-ups instead of a range join over every minute.
cum AS (
    SELECT service_id, minute,
           sum(requests) OVER (PARTITION BY service_id ORDER BY minute) AS total
    FROM result_minutes WHERE requests > 0
),
bounds AS (
    SELECT service_id, run, start_minute - 1 AS upto_end, start_minute - $cause_lead_minutes - 1 AS upto_begin
    FROM inc
),
demand AS (
    SELECT b.service_id, b.run,
           (coalesce(e.total, 0) - coalesce(s.total, 0)) / $cause_lead_minutes AS rate
    FROM bounds b
    ASOF LEFT JOIN cum e ON e.service_id = b.service_id AND e.minute <= b.upto_end
    ASOF LEFT JOIN cum s ON s.service_id = b.service_id AND s.minute <= b.upto_begin
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
       i.start_minute, i.end_minute,
       i.end_minute - i.start_minute AS duration_minutes,
       i.down_minutes,
       p.peak_error_ratio,
       concat_ws('+', CASE WHEN i.by_logs THEN 'logs' END, CASE WHEN i.by_probes THEN 'probes' END,
                 CASE WHEN i.by_status THEN 'status' END) AS source,
       d.rate / nullif(u.usual_peak, 0) AS demand_ratio,
       CASE WHEN st.service_id IS NOT NULL THEN 'storage_full'
            WHEN d.rate >= $surge_factor * u.usual_peak AND u.usual_peak > 0 THEN 'load_surge'
            ELSE 'unknown' END AS cause
FROM inc i
LEFT JOIN peak p USING (service_id, run)
LEFT JOIN storage st USING (service_id, run)
LEFT JOIN demand d USING (service_id, run)
LEFT JOIN usual u USING (service_id)
ORDER BY i.service_id, i.start_minute;
