-- 0005_service_keys: access-log rows keep their service as a small integer key.
-- The rows move to request_rows (service_key instead of service_id); service_keys
-- names each key; the view requests joins the name back and has exactly the
-- columns the table requests had (so every query and analysis reads it as before),
-- and requests_text is defined over it as before.
-- Why: the VARCHAR service_id was the last text column of the busiest table, and
-- storing it cost DuckDB string appends, statistics, dictionary analysis and
-- compression on every row: 0.5 of 4.8 CPU-seconds per GB of access log, 10% of
-- the ingest's wall time (README, "Ingest benchmark"). A key costs what line does.
-- The other tables keep service_id as text: they hold a few rows per minute, not
-- one per request.

CREATE TABLE service_keys (
    service_key INTEGER NOT NULL PRIMARY KEY, -- request_rows.service_key refers to it
    service_id  VARCHAR NOT NULL UNIQUE       -- the catalog id, as in every other table
);

-- Keys of the services already stored, in name order.
INSERT INTO service_keys
SELECT row_number() OVER (ORDER BY service_id), service_id
FROM (SELECT DISTINCT service_id FROM requests);

-- USING COMPRESSION as in 0003 (the method DuckDB chooses anyway, named so that
-- writing a row group does not analyse the others).
CREATE TABLE request_rows (
    source_id     BIGINT USING COMPRESSION bitpacking NOT NULL,
    line          BIGINT USING COMPRESSION bitpacking NOT NULL,
    service_key   INTEGER USING COMPRESSION bitpacking NOT NULL, -- service_keys
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

INSERT INTO request_rows
SELECT r.source_id, r.line, k.service_key, r.ts, r.status, r.bytes, r.duration_ms, r.upstream_ms,
       r.host_id, r.client_id, r.method_id, r.path_id, r.referer_id, r.user_agent_id
FROM requests r JOIN service_keys k USING (service_id);

DROP VIEW requests_text;
DROP TABLE requests;

-- requests as they were: SELECT service_id, count(*) FROM requests GROUP BY 1.
CREATE VIEW requests AS
SELECT r.source_id, r.line, k.service_id, r.ts, r.status, r.bytes, r.duration_ms, r.upstream_ms,
       r.host_id, r.client_id, r.method_id, r.path_id, r.referer_id, r.user_agent_id
FROM request_rows r JOIN service_keys k USING (service_key);

-- requests_text as 0003 defined it, now over the view.
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
