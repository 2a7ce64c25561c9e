-- 0002_analysis: what analyze needs besides the ingested rows.

-- The catalog as analyze last saw it (refreshed by every analyze run).
CREATE TABLE catalog_services (
    service_id  VARCHAR NOT NULL,
    name        VARCHAR NOT NULL,
    category    VARCHAR,
    department  VARCHAR,
    state       VARCHAR,
    language    VARCHAR,
    slo_pct     DOUBLE NOT NULL
);
CREATE TABLE catalog_promises (
    service_id           VARCHAR NOT NULL,
    promise_id           VARCHAR NOT NULL,
    text                 VARCHAR,
    start_event          VARCHAR NOT NULL,
    limit_minutes        DOUBLE NOT NULL,
    orphan_after_minutes DOUBLE NOT NULL
);
CREATE TABLE catalog_promise_ends (
    service_id  VARCHAR NOT NULL,
    promise_id  VARCHAR NOT NULL,
    end_event   VARCHAR NOT NULL
);
-- Maintenance windows expanded over the data's time range, [start_minute, end_minute)
-- in minutes since 1970-01-01 00:00 UTC.
CREATE TABLE catalog_maintenance (
    service_id   VARCHAR NOT NULL,
    start_minute BIGINT NOT NULL,
    end_minute   BIGINT NOT NULL
);

-- One row per analyze run that changed the results.
CREATE TABLE analysis_runs (
    ran_at       TIMESTAMPTZ NOT NULL,
    inputs_sha256 VARCHAR NOT NULL,  -- what the results were computed from: data, catalog, options
    seconds      DOUBLE NOT NULL
);
