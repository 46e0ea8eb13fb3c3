package io.learnpulse.model;

/** Where an alert stands: the job emits it {@code OPEN}; an instructor acknowledges it in the gateway. */
public enum AlertStatus {
    OPEN,
    ACKNOWLEDGED
}
