package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K2;
import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.Fixtures.UNKNOWN;
import static io.learnpulse.gateway.Fixtures.alert;
import static io.learnpulse.gateway.Fixtures.figures;
import static io.learnpulse.gateway.Fixtures.ids;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The auth matrix: every endpoint with no token, a wrong token or role, and the right role, on the
 * gateway's app over a store (no broker: that {@code /health} is open is shown by the Kafka tests).
 */
class GatewayAuthTest {

    @RegisterExtension
    static final AppHarness APP = AppHarness.perClass();

    /** Created in {@link #prepare}: a hook of cohort k1 (by its instructor) and learner u1's own one. */
    private static String cohortK1Hook;
    private static String learnerHook;

    /** What the matrix sends to each endpoint that takes a body: a valid one, so that only the role decides. */
    private static final Map<String, String> BODIES = Map.of(
            "POST /api/alerts/a1/ack", "{\"reason\":\"useful\"}",
            "POST /api/alerts/a2/ack", "{\"reason\":\"useful\"}",
            "PUT /api/me/preferences", "{\"minSeverity\":\"MEDIUM\"}",
            "PUT /api/cohorts/k1/settings", "{\"low-score.threshold\":0.5}",
            "PUT /api/users/u1/settings", "{\"engagement.empty-days\":5}",
            "POST /api/silences", "{\"cohortId\":\"k1\",\"type\":\"HIGH_PERFORMANCE\",\"until\":\""
                    + Instant.now().plus(Duration.ofDays(1)) + "\"}");

    /** The id of a silence of cohort k1, made by the admin. */
    private static String silenceOfK1;

    @BeforeAll
    static void prepare() throws Exception {
        // a1: learner u1 in cohort k1; a2: learner u2 in cohort k2
        APP.storeAlerts(alert("a1", "u1", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-24T10:00:00Z"),
                alert("a2", "u2", "k2", "ENGAGEMENT_DROP", "MEDIUM", "2026-11-24T11:00:00Z"));
        APP.storeFigures(figures("u1", "k1", "2026-11-24", 3), figures("u2", "k2", "2026-11-24", 4));
        silenceOfK1 = json(APP.post("/api/silences", ADMIN, BODIES.get("POST /api/silences"))).path("id").asText();
        cohortK1Hook = json(APP.post("/api/webhooks", INSTRUCTOR_K1, "{\"url\":\"http://127.0.0.1:1/k1\","
                + "\"secret\":\"a-receiver-shared-secret\",\"cohortId\":\"k1\"}")).path("webhookId").asText();
        learnerHook = json(APP.post("/api/webhooks", LEARNER_U1, "{\"url\":\"http://127.0.0.1:1/u1\","
                + "\"secret\":\"a-receiver-shared-secret\"}")).path("webhookId").asText();
    }

    /** endpoint, token, expected status */
    static Stream<Arguments> restMatrix() {
        return Stream.of(
                // GET /api/alerts
                Arguments.of("GET /api/alerts", null, 401),
                Arguments.of("GET /api/alerts", UNKNOWN, 401),
                Arguments.of("GET /api/alerts?cohortId=k2", INSTRUCTOR_K1, 403),
                Arguments.of("GET /api/alerts?userId=u2", LEARNER_U1, 403),
                Arguments.of("GET /api/alerts", INSTRUCTOR_K1, 200),
                Arguments.of("GET /api/alerts", LEARNER_U1, 200),
                Arguments.of("GET /api/alerts", ADMIN, 200),
                // GET /api/alerts/{id}
                Arguments.of("GET /api/alerts/a1", null, 401),
                Arguments.of("GET /api/alerts/a1", UNKNOWN, 401),
                Arguments.of("GET /api/alerts/a2", INSTRUCTOR_K1, 403),
                Arguments.of("GET /api/alerts/a2", LEARNER_U1, 403),
                Arguments.of("GET /api/alerts/a1", INSTRUCTOR_K1, 200),
                Arguments.of("GET /api/alerts/a1", LEARNER_U1, 200),
                Arguments.of("GET /api/alerts/a2", ADMIN, 200),
                // POST /api/alerts/{id}/ack
                Arguments.of("POST /api/alerts/a1/ack", null, 401),
                Arguments.of("POST /api/alerts/a1/ack", UNKNOWN, 401),
                Arguments.of("POST /api/alerts/a1/ack", LEARNER_U1, 403),
                Arguments.of("POST /api/alerts/a1/ack", INSTRUCTOR_K2, 403),
                Arguments.of("POST /api/alerts/a1/ack", INSTRUCTOR_K1, 200),
                Arguments.of("POST /api/alerts/a2/ack", ADMIN, 200),
                // GET /api/alerts/stats
                Arguments.of("GET /api/alerts/stats", null, 401),
                Arguments.of("GET /api/alerts/stats", UNKNOWN, 401),
                Arguments.of("GET /api/alerts/stats", INSTRUCTOR_K1, 403),
                Arguments.of("GET /api/alerts/stats?cohortId=k2", INSTRUCTOR_K1, 403),
                Arguments.of("GET /api/alerts/stats?cohortId=k1", LEARNER_U1, 403),
                Arguments.of("GET /api/alerts/stats?cohortId=k1", INSTRUCTOR_K1, 200),
                Arguments.of("GET /api/alerts/stats", ADMIN, 200),
                // GET /api/users/{userId}/metrics
                Arguments.of("GET /api/users/u1/metrics", null, 401),
                Arguments.of("GET /api/users/u1/metrics", UNKNOWN, 401),
                Arguments.of("GET /api/users/u2/metrics", LEARNER_U1, 403),
                Arguments.of("GET /api/users/u2/metrics", INSTRUCTOR_K1, 403),
                Arguments.of("GET /api/users/u1/metrics", LEARNER_U1, 200),
                Arguments.of("GET /api/users/u1/metrics", INSTRUCTOR_K1, 200),
                Arguments.of("GET /api/users/u2/metrics", ADMIN, 200),
                // GET /api/users/{userId}/risk (u1 and u2 have figures; u2 in k2 only)
                Arguments.of("GET /api/users/u1/risk", null, 401),
                Arguments.of("GET /api/users/u1/risk", UNKNOWN, 401),
                Arguments.of("GET /api/users/u2/risk", LEARNER_U1, 403),
                Arguments.of("GET /api/users/u2/risk", INSTRUCTOR_K1, 403),
                Arguments.of("GET /api/users/u1/risk", LEARNER_U1, 200),
                Arguments.of("GET /api/users/u1/risk", INSTRUCTOR_K1, 200),
                Arguments.of("GET /api/users/u2/risk", ADMIN, 200),
                // GET /api/cohorts/{cohortId}/summary
                Arguments.of("GET /api/cohorts/k1/summary", null, 401),
                Arguments.of("GET /api/cohorts/k1/summary", UNKNOWN, 401),
                Arguments.of("GET /api/cohorts/k2/summary", INSTRUCTOR_K1, 403),
                Arguments.of("GET /api/cohorts/k1/summary", LEARNER_U1, 403),
                Arguments.of("GET /api/cohorts/k1/summary", INSTRUCTOR_K1, 200),
                Arguments.of("GET /api/cohorts/k2/summary", ADMIN, 200),
                // GET /api/courses/{courseId}/calendar (course c1: cohorts k1 and k2, learner u1)
                Arguments.of("GET /api/courses/c1/calendar", null, 401),
                Arguments.of("GET /api/courses/c1/calendar", UNKNOWN, 401),
                Arguments.of("GET /api/courses/c9/calendar", INSTRUCTOR_K1, 403),
                Arguments.of("GET /api/courses/c9/calendar", LEARNER_U1, 403),
                Arguments.of("GET /api/courses/c1/calendar", INSTRUCTOR_K1, 200),
                Arguments.of("GET /api/courses/c1/calendar", LEARNER_U1, 200),
                Arguments.of("GET /api/courses/c9/calendar", ADMIN, 200),
                // GET/PUT /api/cohorts/{k}/settings and /api/users/{u}/settings: with no broker, a PUT that
                // passes the role check answers 503 (SettingsITCase publishes to a real one)
                Arguments.of("GET /api/cohorts/k1/settings", null, 401),
                Arguments.of("GET /api/cohorts/k1/settings", UNKNOWN, 401),
                Arguments.of("GET /api/cohorts/k1/settings", LEARNER_U1, 403),
                Arguments.of("GET /api/cohorts/k1/settings", INSTRUCTOR_K2, 403),
                Arguments.of("GET /api/cohorts/k1/settings", INSTRUCTOR_K1, 200),
                Arguments.of("GET /api/cohorts/k1/settings", ADMIN, 200),
                Arguments.of("PUT /api/cohorts/k1/settings", null, 401),
                Arguments.of("PUT /api/cohorts/k1/settings", UNKNOWN, 401),
                Arguments.of("PUT /api/cohorts/k1/settings", LEARNER_U1, 403),
                Arguments.of("PUT /api/cohorts/k1/settings", INSTRUCTOR_K2, 403),
                Arguments.of("PUT /api/cohorts/k1/settings", INSTRUCTOR_K1, 503),
                Arguments.of("PUT /api/cohorts/k1/settings", ADMIN, 503),
                Arguments.of("GET /api/users/u1/settings", null, 401),
                Arguments.of("GET /api/users/u1/settings", UNKNOWN, 401),
                Arguments.of("GET /api/users/u2/settings", LEARNER_U1, 403),
                Arguments.of("GET /api/users/u1/settings", INSTRUCTOR_K2, 403),
                Arguments.of("GET /api/users/u1/settings", LEARNER_U1, 200),
                Arguments.of("GET /api/users/u1/settings", INSTRUCTOR_K1, 200),
                Arguments.of("GET /api/users/u2/settings", ADMIN, 200),
                Arguments.of("PUT /api/users/u1/settings", null, 401),
                Arguments.of("PUT /api/users/u1/settings", UNKNOWN, 401),
                Arguments.of("PUT /api/users/u1/settings", LEARNER_U1, 403),
                Arguments.of("PUT /api/users/u1/settings", INSTRUCTOR_K2, 403),
                Arguments.of("PUT /api/users/u1/settings", INSTRUCTOR_K1, 503),
                Arguments.of("PUT /api/users/u1/settings", ADMIN, 503),
                // GET/PUT /api/me/preferences: every role has its own
                Arguments.of("GET /api/me/preferences", null, 401),
                Arguments.of("GET /api/me/preferences", UNKNOWN, 401),
                Arguments.of("GET /api/me/preferences", LEARNER_U1, 200),
                Arguments.of("GET /api/me/preferences", INSTRUCTOR_K1, 200),
                Arguments.of("GET /api/me/preferences", ADMIN, 200),
                Arguments.of("PUT /api/me/preferences", null, 401),
                Arguments.of("PUT /api/me/preferences", UNKNOWN, 401),
                Arguments.of("PUT /api/me/preferences", LEARNER_U1, 200),
                Arguments.of("PUT /api/me/preferences", INSTRUCTOR_K1, 200),
                Arguments.of("PUT /api/me/preferences", ADMIN, 200),
                // POST/GET /api/silences, DELETE /api/silences/{id} (the silence of k1 made in start())
                Arguments.of("POST /api/silences", null, 401),
                Arguments.of("POST /api/silences", UNKNOWN, 401),
                Arguments.of("POST /api/silences", LEARNER_U1, 403),
                Arguments.of("POST /api/silences", INSTRUCTOR_K2, 403),
                Arguments.of("POST /api/silences", INSTRUCTOR_K1, 201),
                Arguments.of("POST /api/silences", ADMIN, 201),
                Arguments.of("GET /api/silences", null, 401),
                Arguments.of("GET /api/silences", UNKNOWN, 401),
                Arguments.of("GET /api/silences", LEARNER_U1, 403),
                Arguments.of("GET /api/silences", INSTRUCTOR_K2, 200),
                Arguments.of("GET /api/silences", ADMIN, 200),
                Arguments.of("DELETE /api/silences/{k1}", null, 401),
                Arguments.of("DELETE /api/silences/{k1}", UNKNOWN, 401),
                Arguments.of("DELETE /api/silences/{k1}", LEARNER_U1, 403),
                Arguments.of("DELETE /api/silences/{k1}", INSTRUCTOR_K2, 403),
                Arguments.of("DELETE /api/silences/{k1}", INSTRUCTOR_K1, 200),
                Arguments.of("DELETE /api/silences/{k1}", ADMIN, 200),
                // open endpoints (GET /health: GatewayApiITCase, GatewayApiTest)
                Arguments.of("GET /metrics", null, 200),
                Arguments.of("GET /", null, 200));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("restMatrix")
    void rest(String endpoint, String token, int expected) {
        String[] parts = endpoint.split(" ", 2);
        String path = parts[1].replace("{k1}", silenceOfK1);
        HttpResponse<String> response = parts[0].equals("GET") ? APP.get(path, token)
                : APP.send(parts[0], path, token, BODIES.get(parts[0] + " " + parts[1]));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(json(response).path("error").asText()).isNotBlank();
        }
        if (expected == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    /** endpoint, token, body, expected status: the webhooks, an extension of the contract. */
    static Stream<Arguments> webhookMatrix() {
        String own = "{\"url\":\"http://127.0.0.1:1/hook\",\"secret\":\"a-receiver-shared-secret\"}";
        String k1 = "{\"url\":\"http://127.0.0.1:1/hook\",\"secret\":\"a-receiver-shared-secret\",\"cohortId\":\"k1\"}";
        return Stream.of(
                Arguments.of("POST /api/webhooks", null, own, 401),
                Arguments.of("POST /api/webhooks", UNKNOWN, own, 401),
                Arguments.of("POST /api/webhooks", LEARNER_U1, k1, 403),
                Arguments.of("POST /api/webhooks", INSTRUCTOR_K2, k1, 403),
                Arguments.of("POST /api/webhooks", INSTRUCTOR_K1, k1, 201),
                Arguments.of("POST /api/webhooks", LEARNER_U1, own, 201),
                Arguments.of("POST /api/webhooks", ADMIN, k1, 201),
                Arguments.of("GET /api/webhooks", null, null, 401),
                Arguments.of("GET /api/webhooks", UNKNOWN, null, 401),
                Arguments.of("GET /api/webhooks", LEARNER_U1, null, 200),
                Arguments.of("GET /api/webhooks", INSTRUCTOR_K1, null, 200),
                Arguments.of("GET /api/webhooks", ADMIN, null, 200),
                Arguments.of("DELETE /api/webhooks/" + cohortK1Hook, null, null, 401),
                Arguments.of("DELETE /api/webhooks/" + cohortK1Hook, UNKNOWN, null, 401),
                Arguments.of("DELETE /api/webhooks/" + cohortK1Hook, LEARNER_U1, null, 403),
                Arguments.of("DELETE /api/webhooks/" + cohortK1Hook, INSTRUCTOR_K2, null, 403),
                Arguments.of("DELETE /api/webhooks/" + learnerHook, INSTRUCTOR_K1, null, 403),
                Arguments.of("DELETE /api/webhooks/no-such-hook", ADMIN, null, 404),
                Arguments.of("DELETE /api/webhooks/" + learnerHook, LEARNER_U1, null, 204),
                Arguments.of("DELETE /api/webhooks/" + cohortK1Hook, INSTRUCTOR_K1, null, 204));
    }

    @ParameterizedTest(name = "{0} with {1} -> {3}")
    @MethodSource("webhookMatrix")
    void webhooks(String endpoint, String token, String body, int expected) {
        String[] parts = endpoint.split(" ", 2);
        HttpResponse<String> response = APP.send(parts[0], parts[1], token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(json(response).path("error").asText()).isNotBlank();
        }
    }

    static Stream<Arguments> webSocketMatrix() {
        return Stream.of(
                Arguments.of("/ws/alerts", null, 401),
                Arguments.of("/ws/alerts", UNKNOWN, 401),
                Arguments.of("/ws/alerts?cohortId=k2", INSTRUCTOR_K1, 403),
                Arguments.of("/ws/alerts?userId=u2", LEARNER_U1, 403),
                Arguments.of("/ws/alerts?cohortId=k1", INSTRUCTOR_K1, 101),
                Arguments.of("/ws/alerts", LEARNER_U1, 101),
                Arguments.of("/ws/alerts", ADMIN, 101),
                Arguments.of("/ws/alerts?severity=BAD", ADMIN, 400),
                Arguments.of("/ws/alerts?since=unknown-alert", ADMIN, 404),
                Arguments.of("/ws/metrics", null, 401),
                Arguments.of("/ws/metrics", UNKNOWN, 401),
                Arguments.of("/ws/metrics?cohortId=k2", INSTRUCTOR_K1, 403),
                Arguments.of("/ws/metrics?userId=u2", LEARNER_U1, 403),
                Arguments.of("/ws/metrics", INSTRUCTOR_K1, 101),
                Arguments.of("/ws/metrics", LEARNER_U1, 101),
                Arguments.of("/ws/metrics", ADMIN, 101));
    }

    @ParameterizedTest(name = "WS {0} with {1} -> {2}")
    @MethodSource("webSocketMatrix")
    void webSocketHandshake(String path, String token, int expected) {
        assertThat(APP.handshakeStatus(path, token, null)).isEqualTo(expected);
    }

    @Test
    void webSocketTokenMayComeAsQueryParameter() {
        assertThat(APP.handshakeStatus("/ws/alerts?token=" + INSTRUCTOR_K1, null, null)).isEqualTo(101);
        assertThat(APP.handshakeStatus("/ws/alerts?token=" + UNKNOWN, null, null)).isEqualTo(401);
        // REST accepts only the header
        assertThat(APP.get("/api/alerts?token=" + ADMIN, null).statusCode()).isEqualTo(401);
    }

    @Test
    void webSocketOriginMustBeAllowed() {
        int port = APP.port();
        assertThat(APP.handshakeStatus("/ws/alerts", ADMIN, "http://evil.example")).isEqualTo(403);
        assertThat(APP.handshakeStatus("/ws/alerts", ADMIN, "http://127.0.0.1:" + port)).isEqualTo(101);
    }

    @Test
    void rolesNarrowWhatListsShow() {
        assertThat(ids(json(APP.get("/api/alerts", LEARNER_U1)))).containsExactly("a1");
        assertThat(ids(json(APP.get("/api/alerts", INSTRUCTOR_K1)))).containsExactly("a1");
        assertThat(ids(json(APP.get("/api/alerts", INSTRUCTOR_K2)))).containsExactly("a2");
        assertThat(ids(json(APP.get("/api/alerts", ADMIN)))).containsAll(List.of("a1", "a2"));
        assertThat(json(APP.get("/api/alerts/stats?cohortId=k1", INSTRUCTOR_K1)).path("total").asLong())
                .isEqualTo(1);
    }
}
