package io.learnpulse.model;

/** How urgently an instructor should look at an alert. */
public enum Severity {
    HIGH,
    MEDIUM,
    LOW
}
