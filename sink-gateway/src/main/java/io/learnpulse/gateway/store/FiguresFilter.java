package io.learnpulse.gateway.store;

import java.util.Set;

/** The filter of {@code WS /ws/metrics}: userId, cohortId, and the role's cohort scope (null: all). */
public record FiguresFilter(String userId, String cohortId, Set<String> cohortScope) {

    public boolean matches(DailyFigures figures) {
        return (userId == null || userId.equals(figures.userId()))
                && (cohortId == null || cohortId.equals(figures.cohortId()))
                && (cohortScope == null || (figures.cohortId() != null && cohortScope.contains(figures.cohortId())));
    }
}
