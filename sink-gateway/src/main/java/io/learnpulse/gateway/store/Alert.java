package io.learnpulse.gateway.store;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** An alert as the job emits it (DESIGN §2), with the status the gateway keeps. Times are ISO-8601 text. */
public record Alert(
        String alertId,
        String userId,
        String courseId,
        String cohortId,
        String type,
        String severity,
        String eventTime,
        String detectedAt,
        String status,
        JsonNode metrics,
        String message,
        String recommendation) {

    public static final Set<String> TYPES = Set.of("CONSECUTIVE_LOW_SCORES", "PERFORMANCE_DECLINE",
            "ENGAGEMENT_DROP", "COMPLETION_STAGNATION", "LOW_CONSISTENCY", "HIGH_PERFORMANCE");
    public static final Set<String> SEVERITIES = Set.of("HIGH", "MEDIUM", "LOW");
    public static final String OPEN = "OPEN";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    public static final Set<String> STATUSES = Set.of(OPEN, ACKNOWLEDGED);

    /** The event time in epoch milliseconds, the key that orders the history. */
    public long eventTimeMillis() {
        return Instant.parse(eventTime).toEpochMilli();
    }
}
