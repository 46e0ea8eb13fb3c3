package io.learnpulse.cli;

/**
 * Unusable arguments or configuration: a missing or unknown option, a bad value, an unreadable
 * file. Its message is the one line the user sees; {@link Cli} exits 2 for it.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
