package io.learnpulse.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.gateway.auth.TokenRegistry;

/** What the gateway tests share: the tokens and their principals, the job's records as JSON, the test database. */
final class Fixtures {

    static final String ADMIN = "admin-secret-token";
    static final String INSTRUCTOR_K1 = "instructor-k1-secret";
    static final String INSTRUCTOR_K2 = "instructor-k2-secret";
    static final String LEARNER_U1 = "learner-u1-secret";
    static final String UNKNOWN = "not-a-token";

    /**
     * Set to a JDBC URL (e.g. {@code jdbc:postgresql://127.0.0.1:5432/learnpulse?user=postgres}) to run
     * the gateway tests against that database instead of SQLite, each harness in its own schema.
     */
    static final String EXTERNAL_DATABASE = "LEARNPULSE_TEST_JDBC_URL";

    private Fixtures() {
    }

    /**
     * Writes the tokens file of the tests into {@code dir}: root (admin), alice (instructor of k1),
     * bob (instructor of k2 and k3), u1 (learner u1).
     */
    static Path tokensFile(Path dir) throws IOException {
        Path tokens = dir.resolve("tokens.properties");
        Files.writeString(tokens, String.join("\n",
                "token.root.secret = " + ADMIN,
                "token.root.role = admin",
                "token.alice.sha256 = " + TokenRegistry.hash(INSTRUCTOR_K1),
                "token.alice.role = instructor",
                "token.alice.cohorts = k1",
                "token.bob.sha256 = " + TokenRegistry.hash(INSTRUCTOR_K2),
                "token.bob.role = instructor",
                "token.bob.cohorts = k2,k3",
                "token.u1.secret = " + LEARNER_U1,
                "token.u1.role = learner",
                "token.u1.userId = u1",
                ""), StandardCharsets.UTF_8);
        return tokens;
    }

    /** {@code config} on the database of {@link #EXTERNAL_DATABASE} in a fresh schema, if it is set. */
    static GatewayConfig onTestDatabase(GatewayConfig config) {
        String url = System.getenv(EXTERNAL_DATABASE);
        if (url == null || url.isBlank()) {
            return config;
        }
        String schema = "t" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema in " + url, e);
        }
        return config.with(GatewayOption.JDBC_URL, url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    static String alert(String alertId, String userId, String cohortId, String type, String severity,
            String eventTime) {
        return alert(alertId, userId, cohortId, type, severity, eventTime, "{\"scores\":[0.4,0.5,0.3]}");
    }

    static String alert(String alertId, String userId, String cohortId, String type, String severity,
            String eventTime, String metricsJson) {
        return "{\"alertId\":\"" + alertId + "\",\"userId\":\"" + userId + "\",\"courseId\":\"c1\","
                + "\"cohortId\":" + (cohortId == null ? "null" : "\"" + cohortId + "\"")
                + ",\"type\":\"" + type + "\",\"severity\":\"" + severity + "\",\"eventTime\":\"" + eventTime
                + "\",\"detectedAt\":\"2026-11-24T10:15:01.123Z\",\"status\":\"OPEN\",\"metrics\":" + metricsJson
                + ",\"message\":\"m\",\"recommendation\":\"r\"}";
    }

    /**
     * {@code count} alerts {@code prefix00000}, {@code prefix00001}, ... of cohort k1 (learners u0 to u49),
     * one a second from 2026-11-24T00:00:00Z: a burst for the fault tests.
     */
    static List<String> burst(String prefix, int count) {
        List<String> alerts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            alerts.add(alert(burstId(prefix, i), "u" + (i % 50), "k1", "LOW_CONSISTENCY", "LOW",
                    Instant.parse("2026-11-24T00:00:00Z").plusSeconds(i).toString()));
        }
        return alerts;
    }

    /** The alertId of the {@code i}th alert of {@link #burst}. */
    static String burstId(String prefix, int i) {
        return String.format("%s%05d", prefix, i);
    }

    /** The alertIds of {@link #burst}, in order. */
    static List<String> burstIds(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(burstId(prefix, i));
        }
        return ids;
    }

    /** A MISSED_DEADLINE alert of course {@code courseId} for its item {@code assessmentId}, as the job writes it. */
    static String missedDeadline(String alertId, String userId, String cohortId, String courseId,
            String assessmentId, String title, String dueAt, String eventTime) {
        return "{\"alertId\":\"" + alertId + "\",\"userId\":\"" + userId + "\",\"courseId\":\"" + courseId
                + "\",\"cohortId\":\"" + cohortId + "\",\"type\":\"MISSED_DEADLINE\",\"severity\":\"HIGH\","
                + "\"eventTime\":\"" + eventTime + "\",\"detectedAt\":\"" + eventTime + "\",\"status\":\"OPEN\","
                + "\"metrics\":{\"assessmentId\":\"" + assessmentId + "\",\"title\":\"" + title + "\",\"dueAt\":\""
                + dueAt + "\",\"graceHours\":24.0,\"missedInCourse\":1},"
                + "\"message\":\"" + userId + " has not submitted " + title + "\",\"recommendation\":\"r\"}";
    }

    /** A course-calendar record (docs/events.md). */
    static String calendarItem(String courseId, String assessmentId, String title, String dueAt) {
        return "{\"courseId\":\"" + courseId + "\",\"assessmentId\":\"" + assessmentId + "\",\"title\":\""
                + title + "\",\"dueAt\":\"" + dueAt + "\",\"weight\":10}";
    }

    /** A learner activity event (docs/events.md) of course c1 at a fixed time; {@code type} assessment has a score. */
    static String activityEvent(String eventId, String userId, String cohortId, String type) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"" + userId + "\",\"courseId\":\"c1\",\"cohortId\":\""
                + cohortId + "\",\"type\":\"" + type + "\",\"timestamp\":\"2026-11-24T10:00:00Z\""
                + (type.equals("assessment") ? ",\"score\":0.7" : "") + "}";
    }

    static String figures(String userId, String cohortId, String day, int events) {
        return "{\"userId\":\"" + userId + "\",\"courseId\":\"c1\",\"cohortId\":\"" + cohortId + "\",\"day\":\"" + day
                + "\",\"events\":" + events + ",\"assessments\":3,\"meanScore\":0.55,\"progress\":null,"
                + "\"consistency7d\":0.43}";
    }

    /** A risk score as the job writes it to {@code learner-risk} (docs/alerts.md), with two factors. */
    static String risk(String userId, String courseId, String cohortId, String at, double risk, String band) {
        return "{\"userId\":\"" + userId + "\",\"courseId\":\"" + courseId + "\",\"cohortId\":\"" + cohortId
                + "\",\"at\":\"" + at + "\",\"risk\":" + risk + ",\"band\":\"" + band + "\",\"modelVersion\":\"test-1\","
                + "\"factors\":[{\"name\":\"shareMissed\",\"value\":0.5,\"contribution\":1.25},"
                + "{\"name\":\"meanScore\",\"value\":null,\"contribution\":0.0}]}";
    }

    /** The alertIds of a list answer, in its order. */
    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("alertId").asText()));
        return ids;
    }
}
