package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.burst;
import static io.learnpulse.gateway.GatewayClient.json;
import static io.learnpulse.gateway.GatewayExtension.onDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.gateway.store.TestDatabase;
import io.learnpulse.testkit.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault "the Kafka broker stopped for 30 s and restarted under load", for a gateway on SQLite and
 * one on PostgreSQL at once: the broker (its own, the test stops it) goes down while they are storing
 * a burst, stays down 30 s while more alerts are produced (the producer holds them), and comes back on
 * its port. Throughout the outage {@code /health} says 503 with Kafka unreachable while REST keeps
 * answering from the database; afterwards each gateway has reconnected by itself: every alert stored
 * once, its offsets committed, and a WebSocket client connected all along has received each alert once.
 */
class BrokerOutageITCase {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int BEFORE = 2000;
    private static final int DURING = 500;

    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onOwnBroker();

    @TempDir
    Path dir;

    @Test
    void theGatewayReconnectsByItselfAndLosesNothing() throws Exception {
        // one outage, seen by a gateway on SQLite and one on PostgreSQL (topics of their own each)
        List<GatewayHarness> gateways = Stream.of(TestDatabase.values())
                .map(database -> GATEWAYS.start(dir.resolve(database.name()), onDatabase(database))).toList();
        List<WsClient> clients = new ArrayList<>();
        for (GatewayHarness harness : gateways) {
            WsClient live = WsClient.reading();
            harness.connect("/ws/alerts", ADMIN, live);
            clients.add(live);
            await().atMost(WAIT).until(() -> harness.get("/health", null).statusCode() == 200);
        }

        gateways.forEach(harness -> harness.produceAlerts(burst("before-", BEFORE)));
        for (GatewayHarness harness : gateways) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> !harness.storedAlerts().isEmpty());
        }
        GATEWAYS.kafka().stopBroker();
        List<CompletableFuture<Void>> during = gateways.stream()
                .map(harness -> CompletableFuture.runAsync(() -> harness.produceAlerts(burst("during-", DURING))))
                .toList();

        // degraded for the whole outage: 503 and Kafka unreachable, REST still answering from the database
        await().atMost(WAIT).until(() -> gateways.stream().allMatch(BrokerOutageITCase::isDegraded));
        await().during(OUTAGE).atMost(OUTAGE.plus(WAIT)).until(() -> gateways.stream().allMatch(harness ->
                isDegraded(harness) && harness.get("/api/alerts?limit=1", ADMIN).statusCode() == 200));
        assertThat(during).as("the producer holds the alerts of the outage").noneMatch(CompletableFuture::isDone);

        GATEWAYS.kafka().startBroker();
        during.forEach(CompletableFuture::join);
        List<String> expected = new ArrayList<>(Fixtures.burstIds("before-", BEFORE));
        expected.addAll(Fixtures.burstIds("during-", DURING));
        for (int i = 0; i < gateways.size(); i++) {
            GatewayHarness harness = gateways.get(i);
            WsClient live = clients.get(i);
            await().atMost(WAIT).until(() -> harness.storedAlerts().size() == BEFORE + DURING);
            assertThat(harness.storedAlerts().values()).as("each alert stored once")
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(harness.storedAlerts().keySet()).as("sequences without a gap").last()
                    .isEqualTo((long) (BEFORE + DURING));
            await().atMost(WAIT).until(() -> harness.committedAlertOffsets() == BEFORE + DURING);
            await().atMost(WAIT).until(() -> harness.get("/health", null).statusCode() == 200);
            await().atMost(WAIT).until(() -> live.alertIds().size() >= BEFORE + DURING);
            assertThat(live.alertIds()).as("each alert pushed once").containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static boolean isDegraded(GatewayHarness harness) {
        var health = harness.get("/health", null);
        JsonNode body = json(health);
        return health.statusCode() == 503 && body.path("status").asText().equals("DEGRADED")
                && !body.path("kafka").path("reachable").asBoolean(true)
                && body.path("database").path("up").asBoolean();
    }
}
