package io.learnpulse.gateway.store;

import static io.learnpulse.gateway.store.Jdbc.setText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The learners' risk scores (table {@code learner_risk}): written inside the batch's transaction, one row per
 * (userId, courseId, at), and read as a learner's history, newest first, and as the latest score per course.
 */
public final class RiskStore {

    private static final TypeReference<List<RiskScore.Factor>> FACTORS = new TypeReference<>() {
    };
    private static final String COLUMNS =
            "user_id, course_id, cohort_id, scored_at, scored_at_ms, risk, band, model_version, factors";

    private final Database database;
    private final ObjectMapper mapper;

    public RiskStore(Database database, ObjectMapper mapper) {
        this.database = database;
        this.mapper = mapper;
    }

    /**
     * Stores a score in the caller's transaction: inserted when its (userId, courseId, at) is new, replacing
     * the stored one when it differs (the same moment re-scored, say by a refitted model), else nothing.
     */
    static void upsert(Connection connection, RiskScore score, ObjectMapper mapper) throws SQLException {
        Optional<RiskScore> existing = Optional.empty();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM learner_risk WHERE user_id = ? AND course_id = ? AND scored_at_ms = ?")) {
            select.setString(1, score.userId());
            select.setString(2, score.courseId());
            select.setLong(3, score.atMillis());
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    existing = Optional.of(score(rs, mapper));
                }
            }
        }
        if (existing.isPresent() && existing.get().equals(score)) {
            return;
        }
        String sql = existing.isPresent()
                ? "UPDATE learner_risk SET cohort_id = ?, scored_at = ?, risk = ?, band = ?, model_version = ?, "
                        + "factors = ? WHERE user_id = ? AND course_id = ? AND scored_at_ms = ?"
                : "INSERT INTO learner_risk (cohort_id, scored_at, risk, band, model_version, factors, user_id, course_id, "
                        + "scored_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement write = connection.prepareStatement(sql)) {
            setText(write, 1, score.cohortId());
            write.setString(2, score.at());
            write.setDouble(3, score.risk());
            write.setString(4, score.band());
            write.setString(5, score.modelVersion());
            write.setString(6, json(score.factors(), mapper));
            write.setString(7, score.userId());
            write.setString(8, score.courseId());
            write.setLong(9, score.atMillis());
            write.executeUpdate();
        }
    }

    /**
     * One page of a learner's scores, newest first by (at, courseId), after {@code after}; {@code courseId}
     * null for every course, {@code cohortScope} null for every cohort.
     */
    public Page<RiskScore> history(String userId, String courseId, Set<String> cohortScope, AlertCursor after,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM learner_risk WHERE user_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(userId);
        within(sql, parameters, courseId, cohortScope);
        if (after != null) {
            after.whereAfter(sql, parameters, "scored_at_ms", "course_id");
        }
        sql.append(" ORDER BY scored_at_ms DESC, course_id DESC LIMIT ?");
        parameters.add(limit + 1);
        return Page.of(Jdbc.query(database, sql.toString(), parameters, rs -> score(rs, mapper)), limit,
                last -> new AlertCursor(last.atMillis(), last.courseId()).encode());
    }

    /** The learner's latest score in each course (within the scope), the highest risk first. */
    public List<RiskScore> latestByCourse(String userId, String courseId, Set<String> cohortScope) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM learner_risk r WHERE user_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(userId);
        within(sql, parameters, courseId, cohortScope);
        sql.append(" AND scored_at_ms = (SELECT MAX(l.scored_at_ms) FROM learner_risk l WHERE l.user_id = r.user_id"
                + " AND l.course_id = r.course_id");
        if (cohortScope != null) {
            AlertQuery.inCohorts(sql, parameters, cohortScope, "l.cohort_id");
        }
        sql.append(") ORDER BY risk DESC, course_id");
        return Jdbc.query(database, sql.toString(), parameters, rs -> score(rs, mapper));
    }

    /** The latest score of each learner and course of a cohort. */
    List<RiskScore> latestInCohort(String cohortId) {
        return Jdbc.query(database, "SELECT " + COLUMNS + " FROM learner_risk r WHERE cohort_id = ? "
                + "AND scored_at_ms = (SELECT MAX(l.scored_at_ms) FROM learner_risk l WHERE l.user_id = r.user_id "
                + "AND l.course_id = r.course_id AND l.cohort_id = r.cohort_id)", List.of(cohortId), rs -> score(rs, mapper));
    }

    /** The score that says most about a learner: the highest risk among the latest of each course (the newest on a tie). */
    static Comparator<RiskScore> mostAtRiskFirst() {
        return Comparator.comparingDouble(RiskScore::risk).reversed()
                .thenComparing(Comparator.comparingLong(RiskScore::atMillis).reversed());
    }

    private static void within(StringBuilder sql, List<Object> parameters, String courseId, Set<String> cohortScope) {
        if (courseId != null) {
            sql.append(" AND course_id = ?");
            parameters.add(courseId);
        }
        if (cohortScope != null) {
            AlertQuery.inCohorts(sql, parameters, cohortScope);
        }
    }

    private static RiskScore score(ResultSet rs, ObjectMapper mapper) throws SQLException {
        List<RiskScore.Factor> factors;
        try {
            factors = mapper.readValue(rs.getString("factors"), FACTORS);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored risk factors are not JSON", e);
        }
        return new RiskScore(rs.getString("user_id"), rs.getString("course_id"), rs.getString("cohort_id"),
                rs.getString("scored_at"), rs.getDouble("risk"), rs.getString("band"), rs.getString("model_version"),
                factors);
    }

    private static String json(List<RiskScore.Factor> factors, ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(factors);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("risk factors cannot be written as JSON", e);
        }
    }
}
