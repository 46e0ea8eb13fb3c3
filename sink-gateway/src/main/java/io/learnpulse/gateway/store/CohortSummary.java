package io.learnpulse.gateway.store;

import java.util.List;
import java.util.Map;

/**
 * A cohort at a glance ({@code GET /api/cohorts/{cohortId}/summary}): its learners with their risk band, its
 * open alerts by type and severity, how many learners are in each band, and the learners to look at first.
 *
 * @param learners every learner seen in the cohort (an alert, daily figures or a risk score), by userId
 * @param learnersByBand learners per band ({@code high}, {@code medium}, {@code low}) and {@code unscored}
 * @param lookFirst the learners most at risk, then with the most serious open concerns (see {@link CohortSummaries})
 */
public record CohortSummary(
        String cohortId,
        int learnerCount,
        Map<String, Long> learnersByBand,
        OpenAlerts openAlerts,
        List<Learner> lookFirst,
        List<Learner> learners) {

    /** Open (not acknowledged) alerts of the cohort: {@code byType} is {TYPE: {SEVERITY: n}}. */
    public record OpenAlerts(long total, Map<String, Map<String, Long>> byType, Map<String, Long> bySeverity) {
    }

    /**
     * A learner of the cohort: the latest score of their course most at risk (all null when never scored),
     * and their open concerns by severity (open alerts other than HIGH_PERFORMANCE, which is good news).
     */
    public record Learner(String userId, String courseId, Double risk, String band, String scoredAt,
            Map<String, Long> openConcerns) {
    }
}
