package io.learnpulse.gateway;

import java.util.Set;

/** The filter of {@code WS /ws/metrics}: userId, cohortId, and the role's cohort scope (null: all). */
record FiguresFilter(String userId, String cohortId, Set<String> cohortScope) {

    boolean matches(DailyFigures figures) {
        return (userId == null || userId.equals(figures.userId()))
                && (cohortId == null || cohortId.equals(figures.cohortId()))
                && (cohortScope == null || (figures.cohortId() != null && cohortScope.contains(figures.cohortId())));
    }
}
