-- monthend: incident starts and outage minutes in the last K = $monthend_days days
-- of each month ("monthend") against the other days ("rest"), per service and
-- over all services (service_id 'all'), with the exposure of each window.
--   source 'monitoring': incidents and down minutes from logs, probes and status
--     histories (result_days); exposure is the known (up or down) minutes and the
--     calendar days observed;
--   source 'news': news-reported incidents (result_news_incidents) by their start
--     date; exposure is the calendar days of the news period, from the first to the
--     last reported start date (over all services), at 1440 minutes a day.
-- Normalising by exposure matters: day 31 exists in 7 months of 12 and day 29 of
-- February only in leap years, so raw counts by day of month mislead.
-- The rate ratio (month-end rate / other-days rate), its exact 95% interval and
-- p-value are computed from these counts in Go (analyze/monthend.go).
-- Per day of month, result_monthend_dom gives the same counts and exposure, with
-- demand (requests) beside them, so a planner sees whether outages follow load.
-- params: $monthend_days INTEGER
-- output: result_news_days(service_id, day, day_of_month, monthend, known_minutes, incident_starts)
--         result_monthend_cells(service_id, source, day_of_month, monthend, days,
--         known_minutes, down_minutes, incident_starts, requests)
--         result_monthend_counts(service_id, source, period, days, known_minutes,
--         down_minutes, incident_starts, requests)
--         result_monthend_dom(service_id, source, day_of_month, exposure_days,
--         monthend_days, known_minutes, down_minutes, incident_starts, requests)
CREATE OR REPLACE TABLE result_news_days AS
WITH span AS (
    SELECT min(start_date) AS first_day, max(start_date) AS last_day FROM result_news_incidents
),
calendar AS (
    SELECT unnest(range(first_day::TIMESTAMP, last_day::TIMESTAMP + INTERVAL 1 DAY, INTERVAL 1 DAY))::DATE AS day
    FROM span WHERE first_day IS NOT NULL
),
services AS (
    SELECT DISTINCT service_id FROM result_news_incidents
),
starts AS (
    SELECT service_id, start_date AS day, count(*) AS incident_starts
    FROM result_news_incidents GROUP BY ALL
)
SELECT s.service_id, c.day, day(c.day) AS day_of_month,
       c.day > last_day(c.day) - $monthend_days::INTEGER AS monthend,
       1440 AS known_minutes, coalesce(st.incident_starts, 0) AS incident_starts
FROM services s CROSS JOIN calendar c
LEFT JOIN starts st ON st.service_id = s.service_id AND st.day = c.day
ORDER BY s.service_id, c.day;

-- One cell per service (and 'all'), source, day of month and whether it was in
-- the month end; the two tables below sum these cells.
CREATE OR REPLACE TABLE result_monthend_cells AS
WITH per_service AS (
    SELECT service_id, 'monitoring' AS source, day_of_month, monthend,
           count(*) AS days, sum(known_minutes)::BIGINT AS known_minutes, sum(down_minutes)::BIGINT AS down_minutes,
           sum(incident_starts)::BIGINT AS incident_starts, sum(requests)::BIGINT AS requests
    FROM result_days GROUP BY ALL
    UNION ALL
    SELECT service_id, 'news', day_of_month, monthend,
           count(*), sum(known_minutes)::BIGINT, NULL, sum(incident_starts)::BIGINT, NULL
    FROM result_news_days GROUP BY ALL
)
SELECT * FROM per_service
UNION ALL
SELECT 'all', source, day_of_month, monthend,
       -- news exposure is the same calendar for every service: count it once
       CASE WHEN source = 'news' THEN max(days) ELSE sum(days) END::BIGINT,
       CASE WHEN source = 'news' THEN max(known_minutes) ELSE sum(known_minutes) END::BIGINT,
       sum(down_minutes)::BIGINT, sum(incident_starts)::BIGINT, sum(requests)::BIGINT
FROM per_service GROUP BY source, day_of_month, monthend
ORDER BY service_id, source, day_of_month, monthend;

CREATE OR REPLACE TABLE result_monthend_counts AS
SELECT service_id, source, CASE WHEN monthend THEN 'monthend' ELSE 'rest' END AS period,
       sum(days)::BIGINT AS days, sum(known_minutes)::BIGINT AS known_minutes, sum(down_minutes)::BIGINT AS down_minutes,
       sum(incident_starts)::BIGINT AS incident_starts, sum(requests)::BIGINT AS requests
FROM result_monthend_cells GROUP BY ALL
ORDER BY service_id, source, period;

CREATE OR REPLACE TABLE result_monthend_dom AS
SELECT service_id, source, day_of_month,
       sum(days)::BIGINT AS exposure_days, coalesce(sum(days) FILTER (WHERE monthend), 0)::BIGINT AS monthend_days,
       sum(known_minutes)::BIGINT AS known_minutes, sum(down_minutes)::BIGINT AS down_minutes,
       sum(incident_starts)::BIGINT AS incident_starts, sum(requests)::BIGINT AS requests
FROM result_monthend_cells GROUP BY ALL
ORDER BY service_id, source, day_of_month;
