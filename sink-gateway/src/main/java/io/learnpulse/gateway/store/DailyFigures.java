package io.learnpulse.gateway.store;

import java.util.Objects;

/** One learner's figures for one calendar day (topic {@code learner-metrics}, docs/alerts.md). */
public record DailyFigures(
        String userId,
        String courseId,
        String cohortId,
        String day,
        int events,
        int assessments,
        Double meanScore,
        Double progress,
        Double consistency7d) {

    /** True when the figures a client would see differ (the key, user and day, being equal). */
    boolean differsFrom(DailyFigures other) {
        return !Objects.equals(this, other);
    }
}
