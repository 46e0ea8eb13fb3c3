package io.learnpulse.gateway.store;

import java.time.Instant;

import io.learnpulse.model.AlertType;

/**
 * A silence, as Alertmanager has them: alerts of a learner and/or a cohort ({@code null}: any), of one
 * type or all ({@code type} null), stored from its creation until {@code until} are kept but marked
 * SILENCED, not pushed and not open. {@code DELETE} ends it early ({@code endedBy}, {@code endedAt}).
 * Times are ISO-8601 text, as the API answers them.
 */
public record Silence(
        String id,
        String userId,
        String cohortId,
        AlertType type,
        String until,
        String reason,
        String createdBy,
        String createdAt,
        String endedBy,
        String endedAt) {

    /** True from its creation until {@code until} (exclusive), unless ended before. */
    public boolean isActiveAt(Instant now) {
        return endedAt == null && now.isBefore(Instant.parse(until));
    }

    /** True when the silence is active at {@code now} and the alert is of its learner, cohort and type. */
    public boolean matches(Alert alert, Instant now) {
        return isActiveAt(now)
                && (userId == null || userId.equals(alert.userId()))
                && (cohortId == null || cohortId.equals(alert.cohortId()))
                && (type == null || type == alert.type());
    }
}
