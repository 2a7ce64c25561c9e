-- news: every stored news report with its article and its incident key.
-- The incident key ("event") groups reports of one outage: the catalog service
-- (or, when no alias matched, the name the article gives, lower-cased) and the
-- day the outage started, e.g. 'wb-ration/2025-05-30'. Non-outages have none.
-- The same key is news.Report.Event at ingest; analyze may group more loosely
-- (a day either side) when it links news incidents to log incidents.
-- output: one row per article, ordered by event, publication time and source.
SELECT
    s.source_id,
    coalesce(a.url, s.path)                  AS source,
    coalesce(a.title, '')                    AS title,
    coalesce(a.site, '')                     AS outlet,
    a.published,
    coalesce(a.language, '')                 AS language,
    r.is_outage,
    coalesce(r.service_id, '')               AS service_id,
    coalesce(r.service_name, '')             AS service_name,
    coalesce(r.state, '')                    AS state,
    coalesce(r.district, '')                 AS district,
    r.started,
    r.started_time_known,
    r.ended,
    r.duration_minutes,
    r.ongoing,
    coalesce(r.cause, '')                    AS cause,
    r.affected,
    r.money_inr,
    r.confidence,
    coalesce(r.evidence, '{}')               AS evidence,
    CASE WHEN r.is_outage AND r.started_date IS NOT NULL THEN
        coalesce(r.service_id, 'name:' || lower(r.service_name), 'source:' || CAST(s.source_id AS VARCHAR))
        || '/' || strftime(r.started_date, '%Y-%m-%d')
    END                                      AS event
FROM news_reports r
JOIN articles a USING (source_id)
JOIN sources s USING (source_id)
ORDER BY event NULLS LAST, a.published, source
