package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.Fixtures.alert;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The smaller defects of issue 11 (item 6) that a client sees, on the app over a store (no broker). */
class ApiEdgesTest {

    @RegisterExtension
    static final AppHarness APP = AppHarness.perClass();

    /** Three alerts whose ids have the most characters an id may have, two bytes each in UTF-8. */
    private static final List<String> LONG_IDS = List.of("a".repeat(255) + "1", "é".repeat(255) + "2",
            "é".repeat(255) + "3");

    @BeforeAll
    static void prepare() throws Exception {
        APP.storeAlerts(alert("acked", "u1", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-24T10:00:00Z"));
        for (String id : LONG_IDS) {
            APP.storeAlerts(alert(id, "u9", "k9", "HIGH_PERFORMANCE", "LOW", "2026-11-20T10:00:00Z"));
        }
    }

    @Test
    void aTimeBeyondEpochMillisecondsIsABadParameterNotAServerError() {
        String far = URLEncoder.encode("+300000000-01-01T00:00:00Z", StandardCharsets.UTF_8);
        assertThat(APP.get("/api/alerts?from=" + far, ADMIN).statusCode()).isEqualTo(400);
        assertThat(json(APP.get("/api/alerts/stats?to=" + far, ADMIN)).path("error").asText()).contains("to");
    }

    @Test
    void alertsWithTheLongestIdsCanBePagedThrough() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            String page = "/api/alerts?cohortId=k9&limit=1"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode answer = json(APP.get(page, ADMIN));
            assertThat(answer.path("items").isArray()).as(answer.toString()).isTrue();
            answer.path("items").forEach(item -> seen.add(item.path("alertId").asText()));
            cursor = answer.path("nextCursor").isNull() ? null : answer.path("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(LONG_IDS);
    }

    /** The reading taken: a learner sees that and why its alert was acknowledged, not by whom nor the note. */
    @Test
    void aLearnerSeesItsAlertsTrailWithoutStaffNamesOrNotes() {
        assertThat(APP.post("/api/alerts/acked/ack", INSTRUCTOR_K1,
                "{\"note\":\"talked to them\",\"reason\":\"useful\"}").statusCode()).isEqualTo(200);

        JsonNode staff = json(APP.get("/api/alerts/acked", INSTRUCTOR_K1)).path("acknowledgements").get(0);
        assertThat(staff.path("by").asText()).isEqualTo("alice");
        assertThat(staff.path("note").asText()).isEqualTo("talked to them");
        JsonNode learner = json(APP.get("/api/alerts/acked", LEARNER_U1)).path("acknowledgements").get(0);
        assertThat(learner.path("by").isNull()).isTrue();
        assertThat(learner.path("note").isNull()).isTrue();
        assertThat(learner.path("reason").asText()).isEqualTo("useful");
        assertThat(learner.path("at").asText()).isEqualTo(staff.path("at").asText());
    }

    /** Each /health probe of Kafka takes up to 2 s when no broker answers; asked ten times, it is probed once or twice. */
    @Test
    void healthProbesAreSharedNotRunPerCall() {
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat(APP.get("/health", null).statusCode()).isEqualTo(503);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}
