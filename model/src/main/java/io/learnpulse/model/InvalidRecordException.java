package io.learnpulse.model;

/**
 * A JSON record that is not a valid record of the wire model: not JSON, a required field missing, a
 * value of the wrong kind or out of range, an unknown type. It carries a dead-letter reason (one of
 * the {@link DeadLetter} constants) so a reader can dead-letter or quarantine the record with it.
 */
public final class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public InvalidRecordException(String reason, String detail) {
        // no stack trace: bad input is expected and counted, and can arrive in bulk
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** One of the {@link DeadLetter} reason constants. */
    public String reason() {
        return reason;
    }
}
