-- 0004_news_ongoing: news_reports.ongoing, the extractor's news.Report.Ongoing: the
-- article gives no end and says the outage was still going on when it was written
-- (README, "From text to incidents"). Before this it was only evidence text.
-- DuckDB 1.1 cannot add a column with a constraint ("Adding columns with
-- constraints not yet supported"), so the column is added with its default and
-- then made NOT NULL; the update comes last (SET NOT NULL after an update in the
-- same transaction fails: "Cannot create index with outstanding updates").

ALTER TABLE news_reports ADD COLUMN ongoing BOOLEAN DEFAULT false;
ALTER TABLE news_reports ALTER COLUMN ongoing SET NOT NULL;

-- Rows already stored: ingest wrote the decision into the evidence, and only
-- there, as {"ended": "still going on when published (no end): <sentence>"}
-- (ingest/news/incident.go). Evidence that is not JSON (written by hand) is not
-- read: json_valid guards the ->> that would fail on it.
UPDATE news_reports SET ongoing = CASE WHEN json_valid(evidence)
    THEN coalesce((evidence ->> 'ended') LIKE 'still going on when published%', false)
    ELSE false END;
