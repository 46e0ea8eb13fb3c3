package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.alert;
import static io.learnpulse.gateway.Fixtures.ids;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.learnpulse.testkit.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Restarting the gateway, and clients reconnecting with {@code since}: nothing lost, nothing repeated. */
class GatewayResumeITCase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();

    @TempDir
    Path dataDir;

    private GatewayHarness harness;

    @BeforeEach
    void startGateway() throws Exception {
        harness = GATEWAYS.start(dataDir);
    }

    @Test
    void restartKeepsHistoryAndResumesFromCommittedOffsets() {
        for (int i = 1; i <= 3; i++) {
            harness.produceAlert("u1", alert("r" + i, "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T0" + i + ":00:00Z"));
        }
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(ids(json(harness.get("/api/alerts", ADMIN)))).hasSize(3));
        assertThat(harness.post("/api/alerts/r1/ack", ADMIN, "{\"reason\":\"fixed\"}").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> harness.committedAlertOffsets() == 3);

        harness.stop();
        harness.produceAlert("u1", alert("r4", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T04:00:00Z"));
        harness.produceAlert("u1", alert("r2", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T02:00:00Z"));
        harness.produceAlert("u1", alert("r5", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T05:00:00Z"));
        harness.start();

        WsClient feed = WsClient.reading();
        harness.connect("/ws/alerts?since=r3", INSTRUCTOR_K1, feed);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(ids(json(harness.get("/api/alerts", ADMIN))))
                        .containsExactly("r5", "r4", "r3", "r2", "r1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(feed.alertIds()).containsExactly("r4", "r5"));
        // the restarted consumer read only the three records produced while it was down
        await().atMost(WAIT).until(() -> harness.gateway().recordsConsumed(harness.alertsTopic) >= 3);
        assertThat(harness.gateway().recordsConsumed(harness.alertsTopic)).isEqualTo(3.0);
        await().atMost(WAIT).until(() -> harness.committedAlertOffsets() == 6);
        assertThat(json(harness.get("/api/alerts/r1", ADMIN)).path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(json(harness.get("/api/alerts/r1", ADMIN)).path("acknowledgements")).hasSize(1);
        assertThat(feed.alertIds()).containsExactly("r4", "r5");
    }

    @Test
    void aGatewayStartedBeforeItsTopicsExistPicksThemUp() throws Exception {
        String topic = "late-alerts-" + java.util.UUID.randomUUID();
        GatewayConfig config = GatewayConfig.defaults(GATEWAYS.kafka().bootstrapServers())
                .with(GatewayOption.HTTP_HOST, "127.0.0.1").with(GatewayOption.HTTP_PORT, 0).with(GatewayOption.ADMIN_TOKEN, ADMIN)
                .with(GatewayOption.DATA_DIR, dataDir.resolve("late")).with(GatewayOption.ALERTS_TOPIC, topic)
                .with(GatewayOption.METRICS_TOPIC, topic + "-metrics")
                .with(GatewayOption.GROUP_ID, "late-" + java.util.UUID.randomUUID());
        try (Gateway gateway = Gateway.start(config)) {
            GATEWAYS.kafka().createTopic(topic, 1);
            try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                    new org.apache.kafka.clients.producer.KafkaProducer<>(java.util.Map.of(
                            "bootstrap.servers", GATEWAYS.kafka().bootstrapServers(),
                            "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class,
                            "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class))) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "u1",
                        alert("late", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T01:00:00Z"))).get();
            }
            await().atMost(WAIT).until(() -> gateway.recordsConsumed(topic) == 1.0);
        }
    }

    @Test
    void reconnectWithSinceGetsExactlyTheMissedAlertsThenLiveOnes() {
        WsClient first = WsClient.reading();
        WebSocket firstSocket = harness.connect("/ws/alerts", ADMIN, first);
        harness.awaitWebSocketClients("alerts", 1);
        harness.produceAlert("u1", alert("s1", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T01:00:00Z"));
        harness.produceAlert("u1", alert("s2", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T02:00:00Z"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(first.alertIds()).containsExactly("s1", "s2"));
        firstSocket.sendClose(WebSocket.NORMAL_CLOSURE, "laptop sleeps").join();

        harness.produceAlert("u1", alert("s3", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T03:00:00Z"));
        harness.produceAlert("u2", alert("s4", "u2", "k2", "ENGAGEMENT_DROP", "MEDIUM", "2026-11-24T04:00:00Z"));
        harness.produceAlert("u1", alert("s5", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T05:00:00Z"));
        await().atMost(WAIT).until(() -> harness.get("/api/alerts/s5", ADMIN).statusCode() == 200);

        WsClient again = WsClient.reading();
        harness.connect("/ws/alerts?since=s2", ADMIN, again);
        WsClient k1Again = WsClient.reading();
        harness.connect("/ws/alerts?since=s2&cohortId=k1", INSTRUCTOR_K1, k1Again);
        await().atMost(WAIT).untilAsserted(() -> assertThat(again.alertIds()).containsExactly("s3", "s4", "s5"));
        harness.produceAlert("u1", alert("s6", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T06:00:00Z"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(again.alertIds()).containsExactly("s3", "s4", "s5", "s6");
            assertThat(k1Again.alertIds()).containsExactly("s3", "s5", "s6");
        });
    }

    @Test
    void noGapAndNoDuplicateAtTheSeamWhileAlertsKeepArriving() {
        harness.produceAlert("u1", alert("start", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T00:00:00Z"));
        await().atMost(WAIT).until(() -> harness.get("/api/alerts/start", ADMIN).statusCode() == 200);

        List<String> produced = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            produced.add(String.format("seam%03d", i));
        }
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produced.forEach(id ->
                harness.produceAlert("u" + id.hashCode() % 5, alert(id, "u1", "k1", "LOW_CONSISTENCY", "LOW",
                        "2026-11-24T10:00:00Z"))));
        // connect while the producer is busy: part of the alerts come by replay, the rest live
        await().atMost(WAIT).until(() -> harness.gateway().recordsConsumed(harness.alertsTopic) >= 60);
        WsClient feed = WsClient.reading();
        harness.connect("/ws/alerts?since=start", ADMIN, feed);
        producing.join();

        await().atMost(WAIT).untilAsserted(() -> assertThat(feed.alertIds()).hasSize(300));
        List<String> received = feed.alertIds();
        assertThat(new HashSet<>(received)).hasSize(300).containsExactlyInAnyOrderElementsOf(produced);
    }
}
