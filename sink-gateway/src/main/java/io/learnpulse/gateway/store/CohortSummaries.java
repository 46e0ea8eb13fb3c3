package io.learnpulse.gateway.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.LearnerRisk;
import io.learnpulse.model.Severity;

/**
 * Builds a {@link CohortSummary} from the stored alerts, daily figures and risk scores of the cohort. The
 * learners to look at first are those in band {@code medium} or {@code high} or with an open concern, ordered
 * by risk (unscored learners after scored ones), then by their open concerns: more HIGH first, then more
 * MEDIUM, then more LOW, then by userId.
 */
public final class CohortSummaries {

    private static final List<Severity> SEVERITIES = List.of(Severity.HIGH, Severity.MEDIUM, Severity.LOW);
    private static final String UNSCORED = "unscored";

    private final Database database;
    private final RiskStore risks;

    public CohortSummaries(Database database, RiskStore risks) {
        this.database = database;
        this.risks = risks;
    }

    /** The cohort's summary, with at most {@code top} learners to look at first. */
    public CohortSummary summary(String cohortId, int top) {
        List<String> userIds = Jdbc.query(database, "SELECT user_id FROM alerts WHERE cohort_id = ? "
                + "UNION SELECT user_id FROM daily_figures WHERE cohort_id = ? "
                + "UNION SELECT user_id FROM learner_risk WHERE cohort_id = ?",
                List.of(cohortId, cohortId, cohortId), rs -> rs.getString(1));

        Map<String, RiskScore> riskOf = new HashMap<>();
        for (RiskScore score : risks.latestInCohort(cohortId)) {
            riskOf.merge(score.userId(), score,
                    (a, b) -> RiskStore.mostAtRiskFirst().compare(a, b) <= 0 ? a : b);
        }

        Map<String, Map<String, Long>> byType = new TreeMap<>();
        Map<String, Long> bySeverity = zeroBySeverity();
        Map<String, Map<String, Long>> concernsOf = new HashMap<>();
        long total = 0;
        for (Object[] row : Jdbc.query(database, "SELECT user_id, type, severity, COUNT(*) FROM alerts "
                + "WHERE cohort_id = ? AND status = ? GROUP BY user_id, type, severity",
                List.of(cohortId, AlertStatus.OPEN.name()),
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)})) {
            String userId = (String) row[0];
            String type = (String) row[1];
            String severity = (String) row[2];
            long count = (Long) row[3];
            byType.computeIfAbsent(type, t -> new TreeMap<>()).merge(severity, count, Long::sum);
            bySeverity.merge(severity, count, Long::sum);
            total += count;
            if (!AlertType.HIGH_PERFORMANCE.name().equals(type)) {
                concernsOf.computeIfAbsent(userId, u -> zeroBySeverity()).merge(severity, count, Long::sum);
            }
        }

        List<CohortSummary.Learner> learners = new ArrayList<>();
        Map<String, Long> byBand = new LinkedHashMap<>();
        for (int i = LearnerRisk.BANDS.size() - 1; i >= 0; i--) {
            byBand.put(LearnerRisk.BANDS.get(i), 0L);
        }
        byBand.put(UNSCORED, 0L);
        for (String userId : userIds.stream().sorted().toList()) {
            RiskScore score = riskOf.get(userId);
            Map<String, Long> concerns = concernsOf.getOrDefault(userId, zeroBySeverity());
            learners.add(score == null
                    ? new CohortSummary.Learner(userId, null, null, null, null, concerns)
                    : new CohortSummary.Learner(userId, score.courseId(), score.risk(), score.band(), score.at(),
                            concerns));
            byBand.merge(score == null ? UNSCORED : score.band(), 1L, Long::sum);
        }
        List<CohortSummary.Learner> lookFirst = learners.stream()
                .filter(CohortSummaries::ofConcern)
                .sorted(lookFirstOrder())
                .limit(top)
                .toList();
        return new CohortSummary(cohortId, learners.size(), byBand,
                new CohortSummary.OpenAlerts(total, byType, bySeverity), lookFirst, learners);
    }

    private static boolean ofConcern(CohortSummary.Learner learner) {
        boolean atRisk = learner.band() != null && LearnerRisk.BANDS.indexOf(learner.band()) > 0;
        return atRisk || learner.openConcerns().values().stream().anyMatch(count -> count > 0);
    }

    private static Comparator<CohortSummary.Learner> lookFirstOrder() {
        Comparator<CohortSummary.Learner> order = Comparator.comparing(CohortSummary.Learner::risk,
                Comparator.nullsLast(Comparator.<Double>reverseOrder()));
        for (Severity severity : SEVERITIES) {
            order = order.thenComparing(learner -> learner.openConcerns().get(severity.name()),
                    Comparator.<Long>reverseOrder());
        }
        return order.thenComparing(CohortSummary.Learner::userId);
    }

    private static Map<String, Long> zeroBySeverity() {
        Map<String, Long> counts = new LinkedHashMap<>();
        SEVERITIES.forEach(severity -> counts.put(severity.name(), 0L));
        return counts;
    }
}
