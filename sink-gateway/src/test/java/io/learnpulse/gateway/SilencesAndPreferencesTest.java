package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K2;
import static io.learnpulse.gateway.Fixtures.alert;
import static io.learnpulse.gateway.Fixtures.ids;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.testkit.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Silences and notification preferences through the API, with real WebSocket clients: a silenced
 * alert is stored but neither pushed nor replayed nor open; preferences narrow what is pushed to their
 * principal, never the history. On the app over a store, no broker.
 */
class SilencesAndPreferencesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final AppHarness APP = AppHarness.perTest();

    private static String inAnHour() {
        return Instant.now().plus(Duration.ofHours(1)).toString();
    }

    @Test
    void aSilencedAlertIsStoredButNotPushedNorReplayedNorOpen() {
        APP.storeAlerts(alert("before", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T09:00:00Z"));
        HttpResponse<String> created = APP.post("/api/silences", INSTRUCTOR_K1, "{\"cohortId\":\"k1\","
                + "\"type\":\"ENGAGEMENT_DROP\",\"until\":\"" + inAnHour() + "\",\"reason\":\"field trip\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode silence = json(created);
        assertThat(silence.path("active").asBoolean()).isTrue();
        assertThat(silence.path("createdBy").asText()).isEqualTo("alice");
        assertThat(silence.path("reason").asText()).isEqualTo("field trip");

        WsClient live = WsClient.reading();
        WebSocket ws = APP.connect("/ws/alerts", ADMIN, live);
        try {
            APP.storeAlerts(alert("quiet", "u1", "k1", "ENGAGEMENT_DROP", "MEDIUM", "2026-11-24T10:00:00Z"),
                    alert("other-cohort", "u2", "k2", "ENGAGEMENT_DROP", "MEDIUM", "2026-11-24T10:00:00Z"));
            APP.storeAlerts(alert("marker", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T11:00:00Z"));
            await("the alert after the silenced one").atMost(WAIT).until(() -> live.alertIds().contains("marker"));
            assertThat(live.alertIds()).containsExactly("other-cohort", "marker");

            // a client that resumes from before them is not replayed the silenced one either
            WsClient resumed = WsClient.reading();
            WebSocket second = APP.connect("/ws/alerts?since=before", ADMIN, resumed);
            try {
                await("the replay").atMost(WAIT).until(() -> resumed.alertIds().contains("marker"));
                assertThat(resumed.alertIds()).containsExactly("other-cohort", "marker");
            } finally {
                second.abort();
            }
        } finally {
            ws.abort();
        }

        // stored, nothing lost, marked silenced and not open
        JsonNode quiet = json(APP.get("/api/alerts/quiet", INSTRUCTOR_K1));
        assertThat(quiet.path("status").asText()).isEqualTo("SILENCED");
        assertThat(ids(json(APP.get("/api/alerts?status=SILENCED", ADMIN)))).containsExactly("quiet");
        JsonNode stats = json(APP.get("/api/alerts/stats?cohortId=k1", INSTRUCTOR_K1));
        assertThat(stats.path("byStatus").path("SILENCED").asLong()).isEqualTo(1);
        assertThat(stats.path("byStatus").path("OPEN").asLong()).isEqualTo(2);

        // listed for its cohort's instructor, not for another's; ended by DELETE, after which alerts flow again
        String id = silence.path("id").asText();
        assertThat(json(APP.get("/api/silences", INSTRUCTOR_K1)).path("items")).hasSize(1);
        assertThat(json(APP.get("/api/silences", INSTRUCTOR_K2)).path("items")).isEmpty();
        assertThat(APP.delete("/api/silences/" + id, INSTRUCTOR_K2).statusCode()).isEqualTo(403);
        JsonNode ended = json(APP.delete("/api/silences/" + id, INSTRUCTOR_K1));
        assertThat(ended.path("active").asBoolean()).isFalse();
        assertThat(ended.path("endedBy").asText()).isEqualTo("alice");
        assertThat(json(APP.get("/api/silences", ADMIN)).path("items")).isEmpty();
        assertThat(json(APP.get("/api/silences?state=all", ADMIN)).path("items")).hasSize(1);
        APP.storeAlerts(alert("after", "u1", "k1", "ENGAGEMENT_DROP", "MEDIUM", "2026-11-24T12:00:00Z"));
        assertThat(json(APP.get("/api/alerts/after", ADMIN)).path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void silencesRefuseWhatTheyCannotMean() {
        assertBadRequest(APP.post("/api/silences", ADMIN, "{\"until\":\"" + inAnHour() + "\"}"), "userId");
        assertBadRequest(APP.post("/api/silences", ADMIN, "{\"userId\":\"u1\"}"), "until");
        assertBadRequest(APP.post("/api/silences", ADMIN, "{\"userId\":\"u1\",\"until\":\"2020-01-01T00:00:00Z\"}"),
                "until");
        assertBadRequest(APP.post("/api/silences", ADMIN, "{\"userId\":\"u1\",\"until\":\"tomorrow\"}"), "until");
        assertBadRequest(APP.post("/api/silences", ADMIN, "{\"userId\":\"u1\",\"type\":\"LOUD\",\"until\":\""
                + inAnHour() + "\"}"), "type");
        assertBadRequest(APP.post("/api/silences", ADMIN, "{\"userId\":\"u1\",\"until\":\"" + inAnHour()
                + "\",\"duration\":3}"), "duration");
        assertBadRequest(APP.get("/api/silences?state=old", ADMIN), "state");
        assertThat(APP.delete("/api/silences/nope", ADMIN).statusCode()).isEqualTo(404);
        // an instructor silences inside one of its cohorts, so it names one
        assertThat(APP.post("/api/silences", INSTRUCTOR_K1, "{\"userId\":\"u1\",\"until\":\"" + inAnHour()
                + "\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void preferencesNarrowWhatIsPushedToTheirPrincipalOnly() {
        JsonNode defaults = json(APP.get("/api/me/preferences", INSTRUCTOR_K1));
        assertThat(defaults.path("principal").asText()).isEqualTo("alice");
        assertThat(defaults.path("types").isNull()).as("every type").isTrue();
        assertThat(defaults.path("minSeverity").asText()).isEqualTo("LOW");
        assertThat(defaults.path("dailyDigest").asBoolean()).isFalse();

        HttpResponse<String> saved = APP.put("/api/me/preferences", INSTRUCTOR_K1,
                "{\"types\":[\"MISSED_DEADLINE\",\"CONSECUTIVE_LOW_SCORES\"],\"minSeverity\":\"HIGH\",\"dailyDigest\":true}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode alice = json(APP.get("/api/me/preferences", INSTRUCTOR_K1));
        assertThat(alice.path("types").toString()).isEqualTo("[\"CONSECUTIVE_LOW_SCORES\",\"MISSED_DEADLINE\"]");
        assertThat(alice.path("minSeverity").asText()).isEqualTo("HIGH");
        assertThat(alice.path("dailyDigest").asBoolean()).isTrue();
        assertThat(alice.path("updatedAt").asText()).isNotBlank();
        assertThat(json(APP.get("/api/me/preferences", INSTRUCTOR_K2)).path("minSeverity").asText())
                .as("bob's are his own").isEqualTo("LOW");

        WsClient aliceLive = WsClient.reading();
        WsClient adminLive = WsClient.reading();
        WebSocket one = APP.connect("/ws/alerts", INSTRUCTOR_K1, aliceLive);
        WebSocket two = APP.connect("/ws/alerts", ADMIN, adminLive);
        try {
            APP.storeAlerts(alert("low", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:00:00Z"),
                    alert("medium", "u1", "k1", "CONSECUTIVE_LOW_SCORES", "MEDIUM", "2026-11-24T10:01:00Z"),
                    alert("high-type", "u1", "k1", "PERFORMANCE_DECLINE", "HIGH", "2026-11-24T10:02:00Z"),
                    alert("wanted", "u1", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-24T10:03:00Z"));
            await("alice's one alert").atMost(WAIT).until(() -> aliceLive.alertIds().contains("wanted"));
            await("the admin's four").atMost(WAIT).until(() -> adminLive.alertIds().size() == 4);
            assertThat(aliceLive.alertIds()).containsExactly("wanted");
        } finally {
            one.abort();
            two.abort();
        }
        assertThat(ids(json(APP.get("/api/alerts", INSTRUCTOR_K1)))).as("the rest stays in history")
                .containsExactlyInAnyOrder("low", "medium", "high-type", "wanted");

        assertBadRequest(APP.put("/api/me/preferences", INSTRUCTOR_K1, "{\"minSeverity\":\"URGENT\"}"),
                "minSeverity");
        assertBadRequest(APP.put("/api/me/preferences", INSTRUCTOR_K1, "{\"types\":[\"NOPE\"]}"), "types");
        assertBadRequest(APP.put("/api/me/preferences", INSTRUCTOR_K1, "{\"types\":\"HIGH\"}"), "types");
        assertBadRequest(APP.put("/api/me/preferences", INSTRUCTOR_K1, "{\"dailyDigest\":\"yes\"}"),
                "dailyDigest");
        assertBadRequest(APP.put("/api/me/preferences", INSTRUCTOR_K1, "{\"digest\":true}"), "digest");
        assertBadRequest(APP.put("/api/me/preferences", INSTRUCTOR_K1, "[1]"), "object");
    }

    private static void assertBadRequest(HttpResponse<String> response, String naming) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains(naming);
    }
}
