package io.learnpulse.model;

/** The rules of docs/rules.md, with their fixed severities. */
public enum AlertType {
    CONSECUTIVE_LOW_SCORES(Severity.HIGH),
    PERFORMANCE_DECLINE(Severity.HIGH),
    ENGAGEMENT_DROP(Severity.MEDIUM),
    COMPLETION_STAGNATION(Severity.MEDIUM),
    LOW_CONSISTENCY(Severity.LOW),
    HIGH_PERFORMANCE(Severity.LOW),
    MISSED_DEADLINE(Severity.HIGH);

    private final Severity severity;

    AlertType(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
