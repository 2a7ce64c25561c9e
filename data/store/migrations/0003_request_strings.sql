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

-- requests again, with ids for the text. USING COMPRESSION names the method DuckDB
-- chooses anyway for these columns of an access log, so that writing each row
-- group does not analyse the others (12% of the insert's CPU time, measured on the
-- generated log; file size unchanged). ts and client_id keep DuckDB's choice (RLE
-- often wins there).
CREATE TABLE requests_new (
    source_id     BIGINT USING COMPRESSION bitpacking NOT NULL,
    line          BIGINT USING COMPRESSION bitpacking NOT NULL,
    service_id    VARCHAR USING COMPRESSION dictionary NOT NULL,
    ts            TIMESTAMPTZ NOT NULL,
    status        SMALLINT USING COMPRESSION bitpacking,
    bytes         BIGINT USING COMPRESSION bitpacking,
    duration_ms   DOUBLE USING COMPRESSION alp,      -- request time when logged
    upstream_ms   DOUBLE USING COMPRESSION alp,      -- upstream response time when logged
    host_id       BIGINT USING COMPRESSION bitpacking, -- request_strings: virtual host when the format carries one
    client_id     BIGINT,
    method_id     BIGINT USING COMPRESSION bitpacking,
    path_id       BIGINT USING COMPRESSION bitpacking,
    referer_id    BIGINT USING COMPRESSION bitpacking,
    user_agent_id BIGINT USING COMPRESSION bitpacking
);

INSERT INTO requests_new
SELECT r.source_id, r.line, r.service_id, r.ts, r.status, r.bytes, r.duration_ms, r.upstream_ms,
       h.string_id, c.string_id, m.string_id, p.string_id, f.string_id, u.string_id
FROM requests r
LEFT JOIN request_strings h ON h.field = 'host' AND h.source_id = r.source_id AND h.value = r.host
LEFT JOIN request_strings c ON c.field = 'client' AND c.source_id = r.source_id AND c.value = r.client
LEFT JOIN request_strings m ON m.field = 'method' AND m.source_id = r.source_id AND m.value = r.method
LEFT JOIN request_strings p ON p.field = 'path' AND p.source_id = r.source_id AND p.value = r.path
LEFT JOIN request_strings f ON f.field = 'referer' AND f.source_id = r.source_id AND f.value = r.referer
LEFT JOIN request_strings u ON u.field = 'user_agent' AND u.source_id = r.source_id AND u.value = r.user_agent;

DROP TABLE requests;
ALTER TABLE requests_new RENAME TO requests;

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
