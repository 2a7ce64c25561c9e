-- promises: each start event of a catalog promise (e.g. payment_received) paired
-- with the first end event (e.g. reconnect) with the same key at or after it.
-- delay_minutes is the time between them; a case is kept when delay <= limit.
-- A start with no end within orphan_after_minutes (default 1440) is never_completed;
-- one whose window has not yet passed at the end of the data is pending.
-- params: none (reads events, catalog_promises, catalog_promise_ends)
-- output: result_promise_cases(service_id, promise_id, key, started, ended,
--         delay_minutes, status: kept | broken | never_completed | pending)
--         result_promises(service_id, promise_id, text, limit_minutes, started, completed,
--         kept, kept_pct, p50_minutes, p95_minutes, max_minutes, never_completed, pending)
CREATE OR REPLACE TABLE result_promise_cases AS
WITH starts AS (
    SELECT e.service_id, p.promise_id, p.limit_minutes, p.orphan_after_minutes, e.key, e.ts AS started
    FROM events e JOIN catalog_promises p ON e.service_id = p.service_id AND e.event = p.start_event
    WHERE e.key IS NOT NULL
),
ends AS (
    SELECT e.service_id, p.promise_id, e.key, e.ts AS ended
    FROM events e JOIN catalog_promise_ends p ON e.service_id = p.service_id AND e.event = p.end_event
    WHERE e.key IS NOT NULL
),
data_end AS (
    SELECT service_id, max(ts) AS last_ts FROM events GROUP BY ALL
),
paired AS (
    SELECT s.*, e.ended, (epoch_us(e.ended) - epoch_us(s.started)) / 60e6 AS delay_minutes
    FROM starts s ASOF LEFT JOIN ends e
      ON s.service_id = e.service_id AND s.promise_id = e.promise_id AND s.key = e.key AND e.ended >= s.started
)
SELECT p.service_id, p.promise_id, p.key, p.started,
       CASE WHEN p.delay_minutes <= p.orphan_after_minutes THEN p.ended END AS ended,
       CASE WHEN p.delay_minutes <= p.orphan_after_minutes THEN p.delay_minutes END AS delay_minutes,
       CASE WHEN p.delay_minutes <= p.limit_minutes THEN 'kept'
            WHEN p.delay_minutes <= p.orphan_after_minutes THEN 'broken'
            WHEN (epoch_us(d.last_ts) - epoch_us(p.started)) / 60e6 < p.orphan_after_minutes THEN 'pending'
            ELSE 'never_completed' END AS status
FROM paired p JOIN data_end d USING (service_id)
ORDER BY p.service_id, p.promise_id, p.started;

CREATE OR REPLACE TABLE result_promises AS
SELECT c.service_id, c.promise_id, any_value(p.text) AS text, any_value(p.limit_minutes) AS limit_minutes,
       count(*) AS started,
       count(*) FILTER (WHERE c.status IN ('kept', 'broken')) AS completed,
       count(*) FILTER (WHERE c.status = 'kept') AS kept,
       100.0 * count(*) FILTER (WHERE c.status = 'kept') / nullif(count(*) FILTER (WHERE c.status <> 'pending'), 0) AS kept_pct,
       quantile_cont(c.delay_minutes, 0.5) AS p50_minutes,
       quantile_cont(c.delay_minutes, 0.95) AS p95_minutes,
       max(c.delay_minutes) AS max_minutes,
       count(*) FILTER (WHERE c.status = 'never_completed') AS never_completed,
       count(*) FILTER (WHERE c.status = 'pending') AS pending
FROM result_promise_cases c JOIN catalog_promises p USING (service_id, promise_id)
GROUP BY c.service_id, c.promise_id
ORDER BY c.service_id, c.promise_id;
