package io.learnpulse.gateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/**
 * A filter over alerts: the query parameters of {@code GET /api/alerts} and {@code WS /ws/alerts},
 * narrowed by the caller's role ({@code cohortScope}: null means every cohort). The same filter
 * becomes a SQL condition with bound parameters ({@link #where}) and an in-memory test for live
 * pushes ({@link #matches}).
 *
 * @param fromMillis event time, inclusive; null for no bound
 * @param toMillis event time, exclusive; null for no bound
 */
public record AlertQuery(
        String userId,
        String cohortId,
        Set<String> cohortScope,
        AlertType type,
        Severity severity,
        AlertStatus status,
        Long fromMillis,
        Long toMillis) {

    /** Every alert. */
    public static final AlertQuery ANY = new AlertQuery(null, null, null, null, null, null, null, null);

    public AlertQuery withUserId(String value) {
        return new AlertQuery(value, cohortId, cohortScope, type, severity, status, fromMillis, toMillis);
    }

    public AlertQuery withCohortScope(Set<String> scope) {
        return new AlertQuery(userId, cohortId, scope, type, severity, status, fromMillis, toMillis);
    }

    public AlertQuery withType(AlertType value) {
        return new AlertQuery(userId, cohortId, cohortScope, value, severity, status, fromMillis, toMillis);
    }

    public boolean matches(Alert alert) {
        return (userId == null || userId.equals(alert.userId()))
                && (cohortId == null || cohortId.equals(alert.cohortId()))
                && (cohortScope == null || (alert.cohortId() != null && cohortScope.contains(alert.cohortId())))
                && (type == null || type == alert.type())
                && (severity == null || severity == alert.severity())
                && (status == null || status == alert.status())
                && (fromMillis == null || alert.eventTimeMillis() >= fromMillis)
                && (toMillis == null || alert.eventTimeMillis() < toMillis);
    }

    /** Appends {@code AND ...} conditions to {@code sql} and their values to {@code parameters}. */
    void where(StringBuilder sql, List<Object> parameters) {
        condition(sql, parameters, "user_id = ?", userId);
        condition(sql, parameters, "cohort_id = ?", cohortId);
        condition(sql, parameters, "type = ?", name(type));
        condition(sql, parameters, "severity = ?", name(severity));
        condition(sql, parameters, "status = ?", name(status));
        condition(sql, parameters, "event_time_ms >= ?", fromMillis);
        condition(sql, parameters, "event_time_ms < ?", toMillis);
        if (cohortScope != null) {
            inCohorts(sql, parameters, cohortScope);
        }
    }

    /** Only the learner and cohort conditions, for tables that share those columns (daily figures). */
    void whereLearner(StringBuilder sql, List<Object> parameters) {
        condition(sql, parameters, "user_id = ?", userId);
        condition(sql, parameters, "cohort_id = ?", cohortId);
        if (cohortScope != null) {
            inCohorts(sql, parameters, cohortScope);
        }
    }

    static void inCohorts(StringBuilder sql, List<Object> parameters, Set<String> cohorts) {
        inCohorts(sql, parameters, cohorts, "cohort_id");
    }

    /** {@code AND column IN (...)} of the cohorts; none matches no row. */
    static void inCohorts(StringBuilder sql, List<Object> parameters, Set<String> cohorts, String column) {
        if (cohorts.isEmpty()) {
            sql.append(" AND 1 = 0");
            return;
        }
        List<String> marks = new ArrayList<>();
        for (String cohort : cohorts) {
            marks.add("?");
            parameters.add(cohort);
        }
        sql.append(" AND ").append(column).append(" IN (").append(String.join(", ", marks)).append(')');
    }

    private static String name(Enum<?> constant) {
        return constant == null ? null : constant.name();
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            parameters.add(value);
        }
    }
}
