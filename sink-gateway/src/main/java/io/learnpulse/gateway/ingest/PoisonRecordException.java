package io.learnpulse.gateway.ingest;

/** A Kafka record that is not a valid alert or daily figure; it is logged, counted and skipped. */
final class PoisonRecordException extends Exception {

    private static final long serialVersionUID = 1L;
    PoisonRecordException(String reason) {
        super(reason);
    }
}
