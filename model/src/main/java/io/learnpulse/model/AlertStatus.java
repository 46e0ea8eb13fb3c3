package io.learnpulse.model;

/**
 * Where an alert stands: the job emits it {@code OPEN}; an instructor acknowledges it in the gateway;
 * the gateway stores one that matches an active silence {@code SILENCED} (kept, but not pushed nor open).
 */
public enum AlertStatus {
    OPEN,
    ACKNOWLEDGED,
    SILENCED
}
