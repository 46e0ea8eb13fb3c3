package io.learnpulse.job.rules;

import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Builds the rules' alerts: deterministic id, the learner's course and cohort, emission time. */
final class AlertFactory implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Reads {@code detectedAt}, the one field of an alert that is not a function of the events. */
    private final Clock clock;

    AlertFactory(Clock clock) {
        this.clock = clock;
    }

    /**
     * The id is a name-based UUID of the learner, rule, event time and triggering event, so the same
     * input gives the same id in every run, replay and recovery.
     */
    static String alertId(String userId, AlertType type, long eventTime, String triggerEventId) {
        String name = userId + '\n' + type + '\n' + eventTime + '\n' + triggerEventId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** An alert of {@code type} at event time {@code at}; {@code eventId} is the triggering event's, or "". */
    Alert alert(Learner learner, AlertType type, long at, String eventId, AlertMetrics metrics, String message,
            String recommendation) {
        Alert alert = new Alert();
        alert.alertId = alertId(learner.userId(), type, at, eventId);
        alert.userId = learner.userId();
        alert.courseId = learner.courseId();
        alert.cohortId = learner.cohortId();
        alert.type = type;
        alert.severity = type.severity();
        alert.eventTime = at;
        alert.detectedAt = clock.millis();
        alert.status = AlertStatus.OPEN;
        alert.metrics = metrics;
        alert.message = message;
        alert.recommendation = recommendation;
        return alert;
    }

    static String percent(double fraction) {
        return trim(fraction * 100.0) + "%";
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String scores(List<Double> scores) {
        StringBuilder sb = new StringBuilder();
        for (Double score : scores) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(String.format(Locale.ROOT, "%.2f", score));
        }
        return sb.toString();
    }
}
