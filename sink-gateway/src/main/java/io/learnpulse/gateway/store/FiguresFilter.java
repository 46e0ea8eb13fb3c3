package io.learnpulse.gateway.store;

import java.util.Set;

/** The filter of {@code WS /ws/metrics} and {@code WS /ws/activity}: userId, cohortId, and the role's cohort scope (null: all). */
public record FiguresFilter(String userId, String cohortId, Set<String> cohortScope) {

    public boolean matches(DailyFigures figures) {
        return matches(figures.userId(), figures.cohortId());
    }

    /** True for a record of this learner in this cohort (null: none). */
    public boolean matches(String recordUserId, String recordCohortId) {
        return (userId == null || userId.equals(recordUserId))
                && (cohortId == null || cohortId.equals(recordCohortId))
                && (cohortScope == null || (recordCohortId != null && cohortScope.contains(recordCohortId)));
    }
}
