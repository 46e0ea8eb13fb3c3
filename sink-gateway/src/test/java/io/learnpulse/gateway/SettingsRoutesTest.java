package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.alert;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.model.RuleSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The settings endpoints without a broker: what GET answers before any change, every bad key and value
 * named in one 400, and a PUT the broker does not acknowledge answered 503 with nothing recorded.
 * Publishing to a real broker: {@link SettingsITCase}.
 */
class SettingsRoutesTest {

    @RegisterExtension
    static final AppHarness APP = AppHarness.perClass();

    @BeforeAll
    static void prepare() throws Exception {
        APP.storeAlerts(alert("a1", "u1", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-24T10:00:00Z"));
    }

    @Test
    void getAnswersNoOverrideTheDefaultsAndAnEmptyTrail() {
        JsonNode answer = json(APP.get("/api/cohorts/k1/settings", INSTRUCTOR_K1));
        assertThat(answer.path("scope").asText()).isEqualTo("cohort");
        assertThat(answer.path("id").asText()).isEqualTo("k1");
        assertThat(answer.path("override").isNull()).isTrue();
        assertThat(answer.path("history")).isEmpty();
        assertThat(answer.path("defaults")).hasSize(RuleSettings.all().size());
        JsonNode first = answer.path("defaults").get(0);
        assertThat(first.path("key").asText()).isEqualTo("low-score.threshold");
        assertThat(first.path("default").asDouble()).isEqualTo(0.6);
        assertThat(first.path("kind").asText()).isEqualTo("FRACTION");
        assertThat(first.path("range").asText()).isEqualTo("[0, 1]");
        assertThat(answer.path("defaults").findValuesAsText("default")).contains("5 d");
    }

    @Test
    void everyUnknownKeyAndBadValueIsNamedInOne400() {
        HttpResponse<String> response = APP.put("/api/cohorts/k1/settings", ADMIN,
                "{\"low-score.threshold\": 1.5, \"zone\": \"UTC\", \"no.such\": 1, \"stagnation.after\": \"soon\","
                        + " \"low-score.count\": 2.5}");
        assertThat(response.statusCode()).isEqualTo(400);
        String error = json(response).path("error").asText();
        assertThat(error).contains("low-score.threshold", "1.5", "zone", "job-wide", "no.such", "stagnation.after",
                "soon", "low-score.count");
        assertThat(APP.put("/api/users/u1/settings", ADMIN, "[0.5]").statusCode()).isEqualTo(400);
    }

    @Test
    void aPutTheBrokerDoesNotAcknowledgeIsA503AndRecordsNothing() {
        HttpResponse<String> response = APP.put("/api/users/u1/settings", INSTRUCTOR_K1,
                "{\"engagement.empty-days\": 5}");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("error").asText()).contains("not published");
        JsonNode answer = json(APP.get("/api/users/u1/settings", INSTRUCTOR_K1));
        assertThat(answer.path("override").isNull()).isTrue();
        assertThat(answer.path("history")).isEmpty();
    }
}
