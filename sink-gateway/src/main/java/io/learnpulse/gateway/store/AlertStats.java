package io.learnpulse.gateway.store;

import java.util.Map;

/**
 * Counts of alerts by type, severity and status, and per type how many acknowledgements there are
 * and which share of them has reason {@code useful} (null when the type has no acknowledgement).
 */
public record AlertStats(
        String cohortId,
        long total,
        Map<String, Long> byType,
        Map<String, Long> bySeverity,
        Map<String, Long> byStatus,
        Map<String, TypeFeedback> feedbackByType) {

    /** Acknowledgements of one type's alerts and the share of them marked {@code useful}. */
    public record TypeFeedback(long acknowledgements, long useful, Double usefulShare) {
    }
}
