-- 0003_request_strings: the text fields of access-log rows (host, client, method,
-- path, referer, user_agent) move out of requests into request_strings, stored
-- once per distinct value (and source); requests keep integer ids. The view
-- requests_text joins the text back and has the columns requests had before.
-- Why: storing one VARCHAR value costs DuckDB about as much CPU as parsing its
-- whole log line (append, statistics, checkpoint scans, dictionary compression),
-- an integer about a tenth of that; with six text columns inline the log ingest
-- could not reach its speed target (README, "Ingest benchmark").

CREATE TABLE request_strings (
    source_id   BIGINT NOT NULL,         -- the source whose rows refer to it (--force replaces both)
    string_id   BIGINT NOT NULL,         -- unique in the database; requests.<field>_id refer to it
    field       VARCHAR NOT NULL,        -- host | client | method | path | referer | user_agent
    value       VARCHAR NOT NULL         -- the text as logged (invalid UTF-8 replaced)
);

-- Rows already stored: one string per source, field and distinct value.
INSERT INTO request_strings
SELECT source_id, row_number() OVER (ORDER BY source_id, field, value), field, value
FROM (
    SELECT DISTINCT source_id, 'host' AS field, host AS value FROM requests WHERE host IS NOT NULL
    UNION ALL SELECT DISTINCT source_id, 'client', client FROM requests WHERE client IS NOT NULL
    UNION ALL SELECT DISTINCT source_id, 'method', method FROM requests WHERE method IS NOT NULL
    UNION ALL SELECT DISTINCT source_id, 'path', path FROM requests WHERE path IS NOT NULL
    UNION ALL SELECT DISTINCT source_id, 'referer', referer FROM requests WHERE referer IS NOT NULL
    UNION ALL SELECT DISTINCT source_id, 'user_agent', user_agent FROM requests WHERE user_agent IS NOT NULL
);

ALTER TABLE requests ADD COLUMN host_id BIGINT;
ALTER TABLE requests ADD COLUMN client_id BIGINT;
ALTER TABLE requests ADD COLUMN method_id BIGINT;
ALTER TABLE requests ADD COLUMN path_id BIGINT;
ALTER TABLE requests ADD COLUMN referer_id BIGINT;
ALTER TABLE requests ADD COLUMN user_agent_id BIGINT;

UPDATE requests SET host_id = s.string_id FROM request_strings s
WHERE s.field = 'host' AND s.source_id = requests.source_id AND s.value = requests.host;
UPDATE requests SET client_id = s.string_id FROM request_strings s
WHERE s.field = 'client' AND s.source_id = requests.source_id AND s.value = requests.client;
UPDATE requests SET method_id = s.string_id FROM request_strings s
WHERE s.field = 'method' AND s.source_id = requests.source_id AND s.value = requests.method;
UPDATE requests SET path_id = s.string_id FROM request_strings s
WHERE s.field = 'path' AND s.source_id = requests.source_id AND s.value = requests.path;
UPDATE requests SET referer_id = s.string_id FROM request_strings s
WHERE s.field = 'referer' AND s.source_id = requests.source_id AND s.value = requests.referer;
UPDATE requests SET user_agent_id = s.string_id FROM request_strings s
WHERE s.field = 'user_agent' AND s.source_id = requests.source_id AND s.value = requests.user_agent;

ALTER TABLE requests DROP COLUMN host;
ALTER TABLE requests DROP COLUMN client;
ALTER TABLE requests DROP COLUMN method;
ALTER TABLE requests DROP COLUMN path;
ALTER TABLE requests DROP COLUMN referer;
ALTER TABLE requests DROP COLUMN user_agent;

-- requests with their text, column for column as requests was before 0003:
-- SELECT path, count(*) FROM requests_text WHERE status >= 500 GROUP BY ALL.
CREATE VIEW requests_text AS
SELECT r.source_id, r.line, r.service_id, r.ts,
       h.value AS host, c.value AS client, m.value AS method, p.value AS path,
       r.status, r.bytes, r.duration_ms, r.upstream_ms,
       f.value AS referer, u.value AS user_agent
FROM requests r
LEFT JOIN (SELECT string_id, value FROM request_strings WHERE field = 'host') h ON h.string_id = r.host_id
LEFT JOIN (SELECT string_id, value FROM request_strings WHERE field = 'client') c ON c.string_id = r.client_id
LEFT JOIN (SELECT string_id, value FROM request_strings WHERE field = 'method') m ON m.string_id = r.method_id
LEFT JOIN (SELECT string_id, value FROM request_strings WHERE field = 'path') p ON p.string_id = r.path_id
LEFT JOIN (SELECT string_id, value FROM request_strings WHERE field = 'referer') f ON f.string_id = r.referer_id
LEFT JOIN (SELECT string_id, value FROM request_strings WHERE field = 'user_agent') u ON u.string_id = r.user_agent_id;
