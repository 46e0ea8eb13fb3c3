-- Issue 14 in the gateway: notification preferences, silences, and the trail of rule settings changed through it.
-- Portable SQL as in V1: runs unchanged on SQLite and PostgreSQL; times as ISO text and epoch milliseconds.

-- One row per principal (the token's name) that saved preferences; a principal without a row has the defaults.
-- types: comma-separated alert types pushed live, NULL for every type (also those added in later versions).
CREATE TABLE preferences (
    principal     VARCHAR(256) NOT NULL PRIMARY KEY,
    types         TEXT,
    min_severity  VARCHAR(16)  NOT NULL,
    daily_digest  BOOLEAN      NOT NULL,
    updated_at    VARCHAR(64)  NOT NULL
);

-- Silences, as Alertmanager has them: a learner and/or a cohort, optionally one type, until an instant.
-- Ended early by DELETE (ended_at, ended_by); kept afterwards, so that the alerts they silenced still name them.
CREATE TABLE silences (
    silence_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id     VARCHAR(256),
    cohort_id   VARCHAR(256),
    type        VARCHAR(64),
    until       VARCHAR(64)  NOT NULL,
    until_ms    BIGINT       NOT NULL,
    reason      TEXT,
    created_by  VARCHAR(256) NOT NULL,
    created_at  VARCHAR(64)  NOT NULL,
    created_at_ms BIGINT     NOT NULL,
    ended_by    VARCHAR(256),
    ended_at    VARCHAR(64)
);
CREATE INDEX silences_by_until ON silences (until_ms);

-- The silence an alert matched when it was stored (its status is then SILENCED): stored, not pushed, not open.
ALTER TABLE alerts ADD COLUMN silence_id VARCHAR(64);

-- Every rule-settings override published through PUT /api/{cohorts|users}/{id}/settings, once the broker
-- acknowledged it: who, when, and the whole rules object (the latest row of a scope and id is its current
-- override; an empty object removed it).
CREATE TABLE settings_changes (
    change_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    scope           VARCHAR(16)  NOT NULL,
    target_id       VARCHAR(256) NOT NULL,
    changed_at_ms   BIGINT       NOT NULL,
    changed_by      VARCHAR(256) NOT NULL,
    changed_at      VARCHAR(64)  NOT NULL,
    effective_from  VARCHAR(64)  NOT NULL,
    rules           TEXT         NOT NULL
);
CREATE INDEX settings_changes_by_target ON settings_changes (scope, target_id, changed_at_ms);
