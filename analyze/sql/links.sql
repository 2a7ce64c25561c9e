-- links: news-reported incidents (result_news_incidents) against incidents seen in
-- logs, probes and status histories (result_incidents) of the same service.
-- A news incident's window runs from its start to its end when an article gives
-- one (the latest reported end, or start + the longest reported duration). With
-- no end, it runs to the latest publication among its articles: an article
-- reports an outage going on up to when it was written at most, so a story
-- published on 2 July about an outage "since Friday 27 June" covers 27 June to 2
-- July, not the start day alone (never before the start; with no publication
-- date, the end of the local day it started). A news incident and a monitored
-- incident are linked when they overlap once the news window is widened by
-- $link_tolerance_minutes on both sides (news gives dates, often not times):
-- [start - tolerance, (end | latest publication) + tolerance].
--   linked     one row per linked pair;
--   news_only  a news incident linked to nothing: logs_cover says whether the
--              service had known (up or down) minutes in the widened window, so
--              false means it has no logs then and true that monitoring missed it;
--   logs_only  a monitored incident no news incident links to: nobody reported it.
-- start_gap_minutes = monitored start - news start.
-- params: $tz_minutes INTEGER, $link_tolerance_minutes INTEGER
-- output: result_links(service_id, kind, news_incident_id, incident_id,
--         news_start_minute, news_end_minute, start_minute, end_minute,
--         start_gap_minutes, news_reports, logs_cover)
CREATE OR REPLACE TABLE result_links AS
WITH published AS (
    SELECT i.news_incident_id, max(epoch_us(a.published) // 60000000) AS last_published_minute
    FROM (SELECT news_incident_id, unnest(articles) AS source_id FROM result_news_incidents) i
    JOIN articles a USING (source_id)
    GROUP BY ALL
),
news AS (
    SELECT service_id, news_incident_id, start_minute AS news_start_minute,
           coalesce(end_minute,
                    CASE WHEN p.last_published_minute IS NOT NULL
                         THEN greatest(p.last_published_minute, start_minute) END,
                    ((start_minute + $tz_minutes) // 1440 + 1) * 1440 - $tz_minutes) AS news_end_minute,
           reports
    FROM result_news_incidents LEFT JOIN published p USING (news_incident_id)
),
pairs AS (
    SELECT n.service_id, n.news_incident_id, i.incident_id, n.news_start_minute, n.news_end_minute,
           i.start_minute, i.end_minute, n.reports
    FROM news n JOIN result_incidents i
      ON i.service_id = n.service_id
     AND i.start_minute < n.news_end_minute + $link_tolerance_minutes
     AND i.end_minute > n.news_start_minute - $link_tolerance_minutes
),
cover AS (
    SELECT n.news_incident_id, sum(least(s.end_minute, n.news_end_minute + $link_tolerance_minutes)
                                  - greatest(s.start_minute, n.news_start_minute - $link_tolerance_minutes)) AS known
    FROM news n JOIN result_states s
      ON s.service_id = n.service_id AND s.state IN ('up', 'down')
     AND s.start_minute < n.news_end_minute + $link_tolerance_minutes
     AND s.end_minute > n.news_start_minute - $link_tolerance_minutes
    GROUP BY ALL
)
SELECT * FROM (
SELECT service_id, 'linked' AS kind, news_incident_id, incident_id, news_start_minute, news_end_minute,
       start_minute, end_minute, start_minute - news_start_minute AS start_gap_minutes, reports AS news_reports,
       true AS logs_cover
FROM pairs
UNION ALL
SELECT n.service_id, 'news_only', n.news_incident_id, NULL, n.news_start_minute, n.news_end_minute,
       NULL, NULL, NULL, n.reports, coalesce(c.known > 0, false)
FROM news n LEFT JOIN cover c USING (news_incident_id)
WHERE n.news_incident_id NOT IN (SELECT news_incident_id FROM pairs)
UNION ALL
SELECT i.service_id, 'logs_only', NULL, i.incident_id, NULL, NULL, i.start_minute, i.end_minute, NULL, NULL, true
FROM result_incidents i
WHERE i.incident_id NOT IN (SELECT incident_id FROM pairs)
)
ORDER BY service_id, coalesce(news_start_minute, start_minute), kind, incident_id;
