package io.learnpulse.job.parse;

/** Thrown inside the parsers to reject one input with a dead-letter reason; never leaves them. */
final class Rejection extends Exception {
    final String reason;

    Rejection(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }
}
