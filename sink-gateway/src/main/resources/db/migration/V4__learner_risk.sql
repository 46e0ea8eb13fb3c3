-- The job's risk scores read from topic learner-risk (DESIGN 3.1): one row per learner, course and scoring
-- moment, so re-reading a batch after a crash, or a replay of the job, stores each score once (a record for a
-- moment already stored replaces it only when it differs, e.g. re-scored by a refitted model). Times as in
-- alerts: ISO text and epoch milliseconds; factors the job's JSON array [{name, value, contribution}].
CREATE TABLE learner_risk (
    user_id        VARCHAR(256)     NOT NULL,
    course_id      VARCHAR(256)     NOT NULL,
    scored_at      VARCHAR(64)      NOT NULL,
    scored_at_ms   BIGINT           NOT NULL,
    cohort_id      VARCHAR(256),
    risk           DOUBLE PRECISION NOT NULL,
    band           VARCHAR(16)      NOT NULL,
    model_version  VARCHAR(256)     NOT NULL,
    factors        TEXT             NOT NULL,
    PRIMARY KEY (user_id, course_id, scored_at_ms)
);

-- a learner's history, newest first; a cohort's latest scores
CREATE INDEX learner_risk_by_user_time ON learner_risk (user_id, scored_at_ms);
CREATE INDEX learner_risk_by_cohort ON learner_risk (cohort_id, user_id, course_id, scored_at_ms);
