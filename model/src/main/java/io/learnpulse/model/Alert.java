package io.learnpulse.model;

import java.util.Objects;

/** An alert raised by one of the rules (docs/alerts.md). Times are epoch milliseconds. */
public class Alert {
    public String alertId;
    public String userId;
    public String courseId;
    public String cohortId;
    public AlertType type;
    public Severity severity;
    /** When the rule's condition became true, in event time. */
    public long eventTime;
    /** Wall-clock time the job emitted it. */
    public long detectedAt;
    public AlertStatus status;
    public AlertMetrics metrics;
    public String message;
    public String recommendation;

    public Alert() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Alert)) {
            return false;
        }
        Alert a = (Alert) o;
        return eventTime == a.eventTime
                && detectedAt == a.detectedAt
                && Objects.equals(alertId, a.alertId)
                && Objects.equals(userId, a.userId)
                && Objects.equals(courseId, a.courseId)
                && Objects.equals(cohortId, a.cohortId)
                && type == a.type
                && severity == a.severity
                && status == a.status
                && Objects.equals(metrics, a.metrics)
                && Objects.equals(message, a.message)
                && Objects.equals(recommendation, a.recommendation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alertId);
    }

    @Override
    public String toString() {
        return "Alert{" + type + " " + userId + " @" + java.time.Instant.ofEpochMilli(eventTime) + '}';
    }
}
