-- Outgoing notifications (docs/http-api.md "Webhooks"): the configured webhooks and the durable outbox of what
-- they are to receive. A notification is enqueued in the transaction that stores its alert, so a crash can
-- neither lose one nor, since (webhook_id, subject) is the key, make one twice; the delivery worker claims
-- due rows by moving next_attempt_ms a lease ahead under a fresh claim token.

CREATE TABLE webhooks (
    webhook_id    VARCHAR(64)   NOT NULL PRIMARY KEY,
    owner         VARCHAR(256)  NOT NULL,              -- the principal that created it
    cohort_id     VARCHAR(256),                        -- a cohort's hook; null: the owner's own, within its role
    url           TEXT          NOT NULL,
    secret        TEXT          NOT NULL,              -- HMAC-SHA256 key of the signature header; never answered
    types         TEXT,                                -- comma-separated alert types; null: every type
    min_severity  VARCHAR(16)   NOT NULL,
    body_format   VARCHAR(16)   NOT NULL,              -- LEARNPULSE or SLACK
    digest        INTEGER       NOT NULL,              -- 1: also the daily digest
    created_at    VARCHAR(64)   NOT NULL
);

CREATE TABLE notifications (
    webhook_id       VARCHAR(64)   NOT NULL,
    subject          VARCHAR(300)  NOT NULL,           -- the alert id, or digest:<day>
    kind             VARCHAR(16)   NOT NULL,           -- alert | digest
    alert_id         VARCHAR(256),                     -- null for a digest
    body             TEXT          NOT NULL,           -- the JSON sent, fixed when enqueued
    state            VARCHAR(16)   NOT NULL,           -- pending | delivered | given_up | cancelled
    attempts         INTEGER       NOT NULL,
    last_status      INTEGER,                          -- HTTP status of the last attempt; null: no answer
    last_error       TEXT,
    next_attempt_ms  BIGINT        NOT NULL,           -- due time; a claim moves it a lease ahead
    claim_token      VARCHAR(64),
    created_at       VARCHAR(64)   NOT NULL,
    created_at_ms    BIGINT        NOT NULL,
    delivered_at     VARCHAR(64),
    PRIMARY KEY (webhook_id, subject)
);

CREATE INDEX notifications_due ON notifications (state, next_attempt_ms);
CREATE INDEX notifications_by_alert ON notifications (alert_id);

-- the daily digest lists the alerts stored on a day
CREATE INDEX alerts_by_stored_at ON alerts (stored_at);
