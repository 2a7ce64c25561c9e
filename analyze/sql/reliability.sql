-- reliability: per service and local calendar month (the window calendar-aligned
-- SLOs use):
--   availability_minutes_pct   up / (up + down) minutes ("timeslices"); minutes with
--                              no data are unknown and maintenance minutes are
--                              excluded, both reported beside it;
--   availability_requests_pct  non-5xx / all requests ("occurrences");
--   error_budget_used_pct      down minutes / ((100 - slo_pct)% of known minutes);
--   incidents                  incidents starting in the month, with MTTR (mean and
--                              median duration), MTBF (up hours per incident) and
--                              the longest outage;
--   monthend vs rest           availability in the last $monthend_days days of the month and on other days.
-- params: $tz_minutes INTEGER, $default_slo_pct DOUBLE
-- output: result_reliability (see SELECT list)
CREATE OR REPLACE TABLE result_reliability AS
WITH sd AS (
    SELECT d.service_id, date_trunc('month', d.day)::DATE AS month,
           sum(d.minutes) FILTER (WHERE d.state = 'up') AS up_minutes,
           sum(d.minutes) FILTER (WHERE d.state = 'down') AS down_minutes,
           sum(d.minutes) FILTER (WHERE d.state = 'maintenance') AS maintenance_minutes,
           sum(d.minutes) FILTER (WHERE d.state = 'up' AND x.monthend) AS up_monthend,
           sum(d.minutes) FILTER (WHERE d.state = 'down' AND x.monthend) AS down_monthend,
           sum(d.minutes) FILTER (WHERE d.state = 'up' AND NOT x.monthend) AS up_rest,
           sum(d.minutes) FILTER (WHERE d.state = 'down' AND NOT x.monthend) AS down_rest,
           count(DISTINCT d.day) AS days_with_data
    FROM result_state_days d
    JOIN result_days x USING (service_id, day)
    GROUP BY ALL
),
span AS (
    SELECT service_id, date_trunc('month', day)::DATE AS month, count(*) * 1440 AS span_minutes
    FROM result_days GROUP BY ALL
),
req AS (
    SELECT service_id,
           date_trunc('month', DATE '1970-01-01' + ((minute + $tz_minutes) // 1440)::INTEGER)::DATE AS month,
           sum(requests) AS requests, sum(errors_5xx) AS errors_5xx
    FROM result_minutes GROUP BY ALL
),
inc AS (
    SELECT service_id,
           date_trunc('month', DATE '1970-01-01' + ((start_minute + $tz_minutes) // 1440)::INTEGER)::DATE AS month,
           count(*) AS incidents,
           avg(duration_minutes) AS mttr_minutes,
           median(duration_minutes) AS mttr_median_minutes,
           max(duration_minutes) AS longest_outage_minutes
    FROM result_incidents GROUP BY ALL
)
SELECT sd.service_id, strftime(sd.month, '%Y-%m') AS month,
       coalesce(sd.up_minutes, 0) AS up_minutes,
       coalesce(sd.down_minutes, 0) AS down_minutes,
       coalesce(sd.maintenance_minutes, 0) AS maintenance_minutes,
       span.span_minutes - coalesce(sd.up_minutes, 0) - coalesce(sd.down_minutes, 0) - coalesce(sd.maintenance_minutes, 0) AS unknown_minutes,
       100.0 * sd.up_minutes / nullif(coalesce(sd.up_minutes, 0) + coalesce(sd.down_minutes, 0), 0) AS availability_minutes_pct,
       100.0 * (1 - req.errors_5xx / nullif(req.requests, 0)) AS availability_requests_pct,
       coalesce(cs.slo_pct, $default_slo_pct) AS slo_pct,
       100.0 * coalesce(sd.down_minutes, 0)
           / nullif((100 - coalesce(cs.slo_pct, $default_slo_pct)) / 100 * (coalesce(sd.up_minutes, 0) + coalesce(sd.down_minutes, 0)), 0) AS error_budget_used_pct,
       coalesce(inc.incidents, 0) AS incidents,
       inc.mttr_minutes, inc.mttr_median_minutes,
       coalesce(sd.up_minutes, 0) / 60.0 / nullif(inc.incidents, 0) AS mtbf_hours,
       inc.longest_outage_minutes,
       100.0 * sd.up_monthend / nullif(coalesce(sd.up_monthend, 0) + coalesce(sd.down_monthend, 0), 0) AS availability_monthend_pct,
       100.0 * sd.up_rest / nullif(coalesce(sd.up_rest, 0) + coalesce(sd.down_rest, 0), 0) AS availability_rest_pct,
       coalesce(req.requests, 0) AS requests,
       coalesce(req.errors_5xx, 0) AS errors_5xx
FROM sd
JOIN span USING (service_id, month)
LEFT JOIN req USING (service_id, month)
LEFT JOIN inc USING (service_id, month)
LEFT JOIN catalog_services cs USING (service_id)
ORDER BY sd.service_id, sd.month;
