-- reliability: per service and local calendar month (the window calendar-aligned
-- SLOs use), from the service's first to its last day with data:
--   up, down, maintenance, unknown minutes  the month's minutes by state; unknown
--                              minutes had no data (neither up nor down) and
--                              maintenance minutes fell in a catalog maintenance
--                              window or a status page's under_maintenance;
--   availability_minutes_pct   100 x up / (up + down) minutes ("timeslices"): unknown
--                              and maintenance minutes are left out;
--   availability_requests_pct  100 x (requests - 5xx) / requests ("occurrences"),
--                              requests in catalog maintenance windows left out;
--   slo_pct                    the catalog's target ($default_slo_pct when unlisted);
--   error_budget_used_pct      100 x down minutes / error budget, where the error
--                              budget is (100 - slo_pct)% of the known (up + down)
--                              minutes; over 100 means the SLO was missed;
--   incidents                  incidents starting in the month;
--   mttr_minutes, mttr_median_minutes  mean and median incident duration (time to
--                              restore; repair times are heavy-tailed, so the median
--                              beside the mean);
--   mtbf_hours                 up hours in the month / incidents starting in it;
--   longest_outage_minutes     the longest incident starting in the month;
--   availability_monthend_pct, availability_rest_pct  availability by minutes in
--                              the last $monthend_days days of the month and on the
--                              other days.
-- params: $tz_minutes INTEGER, $default_slo_pct DOUBLE, $monthend_days INTEGER
-- output: result_reliability(service_id, month, up_minutes, down_minutes,
--         maintenance_minutes, unknown_minutes, availability_minutes_pct,
--         availability_requests_pct, slo_pct, error_budget_minutes, error_budget_used_pct,
--         incidents, mttr_minutes, mttr_median_minutes, mtbf_hours,
--         longest_outage_minutes, availability_monthend_pct, availability_rest_pct,
--         requests, errors_5xx)
--         result_reliability_total: the same columns per service over its whole
--         analysed period, month holding "YYYY-MM..YYYY-MM" (computed from the
--         same rows with GROUPING SETS, so the total is never a sum of rounded
--         monthly figures: the median MTTR is the median of all incidents).
CREATE OR REPLACE TEMP TABLE reliability_periods AS
-- Each CTE groups twice: by service and month, and by service alone (month NULL).
WITH sd AS (
    SELECT service_id, date_trunc('month', day)::DATE AS month,
           coalesce(sum(minutes) FILTER (WHERE state = 'up'), 0)::BIGINT AS up_minutes,
           coalesce(sum(minutes) FILTER (WHERE state = 'down'), 0)::BIGINT AS down_minutes,
           coalesce(sum(minutes) FILTER (WHERE state = 'maintenance'), 0)::BIGINT AS maintenance_minutes,
           coalesce(sum(minutes) FILTER (WHERE state = 'up' AND day > last_day(day) - $monthend_days::INTEGER), 0)::BIGINT AS up_monthend,
           coalesce(sum(minutes) FILTER (WHERE state = 'down' AND day > last_day(day) - $monthend_days::INTEGER), 0)::BIGINT AS down_monthend,
           coalesce(sum(minutes) FILTER (WHERE state = 'up' AND day <= last_day(day) - $monthend_days::INTEGER), 0)::BIGINT AS up_rest,
           coalesce(sum(minutes) FILTER (WHERE state = 'down' AND day <= last_day(day) - $monthend_days::INTEGER), 0)::BIGINT AS down_rest
    FROM result_state_days
    GROUP BY GROUPING SETS ((service_id, month), (service_id))
),
span AS (
    SELECT service_id, date_trunc('month', day)::DATE AS month, count(*) * 1440 AS span_minutes,
           strftime(min(day), '%Y-%m') || '..' || strftime(max(day), '%Y-%m') AS period
    FROM result_days
    GROUP BY GROUPING SETS ((service_id, month), (service_id))
),
req AS (
    SELECT service_id,
           date_trunc('month', DATE '1970-01-01' + ((minute + $tz_minutes) // 1440)::INTEGER)::DATE AS month,
           sum(requests)::BIGINT AS requests, sum(errors_5xx)::BIGINT AS errors_5xx
    FROM result_minutes WHERE requests > 0 AND state <> 'maintenance'
    GROUP BY GROUPING SETS ((service_id, month), (service_id))
),
inc AS (
    SELECT service_id,
           date_trunc('month', DATE '1970-01-01' + ((start_minute + $tz_minutes) // 1440)::INTEGER)::DATE AS month,
           count(*) AS incidents,
           avg(duration_minutes) AS mttr_minutes,
           median(duration_minutes) AS mttr_median_minutes,
           max(duration_minutes) AS longest_outage_minutes
    FROM result_incidents
    GROUP BY GROUPING SETS ((service_id, month), (service_id))
),
slo AS (
    SELECT s.service_id, coalesce(cs.slo_pct, $default_slo_pct) AS slo_pct
    FROM (SELECT DISTINCT service_id FROM span) s LEFT JOIN catalog_services cs USING (service_id)
)
SELECT span.service_id, span.month IS NULL AS whole,
       coalesce(strftime(span.month, '%Y-%m'), span.period) AS month, span.month AS month_start,
       coalesce(sd.up_minutes, 0) AS up_minutes,
       coalesce(sd.down_minutes, 0) AS down_minutes,
       coalesce(sd.maintenance_minutes, 0) AS maintenance_minutes,
       span.span_minutes - coalesce(sd.up_minutes, 0) - coalesce(sd.down_minutes, 0) - coalesce(sd.maintenance_minutes, 0) AS unknown_minutes,
       100.0 * sd.up_minutes / nullif(sd.up_minutes + sd.down_minutes, 0) AS availability_minutes_pct,
       100.0 * (req.requests - req.errors_5xx) / nullif(req.requests, 0) AS availability_requests_pct,
       slo.slo_pct,
       (100 - slo.slo_pct) / 100 * (coalesce(sd.up_minutes, 0) + coalesce(sd.down_minutes, 0)) AS error_budget_minutes,
       100.0 * coalesce(sd.down_minutes, 0)
           / nullif((100 - slo.slo_pct) / 100 * (coalesce(sd.up_minutes, 0) + coalesce(sd.down_minutes, 0)), 0) AS error_budget_used_pct,
       coalesce(inc.incidents, 0) AS incidents,
       inc.mttr_minutes, inc.mttr_median_minutes,
       coalesce(sd.up_minutes, 0) / 60.0 / nullif(inc.incidents, 0) AS mtbf_hours,
       inc.longest_outage_minutes,
       100.0 * sd.up_monthend / nullif(sd.up_monthend + sd.down_monthend, 0) AS availability_monthend_pct,
       100.0 * sd.up_rest / nullif(sd.up_rest + sd.down_rest, 0) AS availability_rest_pct,
       coalesce(req.requests, 0) AS requests,
       coalesce(req.errors_5xx, 0) AS errors_5xx
FROM span
JOIN slo USING (service_id)
LEFT JOIN sd ON sd.service_id = span.service_id AND sd.month IS NOT DISTINCT FROM span.month
LEFT JOIN req ON req.service_id = span.service_id AND req.month IS NOT DISTINCT FROM span.month
LEFT JOIN inc ON inc.service_id = span.service_id AND inc.month IS NOT DISTINCT FROM span.month;

CREATE OR REPLACE TABLE result_reliability AS
SELECT * EXCLUDE (whole, month_start) FROM reliability_periods WHERE NOT whole ORDER BY service_id, month;

CREATE OR REPLACE TABLE result_reliability_total AS
SELECT * EXCLUDE (whole, month_start) FROM reliability_periods WHERE whole ORDER BY service_id;
