-- Alert history, acknowledgements and daily figures.
-- Portable SQL: runs unchanged on SQLite (the embedded default) and PostgreSQL.
-- Times are kept twice: the ISO-8601 text the API returns and epoch milliseconds to order and filter by.

CREATE TABLE alerts (
    alert_id        VARCHAR(256)  NOT NULL PRIMARY KEY,
    seq             BIGINT        NOT NULL UNIQUE,     -- insertion order, assigned by the gateway's single writer
    user_id         VARCHAR(256)  NOT NULL,
    course_id       VARCHAR(256),
    cohort_id       VARCHAR(256),
    type            VARCHAR(64)   NOT NULL,
    severity        VARCHAR(16)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    event_time      VARCHAR(64)   NOT NULL,
    event_time_ms   BIGINT        NOT NULL,
    detected_at     VARCHAR(64),
    stored_at       VARCHAR(64)   NOT NULL,
    metrics         TEXT          NOT NULL,            -- JSON object
    message         TEXT,
    recommendation  TEXT
);

-- history pages, newest first: keyset on (event_time_ms, alert_id), overall, per cohort, per user
CREATE INDEX alerts_by_time ON alerts (event_time_ms, alert_id);
CREATE INDEX alerts_by_cohort_time ON alerts (cohort_id, event_time_ms, alert_id);
CREATE INDEX alerts_by_user_time ON alerts (user_id, event_time_ms, alert_id);

CREATE TABLE acknowledgements (
    alert_id   VARCHAR(256) NOT NULL REFERENCES alerts (alert_id),
    acked_by   VARCHAR(256) NOT NULL,
    acked_at   VARCHAR(64)  NOT NULL,
    acked_at_ms BIGINT      NOT NULL,                  -- orders the trail
    note       TEXT,
    reason     VARCHAR(32),
    PRIMARY KEY (alert_id, acked_by)
);

CREATE TABLE daily_figures (
    user_id         VARCHAR(256) NOT NULL,
    day             VARCHAR(10)  NOT NULL,             -- 2026-11-24
    course_id       VARCHAR(256),
    cohort_id       VARCHAR(256),
    events          INTEGER      NOT NULL,
    assessments     INTEGER      NOT NULL,
    mean_score      DOUBLE PRECISION,
    progress        DOUBLE PRECISION,
    consistency_7d  DOUBLE PRECISION,
    PRIMARY KEY (user_id, day)
);

CREATE INDEX daily_figures_by_cohort ON daily_figures (cohort_id, user_id);
