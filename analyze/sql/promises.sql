-- promises: how well each catalog promise ("reconnect within 20 minutes of
-- payment") was kept. Each start event (payment_received) is matched to the first
-- end event (reconnect; for some promises one of several, such as order_confirmed
-- or refund) with the same key at or after it and before the next start with that
-- key, so one end completes one start. delay_minutes is the time between them.
-- A case is
--   kept             delay <= limit_minutes;
--   broken           limit_minutes < delay <= orphan_after_minutes;
--   never_completed  no end within orphan_after_minutes (the catalog's value, else
--                    $orphan_after_minutes): an orphan, such as a payment with
--                    neither a confirmation nor a refund; a later end is kept in
--                    ended and delay_minutes for reference;
--   pending          no end yet, and the service's events end before
--                    orphan_after_minutes have passed: too early to judge.
-- Starts without a key cannot be matched and are not counted.
-- Per promise: started (all cases), completed (kept + broken), kept_pct =
-- 100 x kept / (kept + broken + never_completed), and the median, p95 and worst
-- delay of the completed cases. result_promise_worst lists each promise's
-- $worst_cases worst cases that were not kept: never completed first, then by delay.
-- params: $orphan_after_minutes DOUBLE, $worst_cases INTEGER
-- output: result_promise_cases(service_id, promise_id, key, started, ended,
--         delay_minutes, status)
--         result_promises(service_id, promise_id, text, limit_minutes,
--         orphan_after_minutes, started, completed, kept, broken, kept_pct,
--         p50_minutes, p95_minutes, max_minutes, never_completed, pending)
--         result_promise_worst(service_id, promise_id, rank, key, started, ended,
--         delay_minutes, status)
CREATE OR REPLACE TABLE result_promise_cases AS
WITH promises AS (
    SELECT service_id, promise_id, start_event, limit_minutes,
           CASE WHEN orphan_after_minutes > 0 THEN orphan_after_minutes ELSE $orphan_after_minutes END AS orphan_after_minutes
    FROM catalog_promises
),
starts AS (
    SELECT e.service_id, p.promise_id, p.limit_minutes, p.orphan_after_minutes, e.key, e.ts AS started,
           lead(e.ts) OVER (PARTITION BY e.service_id, p.promise_id, e.key ORDER BY e.ts, e.source_id, e.line) AS next_start
    FROM events e JOIN promises p ON e.service_id = p.service_id AND e.event = p.start_event
    WHERE e.key IS NOT NULL
),
ends AS (
    SELECT DISTINCT e.service_id, p.promise_id, e.key, e.ts AS ended
    FROM events e JOIN catalog_promise_ends p ON e.service_id = p.service_id AND e.event = p.end_event
    WHERE e.key IS NOT NULL
),
data_end AS (
    SELECT service_id, max(ts) AS last_ts FROM events GROUP BY ALL
),
paired AS (
    SELECT s.*,
           CASE WHEN s.next_start IS NULL OR e.ended < s.next_start THEN e.ended END AS ended
    FROM starts s ASOF LEFT JOIN ends e
      ON s.service_id = e.service_id AND s.promise_id = e.promise_id AND s.key = e.key AND e.ended >= s.started
),
delays AS (
    SELECT *, (epoch_us(ended) - epoch_us(started)) / 60e6 AS delay_minutes FROM paired
)
SELECT p.service_id, p.promise_id, p.key, p.started, p.ended, p.delay_minutes,
       CASE WHEN p.delay_minutes <= p.limit_minutes THEN 'kept'
            WHEN p.delay_minutes <= p.orphan_after_minutes THEN 'broken'
            WHEN p.ended IS NULL AND (epoch_us(d.last_ts) - epoch_us(p.started)) / 60e6 < p.orphan_after_minutes THEN 'pending'
            ELSE 'never_completed' END AS status
FROM delays p JOIN data_end d USING (service_id)
ORDER BY p.service_id, p.promise_id, p.started, p.key;

CREATE OR REPLACE TABLE result_promises AS
WITH promises AS (
    SELECT service_id, promise_id, text, limit_minutes,
           CASE WHEN orphan_after_minutes > 0 THEN orphan_after_minutes ELSE $orphan_after_minutes END AS orphan_after_minutes
    FROM catalog_promises
)
SELECT p.service_id, p.promise_id, p.text, p.limit_minutes, p.orphan_after_minutes,
       count(*) AS started,
       count(*) FILTER (WHERE c.status IN ('kept', 'broken')) AS completed,
       count(*) FILTER (WHERE c.status = 'kept') AS kept,
       count(*) FILTER (WHERE c.status = 'broken') AS broken,
       100.0 * count(*) FILTER (WHERE c.status = 'kept') / nullif(count(*) FILTER (WHERE c.status <> 'pending'), 0) AS kept_pct,
       quantile_cont(c.delay_minutes, 0.5) FILTER (WHERE c.status IN ('kept', 'broken')) AS p50_minutes,
       quantile_cont(c.delay_minutes, 0.95) FILTER (WHERE c.status IN ('kept', 'broken')) AS p95_minutes,
       max(c.delay_minutes) FILTER (WHERE c.status IN ('kept', 'broken')) AS max_minutes,
       count(*) FILTER (WHERE c.status = 'never_completed') AS never_completed,
       count(*) FILTER (WHERE c.status = 'pending') AS pending
FROM result_promise_cases c JOIN promises p USING (service_id, promise_id)
GROUP BY ALL
ORDER BY p.service_id, p.promise_id;

CREATE OR REPLACE TABLE result_promise_worst AS
SELECT service_id, promise_id, rank, key, started, ended, delay_minutes, status
FROM (
    SELECT *, row_number() OVER (PARTITION BY service_id, promise_id
                                 ORDER BY status = 'never_completed' DESC, delay_minutes DESC NULLS FIRST, started, key) AS rank
    FROM result_promise_cases
    WHERE status IN ('broken', 'never_completed')
)
WHERE rank <= $worst_cases
ORDER BY service_id, promise_id, rank;
