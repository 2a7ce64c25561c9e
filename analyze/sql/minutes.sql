-- minutes: per service and minute, what the access logs and health probes say,
-- and whether the minute is bad (down). Minutes are numbered since 1970-01-01
-- 00:00 UTC; local days and slots use the fixed offset $tz_minutes.
-- Evidence per minute:
--   requests, errors_5xx, error_ratio (5xx / requests) and the median, p95 and p99
--   request time of the access-log lines in it;
--   probes, probe_failures: the probe results covering it (a result covers its own
--   minute and the next ones until the next result of the same target, at most
--   $probe_cover_minutes);
--   expected_requests, the time-of-day baseline: the lower median of the requests
--   per minute in the same local 15-minute slot on the same weekday 1, 2, 3 and 4
--   weeks before and after (only whole slots inside the service's access-log span
--   count, and at least 4 of them are needed; Downdetector baselines by time of day
--   the same way).
-- A minute is down when any of three rules fires (down_by lists them, joined by '+'):
--   errors    requests >= $min_requests and 5xx >= $error_ratio x requests;
--   probes    at least half of the probe results covering it failed;
--   collapse  no probe covers it, expected_requests >= $collapse_min_expected and
--             requests <= $collapse_ratio x expected_requests: traffic collapsed far
--             below the time-of-day baseline ($collapse_ratio = 0 turns it off).
-- Otherwise it is up when a probe covers it or its requests were mostly fine, and
-- unknown when it has only a few requests, most of them failing, and no probe (too
-- little to judge). Minutes inside a catalog maintenance window are maintenance.
-- A minute with no request, no probe and no baseline expecting traffic has no row:
-- it is unknown, never up.
-- params: $tz_minutes INTEGER, $min_requests INTEGER, $error_ratio DOUBLE,
--         $probe_cover_minutes INTEGER, $collapse_ratio DOUBLE, $collapse_min_expected DOUBLE
-- output: result_minutes(service_id, minute, requests, errors_5xx, error_ratio,
--         p50_ms, p95_ms, p99_ms, probes, probe_failures, expected_requests, down_by,
--         evidence, state)
-- CTEs read more than once are MATERIALIZED: DuckDB 1.1 otherwise computes a
-- CTE again for every reference (measured on the demo data: about half the time).
CREATE OR REPLACE TABLE result_minutes AS
WITH req AS MATERIALIZED (
    SELECT service_id,
           epoch_us(ts) // 60000000 AS minute,
           count(*) AS requests,
           count(*) FILTER (WHERE status >= 500) AS errors_5xx,
           quantile_cont(duration_ms, 0.5) AS p50_ms,
           quantile_cont(duration_ms, 0.95) AS p95_ms,
           quantile_cont(duration_ms, 0.99) AS p99_ms
    FROM requests
    GROUP BY ALL
),
span AS (
    SELECT service_id, min(minute) AS first_minute, max(minute) + 1 AS end_minute
    FROM req GROUP BY ALL
),
-- Local 15-minute slots numbered since 1970-01-01 00:00 local time; only slots
-- wholly inside the access-log span, so a log starting at noon does not make the
-- morning look empty.
slot_grid AS (
    SELECT service_id, unnest(range((first_minute + $tz_minutes + 14) // 15, (end_minute + $tz_minutes) // 15)) AS slot
    FROM span
),
slot_req AS (
    SELECT service_id, (minute + $tz_minutes) // 15 AS slot, sum(requests) AS requests
    FROM req GROUP BY ALL
),
slots AS MATERIALIZED (
    SELECT g.service_id, g.slot, coalesce(r.requests, 0) / 15.0 AS rate
    FROM slot_grid g LEFT JOIN slot_req r USING (service_id, slot)
),
weeks AS (
    SELECT unnest([-4, -3, -2, -1, 1, 2, 3, 4]) * 7 * 96 AS offset_slots
),
baseline AS MATERIALIZED (
    SELECT a.service_id, a.slot, quantile_disc(b.rate, 0.5) AS expected
    FROM slots a CROSS JOIN weeks w
    JOIN slots b ON b.service_id = a.service_id AND b.slot = a.slot + w.offset_slots
    GROUP BY ALL
    HAVING count(*) >= 4
),
collapse_grid AS (
    SELECT service_id, unnest(range(slot * 15 - $tz_minutes, slot * 15 - $tz_minutes + 15)) AS minute
    FROM baseline
    WHERE $collapse_ratio > 0 AND expected >= $collapse_min_expected
),
probe_runs AS (
    SELECT service_id,
           epoch_us(ts) // 60000000 AS minute,
           ok,
           lead(epoch_us(ts) // 60000000) OVER (
               PARTITION BY service_id, coalesce(target, host, '') ORDER BY ts, source_id, line) AS next_minute
    FROM probes
),
probe_minutes AS (
    SELECT service_id, ok,
           unnest(range(minute, greatest(minute + 1,
               least(coalesce(next_minute, minute + 1), minute + $probe_cover_minutes)))) AS minute
    FROM probe_runs
),
prb AS MATERIALIZED (
    SELECT service_id, minute,
           count(*) AS probes,
           count(*) FILTER (WHERE NOT ok) AS probe_failures
    FROM probe_minutes
    GROUP BY ALL
),
keys AS (
    SELECT service_id, minute FROM req
    UNION SELECT service_id, minute FROM prb
    UNION SELECT service_id, minute FROM collapse_grid
),
joined AS (
    SELECT k.service_id, k.minute,
           coalesce(r.requests, 0) AS requests,
           coalesce(r.errors_5xx, 0) AS errors_5xx,
           r.p50_ms, r.p95_ms, r.p99_ms,
           coalesce(p.probes, 0) AS probes,
           coalesce(p.probe_failures, 0) AS probe_failures,
           b.expected AS expected_requests
    FROM keys k
    LEFT JOIN req r USING (service_id, minute)
    LEFT JOIN prb p USING (service_id, minute)
    LEFT JOIN baseline b ON b.service_id = k.service_id AND b.slot = (k.minute + $tz_minutes) // 15
),
rules AS (
    SELECT j.*,
           j.requests >= $min_requests AND j.errors_5xx >= $error_ratio * j.requests AS by_errors,
           j.probes > 0 AND 2 * j.probe_failures >= j.probes AS by_probes,
           $collapse_ratio > 0 AND j.probes = 0 AND coalesce(j.expected_requests >= $collapse_min_expected, false)
               AND j.requests <= $collapse_ratio * j.expected_requests AS by_collapse,
           coalesce(j.minute < mw.end_minute, false) AS in_maintenance
    FROM joined j
    -- catalog_maintenance holds disjoint windows (analyze merges overlaps), so the
    -- latest window starting at or before the minute is the only one that can hold it.
    ASOF LEFT JOIN catalog_maintenance mw
           ON mw.service_id = j.service_id AND j.minute >= mw.start_minute
)
SELECT service_id, minute, requests, errors_5xx,
       CASE WHEN requests > 0 THEN errors_5xx / requests END AS error_ratio,
       p50_ms, p95_ms, p99_ms, probes, probe_failures, expected_requests,
       nullif(concat_ws('+', CASE WHEN by_errors THEN 'errors' END, CASE WHEN by_probes THEN 'probes' END,
                        CASE WHEN by_collapse THEN 'collapse' END), '') AS down_by,
       CASE WHEN in_maintenance OR NOT (by_errors OR by_probes OR by_collapse) THEN NULL
            ELSE nullif(concat_ws('+', CASE WHEN by_errors OR by_collapse THEN 'logs' END,
                                       CASE WHEN by_probes THEN 'probes' END), '') END AS evidence,
       CASE
           WHEN in_maintenance THEN 'maintenance'
           WHEN by_errors OR by_probes OR by_collapse THEN 'down'
           WHEN probes > 0 OR (requests > 0 AND errors_5xx < $error_ratio * requests) THEN 'up'
           ELSE 'unknown'
       END AS state
FROM rules
ORDER BY service_id, minute;
