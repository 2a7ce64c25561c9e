-- storage_full: storage-full log events (event 'storage_full': "No space left on
-- device", ORA-01653, ...) per service and local calendar week (starting Monday)
-- and month, with the first and last event of each. How they relate to the usage
-- trend (used_pct at the first event, the first sample at or above the full
-- threshold) is in result_saturation.
-- params: $tz_minutes INTEGER
-- output: result_storage_full(service_id, period, period_start, events, first_event, last_event)
CREATE OR REPLACE TABLE result_storage_full AS
WITH e AS (
    SELECT service_id, ts, DATE '1970-01-01' + ((epoch_us(ts) // 60000000 + $tz_minutes) // 1440)::INTEGER AS day
    FROM events WHERE event = 'storage_full'
)
SELECT service_id, 'week' AS period, day - (isodow(day) - 1)::INTEGER AS period_start,
       count(*) AS events, min(ts) AS first_event, max(ts) AS last_event
FROM e GROUP BY ALL
UNION ALL
SELECT service_id, 'month', date_trunc('month', day)::DATE, count(*), min(ts), max(ts)
FROM e GROUP BY ALL
ORDER BY service_id, period, period_start;
