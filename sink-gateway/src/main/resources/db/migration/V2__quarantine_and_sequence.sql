-- Records the gateway could not store (not a valid alert or figure, or refused by the database), kept with
-- their raw bytes so that nothing the job produced is lost; one row per Kafka record, so re-reading a
-- batch after a crash does not add it twice. BYTEA is PostgreSQL's binary type; SQLite keeps a bound
-- blob as it is under any column type.
CREATE TABLE quarantine (
    topic           VARCHAR(256)  NOT NULL,
    kafka_partition INTEGER       NOT NULL,
    kafka_offset    BIGINT        NOT NULL,
    reason          TEXT          NOT NULL,
    raw_value       BYTEA,
    quarantined_at  VARCHAR(64)   NOT NULL,
    PRIMARY KEY (topic, kafka_partition, kafka_offset)
);

-- The last insertion sequence of alerts, read and advanced inside each storing transaction. Its one row is
-- also the lock that makes the writers of several gateways on one database take turns, so sequences are
-- committed in order and a since= replay never skips one that commits late.
CREATE TABLE alert_sequence (
    id       INTEGER NOT NULL PRIMARY KEY,
    last_seq BIGINT  NOT NULL
);
INSERT INTO alert_sequence (id, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM alerts;
