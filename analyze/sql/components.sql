-- components: reliability of each status-page component per local calendar month,
-- from result_status_intervals (states.sql): a component's status holds from its
-- change until its next change, the last one until the end of that history;
-- before its first change it is unknown. Components are told apart by name within
-- a service.
--   major_outage_minutes, partial_outage_minutes  minutes in each outage status;
--   down_minutes                 their sum (both count as down, as in states.sql);
--   degraded_minutes             degraded_performance minutes (counted as up);
--   up_minutes                   operational and degraded minutes;
--   maintenance_minutes          under_maintenance minutes;
--   availability_pct             100 x up / (up + down);
--   incidents                    down runs starting in the month, runs separated by
--                                less than $merge_gap_minutes merged, as for services.
-- params: $tz_minutes INTEGER, $merge_gap_minutes INTEGER
-- output: result_components(service_id, component, month, up_minutes, down_minutes,
--         major_outage_minutes, partial_outage_minutes, degraded_minutes,
--         maintenance_minutes, availability_pct, incidents)
CREATE OR REPLACE TABLE result_components AS
WITH iv AS (
    SELECT service_id, component, status, start_minute + $tz_minutes AS s, end_minute + $tz_minutes AS e
    FROM result_status_intervals
),
by_day AS (
    SELECT service_id, component, status, d,
           least(e, (d + 1) * 1440) - greatest(s, d * 1440) AS minutes
    FROM iv, range(s // 1440, (e - 1) // 1440 + 1) AS t(d)
),
months AS (
    SELECT service_id, component,
           date_trunc('month', DATE '1970-01-01' + d::INTEGER)::DATE AS month,
           coalesce(sum(minutes) FILTER (WHERE status IN ('operational', 'degraded_performance')), 0)::BIGINT AS up_minutes,
           coalesce(sum(minutes) FILTER (WHERE status IN ('major_outage', 'partial_outage')), 0)::BIGINT AS down_minutes,
           coalesce(sum(minutes) FILTER (WHERE status = 'major_outage'), 0)::BIGINT AS major_outage_minutes,
           coalesce(sum(minutes) FILTER (WHERE status = 'partial_outage'), 0)::BIGINT AS partial_outage_minutes,
           coalesce(sum(minutes) FILTER (WHERE status = 'degraded_performance'), 0)::BIGINT AS degraded_minutes,
           coalesce(sum(minutes) FILTER (WHERE status = 'under_maintenance'), 0)::BIGINT AS maintenance_minutes
    FROM by_day GROUP BY ALL
),
down AS (
    SELECT service_id, component, s, e,
           max(e) OVER (PARTITION BY service_id, component ORDER BY s
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM iv WHERE status IN ('major_outage', 'partial_outage')
),
runs AS (
    SELECT service_id, component, s,
           sum(CASE WHEN prev_end IS NULL OR s - prev_end >= greatest($merge_gap_minutes, 1) THEN 1 ELSE 0 END)
               OVER (PARTITION BY service_id, component ORDER BY s) AS run
    FROM down
),
inc AS (
    SELECT service_id, component,
           date_trunc('month', DATE '1970-01-01' + (min(s) // 1440)::INTEGER)::DATE AS month
    FROM runs GROUP BY service_id, component, run
)
SELECT m.service_id, m.component, strftime(m.month, '%Y-%m') AS month,
       m.up_minutes, m.down_minutes, m.major_outage_minutes, m.partial_outage_minutes,
       m.degraded_minutes, m.maintenance_minutes,
       100.0 * m.up_minutes / nullif(m.up_minutes + m.down_minutes, 0) AS availability_pct,
       coalesce(i.incidents, 0) AS incidents
FROM months m
LEFT JOIN (SELECT service_id, component, month, count(*) AS incidents FROM inc GROUP BY ALL) i
       USING (service_id, component, month)
ORDER BY m.service_id, m.component, m.month;
