-- news_incidents: outages reported in the news, with duplicate reports grouped.
-- Only reports with is_outage, a service_id and a started_date count. Reports of
-- one service, in order of started_date, belong to the same incident while each
-- starts at most $news_group_days days after the previous one (several articles
-- about one event are one incident).
--   start_minute      the earliest reported start: its time when an article gives
--                     one, else local midnight of its started_date
--                     (start_time_known says which);
--   end_minute        the latest reported end, else start + the longest reported
--                     duration, else NULL (unknown);
--   reports           how many articles reported it; articles lists their source_id;
--   cause             the cause most of its articles give (NULL when none does).
-- params: $tz_minutes INTEGER, $news_group_days INTEGER
-- output: result_news_incidents(service_id, news_incident_id, start_date,
--         start_minute, end_minute, start_time_known, reports, articles, cause)
CREATE OR REPLACE TABLE result_news_incidents AS
WITH r AS (
    SELECT source_id, service_id, started_date,
           CASE WHEN started_time_known AND started IS NOT NULL THEN epoch_us(started) // 60000000
                ELSE (started_date - DATE '1970-01-01') * 1440 - $tz_minutes END AS start_minute,
           started_time_known AND started IS NOT NULL AS time_known,
           epoch_us(ended) // 60000000 AS end_minute,
           duration_minutes, cause,
           lag(started_date) OVER (PARTITION BY service_id ORDER BY started_date, source_id) AS prev_date
    FROM news_reports
    WHERE is_outage AND service_id IS NOT NULL AND started_date IS NOT NULL
),
g AS (
    SELECT *,
           sum(CASE WHEN prev_date IS NULL OR started_date - prev_date > $news_group_days THEN 1 ELSE 0 END)
               OVER (PARTITION BY service_id ORDER BY started_date, source_id) AS grp
    FROM r
),
inc AS (
    SELECT service_id, grp,
           min(started_date) AS start_date,
           min(start_minute) AS start_minute,
           arg_min(time_known, start_minute) AS start_time_known,
           max(end_minute) AS latest_end,
           max(duration_minutes) AS longest,
           count(*) AS reports,
           list(source_id ORDER BY source_id) AS articles
    FROM g GROUP BY ALL
),
causes AS (
    SELECT service_id, grp, first(cause ORDER BY n DESC, cause) AS cause
    FROM (SELECT service_id, grp, cause, count(*) AS n FROM g WHERE cause IS NOT NULL GROUP BY ALL)
    GROUP BY ALL
)
SELECT service_id,
       row_number() OVER (ORDER BY service_id, start_minute) AS news_incident_id,
       start_date, start_minute,
       coalesce(latest_end, start_minute + ceil(longest)::BIGINT) AS end_minute,
       start_time_known, reports, articles, c.cause
FROM inc LEFT JOIN causes c USING (service_id, grp)
ORDER BY service_id, start_minute;
