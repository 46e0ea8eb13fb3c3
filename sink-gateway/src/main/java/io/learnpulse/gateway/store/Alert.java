package io.learnpulse.gateway.store;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/**
 * An alert as the job emits it (docs/alerts.md), with the status the gateway keeps. Times are ISO-8601 text
 * and {@code metrics} the job's object, both kept as produced; type, severity and status are the model's.
 */
public record Alert(
        String alertId,
        String userId,
        String courseId,
        String cohortId,
        AlertType type,
        Severity severity,
        String eventTime,
        String detectedAt,
        AlertStatus status,
        JsonNode metrics,
        String message,
        String recommendation) {

    /** The most characters of an id (alertId, userId, courseId, cohortId, assessmentId), as the columns hold them. */
    public static final int MAX_ID_LENGTH = 256;

    /** The course-calendar item the alert is about (its metrics' {@code assessmentId}), or null. */
    public String assessmentId() {
        JsonNode id = metrics.get("assessmentId");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    /** This alert with another status (the store marks an alert that matches a silence SILENCED). */
    public Alert withStatus(AlertStatus value) {
        return new Alert(alertId, userId, courseId, cohortId, type, severity, eventTime, detectedAt, value, metrics,
                message, recommendation);
    }

    /** The event time in epoch milliseconds, the key that orders the history. */
    public long eventTimeMillis() {
        return Instant.parse(eventTime).toEpochMilli();
    }
}
