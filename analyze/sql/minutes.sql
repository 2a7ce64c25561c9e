-- minutes: per service and minute, what the access logs and health probes say, and
-- the minute's state.
--   down        (requests >= $min_requests and 5xx >= $error_ratio x requests)
--               or at least half of the probe results covering the minute failed;
--   up          not down, and probes covered it or its requests were mostly fine;
--   unknown     a few requests, all failing, and no probe (too little to judge);
--   maintenance inside a catalog maintenance window (excluded from availability).
-- Minutes with no data at all have no row: they are unknown, never up.
-- A probe result covers its own minute and the next ones until the next result of
-- the same target, at most $probe_cover_minutes.
-- Minutes are numbered since 1970-01-01 00:00 UTC.
-- params: $min_requests INTEGER, $error_ratio DOUBLE, $probe_cover_minutes INTEGER
-- output: result_minutes(service_id, minute, requests, errors_5xx, error_ratio,
--         p50_ms, p95_ms, probes, probe_failures, state)
CREATE OR REPLACE TABLE result_minutes AS
WITH req AS (
    SELECT service_id,
           epoch_us(ts) // 60000000 AS minute,
           count(*) AS requests,
           count(*) FILTER (WHERE status >= 500) AS errors_5xx,
           quantile_cont(duration_ms, 0.5) AS p50_ms,
           quantile_cont(duration_ms, 0.95) AS p95_ms
    FROM requests
    GROUP BY ALL
),
probe_runs AS (
    SELECT service_id,
           epoch_us(ts) // 60000000 AS minute,
           ok,
           lead(epoch_us(ts) // 60000000) OVER (
               PARTITION BY service_id, coalesce(target, host, '') ORDER BY ts) AS next_minute
    FROM probes
),
probe_minutes AS (
    SELECT service_id, ok,
           unnest(range(minute, greatest(minute + 1,
               least(coalesce(next_minute, minute + 1), minute + $probe_cover_minutes)))) AS minute
    FROM probe_runs
),
prb AS (
    SELECT service_id, minute,
           count(*) AS probes,
           count(*) FILTER (WHERE NOT ok) AS probe_failures
    FROM probe_minutes
    GROUP BY ALL
),
joined AS (
    SELECT service_id, minute,
           coalesce(r.requests, 0) AS requests,
           coalesce(r.errors_5xx, 0) AS errors_5xx,
           r.p50_ms, r.p95_ms,
           coalesce(p.probes, 0) AS probes,
           coalesce(p.probe_failures, 0) AS probe_failures
    FROM req r FULL OUTER JOIN prb p USING (service_id, minute)
)
SELECT j.service_id, j.minute, j.requests, j.errors_5xx,
       CASE WHEN j.requests > 0 THEN j.errors_5xx / j.requests END AS error_ratio,
       j.p50_ms, j.p95_ms, j.probes, j.probe_failures,
       CASE
           WHEN mw.service_id IS NOT NULL THEN 'maintenance'
           WHEN (j.requests >= $min_requests AND j.errors_5xx >= $error_ratio * j.requests)
             OR (j.probes > 0 AND 2 * j.probe_failures >= j.probes) THEN 'down'
           WHEN j.probes > 0 OR (j.requests > 0 AND j.errors_5xx < $error_ratio * j.requests) THEN 'up'
           ELSE 'unknown'
       END AS state
FROM joined j
LEFT JOIN catalog_maintenance mw
       ON mw.service_id = j.service_id AND j.minute >= mw.start_minute AND j.minute < mw.end_minute
ORDER BY j.service_id, j.minute;
