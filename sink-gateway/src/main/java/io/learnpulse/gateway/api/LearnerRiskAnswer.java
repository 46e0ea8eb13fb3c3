package io.learnpulse.gateway.api;

import java.util.List;

import io.learnpulse.gateway.store.RiskScore;

/**
 * The answer of {@code GET /api/users/{userId}/risk}: the learner's newest score ({@code latest}, null when never
 * scored), the latest of each course, the highest risk first ({@code courses}), and one page of the history,
 * newest first ({@code items}, {@code nextCursor}).
 */
record LearnerRiskAnswer(String userId, RiskScore latest, List<RiskScore> courses, List<RiskScore> items,
        String nextCursor) {
}
