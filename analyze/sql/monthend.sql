-- monthend: outage minutes and incident starts in the last K days of each month
-- ("monthend") against the other days ("rest"), per service and over all services
-- (service_id 'all'), with their exposure: calendar days and known (up or down)
-- minutes in each window. The rate ratio, its 95% interval and p-value are computed
-- from these counts in Go (analyze/monthend.go).
-- Also per day of month: exposure days, outage minutes, incident starts and demand,
-- so a planner sees whether outages follow load.
-- params: none (reads result_days)
-- output: result_monthend_counts(service_id, period, days, known_minutes,
--         down_minutes, incident_starts, requests)
--         result_monthend_dom(service_id, day_of_month, monthend, exposure_days,
--         known_minutes, down_minutes, incident_starts, requests)
CREATE OR REPLACE TABLE result_monthend_counts AS
WITH per_service AS (
    SELECT service_id, CASE WHEN monthend THEN 'monthend' ELSE 'rest' END AS period,
           count(*) AS days, sum(known_minutes) AS known_minutes, sum(down_minutes) AS down_minutes,
           sum(incident_starts) AS incident_starts, sum(requests) AS requests
    FROM result_days GROUP BY ALL
)
SELECT * FROM per_service
UNION ALL
SELECT 'all', period, sum(days), sum(known_minutes), sum(down_minutes), sum(incident_starts), sum(requests)
FROM per_service GROUP BY period
ORDER BY service_id, period;

CREATE OR REPLACE TABLE result_monthend_dom AS
SELECT service_id, day_of_month, bool_or(monthend) AS monthend_sometimes,
       count(*) AS exposure_days, sum(known_minutes) AS known_minutes, sum(down_minutes) AS down_minutes,
       sum(incident_starts) AS incident_starts, sum(requests) AS requests
FROM result_days
GROUP BY ALL
ORDER BY service_id, day_of_month;
