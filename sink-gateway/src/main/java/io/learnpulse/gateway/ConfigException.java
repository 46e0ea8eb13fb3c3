package io.learnpulse.gateway;

import io.learnpulse.cli.UsageException;

/** A bad option or configuration file; its message is one line meant for the operator. */
public final class ConfigException extends UsageException {

    private static final long serialVersionUID = 1L;
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
