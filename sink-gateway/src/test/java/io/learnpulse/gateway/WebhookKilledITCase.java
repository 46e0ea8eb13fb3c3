package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.burst;
import static io.learnpulse.gateway.GatewayClient.json;
import static io.learnpulse.gateway.GatewayExtension.onDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.gateway.notify.WebhookReceiver;
import io.learnpulse.gateway.store.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault "the gateway killed ({@code kill -9}) with an undelivered outbox": a gateway run as a JVM of
 * its own stores a burst of alerts from Kafka while its webhook's receiver is down, so every
 * notification is enqueued and failing; it is sent SIGKILL, the receiver comes back, and a new gateway
 * on the same database delivers every notification exactly once (one 2xx per alert, each signed), the
 * alerts it reads again from uncommitted offsets enqueueing nothing. On SQLite and on PostgreSQL.
 */
class WebhookKilledITCase {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String SECRET = "the-receiver-shared-secret";
    private static final int ALERTS = 200;

    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void killedWithAnUndeliveredOutboxEachNotificationIsDeliveredOnceAfterTheRestart(TestDatabase database) {
        UnaryOperator<GatewayConfig> adjust = config -> onDatabase(database).apply(config)
                .with(GatewayOption.WEBHOOK_RETRY_BASE_MS, 50).with(GatewayOption.WEBHOOK_RETRY_MAX_MS, 500);
        try (WebhookReceiver receiver = WebhookReceiver.down(SECRET)) {
            GatewayHarness harness = GATEWAYS.prepare(dir, adjust).startProcess(dir.resolve("gateway-1.log"));
            assertThat(harness.post("/api/webhooks", ADMIN, "{\"url\":\"" + receiver.url() + "\",\"secret\":\""
                    + SECRET + "\"}").statusCode()).isEqualTo(201);
            List<String> alerts = burst("hooked-", ALERTS);
            harness.produceAlerts(alerts);
            await().atMost(WAIT).until(() -> harness.storedAlerts().size() == ALERTS);
            String last = Fixtures.burstId("hooked-", ALERTS - 1);
            await().atMost(WAIT).until(() -> notification(harness, last).path("attempts").asInt() >= 2);
            assertThat(notification(harness, last).path("state").asText()).isEqualTo("pending");

            harness.kill();
            receiver.start();
            harness.startProcess(dir.resolve("gateway-2.log"));

            await().atMost(WAIT).until(() -> harness.get("/metrics", null).body()
                    .contains("learnpulse_gateway_webhook_pending 0.0") && receiver.delivered().size() >= ALERTS);
            assertThat(receiver.delivered()).extracting(WebhookReceiver.Request::delivery)
                    .as("each notification delivered once").doesNotHaveDuplicates().hasSize(ALERTS);
            assertThat(receiver.requests()).as("every request signed").allMatch(WebhookReceiver.Request::verified);
            assertThat(notification(harness, last).path("state").asText()).isEqualTo("delivered");
            assertThat(harness.storedAlerts()).hasSize(ALERTS);
        }
    }

    private static JsonNode notification(GatewayHarness harness, String alertId) {
        return json(harness.get("/api/alerts/" + alertId, ADMIN)).path("notifications").path(0);
    }
}
