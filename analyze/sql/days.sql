-- days: one row per service and local calendar day, from its first to its last
-- day with data: known (up or down) and down minutes, incident starts and requests.
-- monthend marks the last $monthend_days days of the month, counted back from each
-- month's own last day (so day 31 exists in 7 months of 12, day 29 of February
-- only in leap years, and with K = 3 February's month end is 26-28 in 2025).
-- params: $tz_minutes INTEGER, $monthend_days INTEGER
-- output: result_days(service_id, day, day_of_month, monthend, known_minutes,
--         down_minutes, incident_starts, requests)
CREATE OR REPLACE TABLE result_days AS
WITH span AS (
    SELECT service_id, min(day) AS first_day, max(day) AS last_day
    FROM result_state_days GROUP BY ALL
),
calendar AS (
    SELECT service_id, unnest(range(first_day::TIMESTAMP, last_day::TIMESTAMP + INTERVAL 1 DAY, INTERVAL 1 DAY))::DATE AS day
    FROM span
),
sd AS (
    SELECT service_id, day,
           sum(minutes) FILTER (WHERE state IN ('up', 'down'))::BIGINT AS known_minutes,
           sum(minutes) FILTER (WHERE state = 'down')::BIGINT AS down_minutes
    FROM result_state_days GROUP BY ALL
),
starts AS (
    SELECT service_id, DATE '1970-01-01' + ((start_minute + $tz_minutes) // 1440)::INTEGER AS day, count(*) AS incident_starts
    FROM result_incidents GROUP BY ALL
),
req AS (
    SELECT service_id, DATE '1970-01-01' + ((minute + $tz_minutes) // 1440)::INTEGER AS day, sum(requests)::BIGINT AS requests
    FROM result_minutes WHERE state <> 'maintenance' GROUP BY ALL
)
SELECT c.service_id, c.day, day(c.day) AS day_of_month,
       c.day > last_day(c.day) - $monthend_days::INTEGER AS monthend,
       coalesce(sd.known_minutes, 0) AS known_minutes,
       coalesce(sd.down_minutes, 0) AS down_minutes,
       coalesce(s.incident_starts, 0) AS incident_starts,
       coalesce(r.requests, 0) AS requests
FROM calendar c
LEFT JOIN sd USING (service_id, day)
LEFT JOIN starts s USING (service_id, day)
LEFT JOIN req r USING (service_id, day)
ORDER BY c.service_id, c.day;
