package io.learnpulse.gateway.trend;
import java.util.List;
import java.util.Map;

/**
 * A cohort's trends over the window: the distribution over its learners (those with figures in the
 * window) of each learner's figure, how many go up, stay flat or go down, and each learner's figures
 * behind it (docs/http-api.md {@code GET /api/cohorts/{cohortId}/trend}).
 */
public record CohortTrend(String cohortId, String from, String to, int days, int learners,
        Distribution scoreSlope, Map<String, Integer> scoreDirections, Distribution progressPerActiveDay,
        Distribution activeDaysPerWeek, Distribution engagementSlope, Map<String, Integer> engagementDirections,
        Projections completion, List<Learner> items) {

    /** Quartiles of the learners' values (Commons Math's percentile estimate); null figures when none. */
    public record Distribution(int learners, Double min, Double p25, Double median, Double p75, Double max,
            Double mean) {
    }

    /** Projected completion dates over the learners that have one; the others counted by reason. */
    public record Projections(int projected, String earliest, String median, String latest, int completed,
            Map<String, Integer> notProjected) {
    }

    /** One learner's row of the cohort view. */
    public record Learner(String userId, Double scoreSlope, String scoreDirection, Double progressPerActiveDay,
            Double latestProgress, String projectedCompletion, String completedOn, double activeDaysPerWeek,
            String engagementDirection) {
    }
}
