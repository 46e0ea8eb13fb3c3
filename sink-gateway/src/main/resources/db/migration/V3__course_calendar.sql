-- The course calendar read from topic course-calendar: one row per (course, item); a later record with the
-- same key replaces the row, a deletion removes it. Times as in alerts: ISO text and epoch milliseconds.
CREATE TABLE calendar_items (
    course_id      VARCHAR(256)  NOT NULL,
    assessment_id  VARCHAR(256)  NOT NULL,
    due_at         VARCHAR(64)   NOT NULL,
    due_at_ms      BIGINT        NOT NULL,
    title          TEXT,
    weight         DOUBLE PRECISION,
    PRIMARY KEY (course_id, assessment_id)
);

-- The calendar item a MISSED_DEADLINE alert is about (its metrics' assessmentId), kept in a column so that
-- counting who missed an item is an indexed query on both databases, not a search of the metrics JSON.
ALTER TABLE alerts ADD COLUMN assessment_id VARCHAR(256);
CREATE INDEX alerts_by_course_item ON alerts (course_id, assessment_id);
