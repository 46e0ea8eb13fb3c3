package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.burst;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.gateway.store.TestDatabase;
import io.learnpulse.testkit.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways on one PostgreSQL database and one consumer group, as behind a load balancer, over a
 * real broker: both consume (each has partitions of the alerts topic), each alert is stored once
 * although some are produced twice, a WebSocket client of either gateway receives every alert once
 * and in the same order (store order: each gateway pushes from the database), an acknowledgement
 * made on one is seen on the other, and {@code since=} on one resumes after an alert pushed by the other.
 */
class SharedDatabaseITCase {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ALERTS = 400;
    private static final int PRODUCED_TWICE = 50;

    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();

    @TempDir
    Path dir;

    @Test
    void bothConsumeEachAlertIsStoredOnceAndEitherPushesEveryAlert() {
        String url = TestDatabase.freshSchemaUrl();
        UnaryOperator<GatewayConfig> sharedDatabase = config -> config.with(GatewayOption.JDBC_URL, url);
        GatewayHarness a = GATEWAYS.start(dir.resolve("a"), sharedDatabase);
        GatewayHarness b = GATEWAYS.startAnother(a, dir.resolve("b"), sharedDatabase);
        await().atMost(WAIT).until(() -> a.membersReadingAlerts() == 2);
        WsClient onA = WsClient.reading();
        a.connect("/ws/alerts", ADMIN, onA);
        WsClient onB = WsClient.reading();
        b.connect("/ws/alerts", INSTRUCTOR_K1, onB);

        List<String> alerts = new ArrayList<>(burst("shared-", ALERTS));
        alerts.addAll(burst("shared-", PRODUCED_TWICE)); // at-least-once duplicates, on either partition
        a.produceAlerts(alerts);

        await().atMost(WAIT).until(() -> a.storedAlerts().size() == ALERTS);
        List<String> expected = Fixtures.burstIds("shared-", ALERTS);
        assertThat(a.storedAlerts().values()).as("each alert stored once").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(a.storedAlerts().keySet()).as("one sequence without a gap").last().isEqualTo((long) ALERTS);
        assertThat(a.gateway().recordsConsumed(a.alertsTopic)).as("gateway a consumed").isPositive();
        assertThat(b.gateway().recordsConsumed(b.alertsTopic)).as("gateway b consumed").isPositive();
        await().atMost(WAIT).until(() -> onA.alertIds().size() >= ALERTS && onB.alertIds().size() >= ALERTS);
        assertThat(onA.alertIds()).as("every alert pushed once by a, in store order")
                .containsExactlyElementsOf(a.storedAlerts().values());
        assertThat(onB.alertIds()).as("every alert pushed once by b, in store order")
                .containsExactlyElementsOf(a.storedAlerts().values());
        for (GatewayHarness gateway : List.of(a, b)) {
            assertThat(json(gateway.get("/api/alerts/stats", ADMIN)).path("total").asInt()).isEqualTo(ALERTS);
        }

        // an acknowledgement on one gateway is the other's too
        String acknowledged = Fixtures.burstId("shared-", 7);
        assertThat(a.post("/api/alerts/" + acknowledged + "/ack", INSTRUCTOR_K1, "{\"reason\":\"useful\"}")
                .statusCode()).isEqualTo(200);
        JsonNode onOther = json(b.get("/api/alerts/" + acknowledged, ADMIN));
        assertThat(onOther.path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(onOther.path("acknowledgements").findValuesAsText("by")).containsExactly("alice");

        // since= on b after an alert a client of a was pushed: exactly the ones after it, then live ones
        List<String> inOrder = new ArrayList<>(a.storedAlerts().values());
        int seen = ALERTS / 2;
        WsClient resumed = WsClient.reading();
        b.connect("/ws/alerts?since=" + inOrder.get(seen - 1), ADMIN, resumed);
        a.produceAlerts(burst("later-", 3));
        List<String> missedThenLive = new ArrayList<>(inOrder.subList(seen, ALERTS));
        missedThenLive.addAll(Fixtures.burstIds("later-", 3));
        await().atMost(WAIT).until(() -> resumed.alertIds().size() >= missedThenLive.size());
        assertThat(resumed.alertIds()).containsExactlyInAnyOrderElementsOf(missedThenLive);
        assertThat(resumed.alertIds().subList(0, ALERTS - seen)).as("the missed ones first, in store order")
                .containsExactlyElementsOf(inOrder.subList(seen, ALERTS));
    }
}
