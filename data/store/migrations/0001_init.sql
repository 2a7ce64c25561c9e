-- 0001_init: the tables ingest writes and analyze reads.
-- Times are TIMESTAMPTZ (stored as UTC instants); units are in column names.

-- One row per ingested source: a log file (identified by content, not by name) or a news page.
CREATE SEQUENCE source_ids START 1;
CREATE TABLE sources (
    source_id     BIGINT NOT NULL DEFAULT nextval('source_ids'),
    kind          VARCHAR NOT NULL,      -- 'logs' | 'news'
    path          VARCHAR NOT NULL,      -- where it was last read from ('-' is stdin, URLs for fetched pages)
    format        VARCHAR NOT NULL,      -- logs: a logs.Format name; news: 'html'
    service_id    VARCHAR,               -- set when --service forced every line to one service
    head_sha256   VARCHAR NOT NULL,      -- fingerprint: sha256 of the first head_bytes of content
    head_bytes    BIGINT NOT NULL,
    offset_bytes  BIGINT NOT NULL,       -- content bytes committed; always just after a newline
    mark_sha256   VARCHAR NOT NULL,      -- sha256 of the (up to) 4 KiB of content ending at offset_bytes
    lines         BIGINT NOT NULL,       -- lines committed (numbering continues from here)
    rows          BIGINT NOT NULL,       -- rows stored from this source
    rejects       BIGINT NOT NULL,       -- lines quarantined in rejects
    first_ingested TIMESTAMPTZ NOT NULL,
    last_ingested  TIMESTAMPTZ NOT NULL
);

-- Web access log lines (Apache/nginx common and combined and their variants).
CREATE TABLE requests (
    source_id   BIGINT NOT NULL,
    line        BIGINT NOT NULL,
    service_id  VARCHAR NOT NULL,
    ts          TIMESTAMPTZ NOT NULL,
    host        VARCHAR,                 -- virtual host when the format carries one
    client      VARCHAR,
    method      VARCHAR,
    path        VARCHAR,
    status      SMALLINT,
    bytes       BIGINT,
    duration_ms DOUBLE,                  -- request time when logged
    upstream_ms DOUBLE,                  -- upstream response time when logged
    referer     VARCHAR,
    user_agent  VARCHAR
);

-- Application and system log events (JSON lines, syslog, plain text logs).
CREATE TABLE events (
    source_id   BIGINT NOT NULL,
    line        BIGINT NOT NULL,
    service_id  VARCHAR NOT NULL,
    ts          TIMESTAMPTZ NOT NULL,
    host        VARCHAR,
    level       VARCHAR,
    event       VARCHAR,                 -- classified: storage_full, timeout, payment_received, ...
    key         VARCHAR,                 -- transaction, order or consumer id that pairs events
    amount_inr  DOUBLE,
    message     VARCHAR
);

-- Health-probe results.
CREATE TABLE probes (
    source_id   BIGINT NOT NULL,
    line        BIGINT NOT NULL,
    service_id  VARCHAR NOT NULL,
    ts          TIMESTAMPTZ NOT NULL,
    host        VARCHAR,
    target      VARCHAR,
    ok          BOOLEAN NOT NULL,
    latency_ms  DOUBLE
);

-- Capacity samples: disk, tablespace, queue.
CREATE TABLE capacity (
    source_id   BIGINT NOT NULL,
    line        BIGINT NOT NULL,
    service_id  VARCHAR NOT NULL,
    ts          TIMESTAMPTZ NOT NULL,
    host        VARCHAR NOT NULL,
    resource    VARCHAR NOT NULL,
    used_bytes  DOUBLE,
    size_bytes  DOUBLE,
    used_pct    DOUBLE NOT NULL
);

-- Status-page component transitions (e.g. operational -> major_outage).
CREATE TABLE status_changes (
    source_id   BIGINT NOT NULL,
    line        BIGINT NOT NULL,
    service_id  VARCHAR NOT NULL,
    component   VARCHAR NOT NULL,
    ts          TIMESTAMPTZ NOT NULL,
    status      VARCHAR NOT NULL,        -- operational | degraded_performance | partial_outage | major_outage | under_maintenance
    prev_status VARCHAR
);

-- Incident lists exported from status pages or ticket systems.
CREATE TABLE status_incidents (
    source_id   BIGINT NOT NULL,
    line        BIGINT NOT NULL,
    service_id  VARCHAR NOT NULL,
    component   VARCHAR,
    start_ts    TIMESTAMPTZ NOT NULL,
    end_ts      TIMESTAMPTZ,             -- NULL while unresolved
    severity    VARCHAR,
    title       VARCHAR
);

-- Lines that did not parse: quarantined with the reason, never dropped.
CREATE TABLE rejects (
    source_id   BIGINT NOT NULL,
    line        BIGINT NOT NULL,
    reason      VARCHAR NOT NULL,
    raw         VARCHAR NOT NULL         -- the line, truncated to 512 bytes, invalid UTF-8 replaced
);

-- News pages, one per source of kind 'news'.
CREATE TABLE articles (
    source_id     BIGINT NOT NULL,
    url           VARCHAR,               -- where it was fetched from, or the canonical URL of a saved page
    canonical_url VARCHAR,
    site          VARCHAR,
    title         VARCHAR,
    published     TIMESTAMPTZ,
    author        VARCHAR,
    language      VARCHAR,               -- ISO 639-1
    body          VARCHAR NOT NULL,
    html_sha256   VARCHAR NOT NULL,
    extracted_at  TIMESTAMPTZ NOT NULL
);

-- What the extractor read from one article: one row per article.
CREATE TABLE news_reports (
    source_id        BIGINT NOT NULL,
    is_outage        BOOLEAN NOT NULL,
    service_id       VARCHAR,            -- catalog id, NULL when unknown
    service_name     VARCHAR,            -- the name the article gives
    state            VARCHAR,
    district         VARCHAR,
    started          TIMESTAMPTZ,
    started_date     DATE,
    started_time_known BOOLEAN NOT NULL DEFAULT false,
    ended            TIMESTAMPTZ,
    duration_minutes DOUBLE,
    cause            VARCHAR,
    affected         BIGINT,
    money_inr        DOUBLE,
    confidence       DOUBLE NOT NULL,
    evidence         VARCHAR             -- JSON object: field -> supporting sentence
);

-- The crawler's log of fetches, for politeness and conditional GET.
CREATE TABLE fetch_log (
    url           VARCHAR NOT NULL,
    fetched_at    TIMESTAMPTZ NOT NULL,
    status        INTEGER,
    etag          VARCHAR,
    last_modified VARCHAR,
    bytes         BIGINT,
    sha256        VARCHAR,
    error         VARCHAR
);
