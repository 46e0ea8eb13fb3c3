package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K2;
import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.Fixtures.alert;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.gateway.notify.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /api/webhooks} (beyond the contract) and the notifications of {@code GET /api/alerts/{id}} on the
 * gateway's app, delivering to a real receiver: answers without secrets, refusals naming the field,
 * each caller seeing the webhooks and notifications of its role, the counters of {@code /metrics}.
 */
class WebhookApiTest {

    private static final String SECRET = "the-receiver-shared-secret";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final AppHarness APP = AppHarness.perTest();
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.start(SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private String create(String token, String body) {
        HttpResponse<String> response = APP.post("/api/webhooks", token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).doesNotContain(SECRET).doesNotContain("secret");
        return json(response).path("webhookId").asText();
    }

    private List<String> visible(String token) {
        List<String> ids = new ArrayList<>();
        json(APP.get("/api/webhooks", token)).path("items").forEach(item -> ids.add(item.path("webhookId").asText()));
        return ids;
    }

    @Test
    void aCreatedWebhookIsAnsweredWithoutSecretsAndListedWithinRoles() {
        HttpResponse<String> created = APP.post("/api/webhooks", INSTRUCTOR_K1, "{\"url\":\"" + receiver.url()
                + "?token=in-the-url\",\"secret\":\"" + SECRET + "\",\"cohortId\":\"k1\",\"types\":[\"missed_deadline\","
                + "\"AT_RISK\"],\"minSeverity\":\"medium\",\"format\":\"slack\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode hook = json(created);
        assertThat(hook.path("owner").asText()).isEqualTo("alice");
        assertThat(hook.path("cohortId").asText()).isEqualTo("k1");
        assertThat(hook.path("url").asText()).isEqualTo(receiver.url().replace("/hook", "/***"));
        assertThat(hook.path("types").toString()).isEqualTo("[\"MISSED_DEADLINE\",\"AT_RISK\"]");
        assertThat(hook.path("minSeverity").asText()).isEqualTo("MEDIUM");
        assertThat(hook.path("format").asText()).isEqualTo("SLACK");
        assertThat(hook.path("digest").asBoolean()).isFalse();
        assertThat(hook.has("secret")).isFalse();
        String cohortHook = hook.path("webhookId").asText();
        String learnerHook = create(LEARNER_U1, "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\"}");

        assertThat(visible(ADMIN)).containsExactly(cohortHook, learnerHook);
        assertThat(visible(INSTRUCTOR_K1)).containsExactly(cohortHook);
        assertThat(visible(INSTRUCTOR_K2)).isEmpty();
        assertThat(visible(LEARNER_U1)).containsExactly(learnerHook);
        assertThat(APP.get("/api/webhooks", ADMIN).body()).doesNotContain(SECRET).doesNotContain("in-the-url");
        assertThat(json(APP.get("/api/webhooks", ADMIN)).path("nextCursor").isNull()).isTrue();

        assertThat(APP.delete("/api/webhooks/" + cohortHook, INSTRUCTOR_K1).statusCode()).isEqualTo(204);
        assertThat(visible(ADMIN)).containsExactly(learnerHook);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"secret\":\"the-receiver-shared-secret\"}|missing field url",
        "{\"url\":\"ftp://127.0.0.1/x\",\"secret\":\"the-receiver-shared-secret\"}|invalid field url",
        "{\"url\":\"http://user:pw@127.0.0.1/x\",\"secret\":\"the-receiver-shared-secret\"}|invalid field url",
        "{\"url\":\"http://127.0.0.1/x\"}|missing field secret",
        "{\"url\":\"http://127.0.0.1/x\",\"secret\":\"short\"}|invalid field secret",
        "{\"url\":\"http://127.0.0.1/x\",\"secret\":\"the-receiver-shared-secret\",\"types\":[\"NOPE\"]}|invalid field types",
        "{\"url\":\"http://127.0.0.1/x\",\"secret\":\"the-receiver-shared-secret\",\"format\":\"xml\"}|invalid field format",
        "{\"url\":\"http://127.0.0.1/x\",\"secret\":\"the-receiver-shared-secret\",\"minSeverity\":\"URGENT\"}|invalid field minSeverity",
        "{\"url\":\"http://127.0.0.1/x\",\"secret\":\"the-receiver-shared-secret\",\"digest\":\"yes\"}|invalid field digest",
        "{\"url\":\"http://127.0.0.1/x\",\"secret\":\"the-receiver-shared-secret\",\"colour\":\"red\"}|unknown field colour",
        "[1]|invalid body"})
    void aBadWebhookIsRefusedNamingTheField(String body, String error) {
        HttpResponse<String> response = APP.post("/api/webhooks", ADMIN, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).startsWith(error);
    }

    @Test
    void anAlertListsItsNotificationsWithinTheCallersRole() {
        String cohortHook = create(INSTRUCTOR_K1, "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET
                + "\",\"cohortId\":\"k1\"}");
        String learnerHook = create(LEARNER_U1, "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET
                + "\",\"minSeverity\":\"HIGH\"}");

        APP.storeAlerts(alert("a1", "u1", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-24T10:00:00Z"));

        await().atMost(WAIT).until(() -> receiver.delivered().size() == 2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(json(APP.get("/api/alerts/a1", ADMIN))
                .path("notifications").findValuesAsText("state")).containsExactly("delivered", "delivered"));
        JsonNode notifications = json(APP.get("/api/alerts/a1", ADMIN)).path("notifications");
        assertThat(notifications.findValuesAsText("webhookId")).containsExactly(cohortHook, learnerHook);
        JsonNode first = notifications.get(0);
        assertThat(first.path("kind").asText()).isEqualTo("alert");
        assertThat(first.path("attempts").asInt()).isEqualTo(1);
        assertThat(first.path("lastStatus").asInt()).isEqualTo(200);
        assertThat(first.path("nextAttemptAt").isNull()).isTrue();
        assertThat(first.path("deliveredAt").asText()).isNotBlank();
        assertThat(json(APP.get("/api/alerts/a1", INSTRUCTOR_K1)).path("notifications")
                .findValuesAsText("webhookId")).containsExactly(cohortHook);
        assertThat(json(APP.get("/api/alerts/a1", LEARNER_U1)).path("notifications")
                .findValuesAsText("webhookId")).containsExactly(learnerHook);
        assertThat(receiver.requests()).allMatch(WebhookReceiver.Request::verified);

        String metrics = APP.get("/metrics", null).body();
        assertThat(metrics).contains("learnpulse_gateway_webhook_delivered_total 2.0")
                .contains("learnpulse_gateway_webhook_failed_attempts_total 0.0")
                .contains("learnpulse_gateway_webhook_given_up_total 0.0")
                .contains("learnpulse_gateway_webhook_pending ");
    }
}
