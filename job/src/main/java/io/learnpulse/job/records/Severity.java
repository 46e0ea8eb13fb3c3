package io.learnpulse.job.records;

/** How urgently an instructor should look at an alert. */
public enum Severity {
    HIGH,
    MEDIUM,
    LOW
}
