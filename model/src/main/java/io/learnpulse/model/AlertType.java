package io.learnpulse.model;

/**
 * The rules of docs/rules.md, with their severities: fixed per type, but for {@link #AT_RISK}, whose
 * alerts are MEDIUM or HIGH by the band the learner's risk rose to ({@link #severity()} is its
 * highest).
 */
public enum AlertType {
    CONSECUTIVE_LOW_SCORES(Severity.HIGH),
    PERFORMANCE_DECLINE(Severity.HIGH),
    ENGAGEMENT_DROP(Severity.MEDIUM),
    COMPLETION_STAGNATION(Severity.MEDIUM),
    LOW_CONSISTENCY(Severity.LOW),
    HIGH_PERFORMANCE(Severity.LOW),
    MISSED_DEADLINE(Severity.HIGH),
    /** MEDIUM when the band rises to medium, HIGH when it rises to high. */
    AT_RISK(Severity.HIGH);

    private final Severity severity;

    AlertType(Severity severity) {
        this.severity = severity;
    }

    /** The severity of this type's alerts; for {@link #AT_RISK} the highest, as it depends on the band. */
    public Severity severity() {
        return severity;
    }
}
