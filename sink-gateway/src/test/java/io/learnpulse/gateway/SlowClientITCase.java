package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import io.learnpulse.testkit.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A client that stops reading is cut off with a close reason; another client keeps receiving promptly. */
class SlowClientITCase {

    private static final int ALERTS = 60;
    private static final int METRICS_BYTES = 256 * 1024;

    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();

    @TempDir
    Path dataDir;

    @Test
    void aClientThatNeverReadsIsDisconnectedWhileAnotherKeepsReceiving() throws Exception {
        try (GatewayHarness harness = GATEWAYS.start(dataDir, config -> config.with(GatewayOption.WS_QUEUE_BOUND, 8))) {
            WsClient stalled = WsClient.notReading();
            harness.connect("/ws/alerts", ADMIN, stalled);
            WsClient reader = WsClient.reading();
            harness.connect("/ws/alerts", ADMIN, reader);
            harness.awaitWebSocketClients("alerts", 2);

            String bulky = "{\"padding\":\"" + "x".repeat(METRICS_BYTES) + "\"}";
            for (int i = 0; i < ALERTS; i++) {
                harness.produceAlert("u1", alert(String.format("big%03d", i), "u1", "k1", "LOW_CONSISTENCY", "LOW",
                        "2026-11-24T10:00:00Z", bulky));
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(reader.alertIds()).hasSize(ALERTS));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(harness.get("/metrics", null).body())
                    .contains("learnpulse_gateway_websocket_slow_disconnects_total 1.0")
                    .contains("learnpulse_gateway_websocket_clients{endpoint=\"alerts\"} 1.0"));

            // the reader still gets a new alert promptly
            harness.produceAlert("u1", alert("after-cut-off", "u1", "k1", "HIGH_PERFORMANCE", "LOW",
                    "2026-11-24T11:00:00Z"));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(reader.alertIds()).hasSize(ALERTS + 1).endsWith("after-cut-off"));

            stalled.startReading();
            String closed = stalled.closed().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(closed).startsWith("1008 client too slow");
            assertThat(stalled.alertIds().size()).isLessThan(ALERTS);
        }
    }
}
