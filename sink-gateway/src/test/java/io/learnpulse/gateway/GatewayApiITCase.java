package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.alert;
import static io.learnpulse.gateway.Fixtures.calendarItem;
import static io.learnpulse.gateway.Fixtures.figures;
import static io.learnpulse.gateway.Fixtures.ids;
import static io.learnpulse.gateway.Fixtures.missedDeadline;
import static io.learnpulse.gateway.Fixtures.risk;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.testkit.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What crosses Kafka: alerts, daily figures and the course calendar from a real broker into the store, onto WebSockets and
 * into REST answers, stored and pushed once, poison records counted, health with a broker. The routes'
 * own behaviour without a broker: {@link GatewayApiTest}, {@link GatewayAuthTest}.
 */
class GatewayApiITCase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();

    @TempDir
    Path dataDir;

    private GatewayHarness harness;

    @BeforeEach
    void startGateway() throws Exception {
        harness = GATEWAYS.start(dataDir,
                config -> config.with(GatewayOption.HEARTBEAT_MS, 300));
    }

    @Test
    void producedAlertsAppearInRestAndOnSubscribedWebSocket() {
        WsClient k1Feed = WsClient.reading();
        harness.connect("/ws/alerts?cohortId=k1", INSTRUCTOR_K1, k1Feed);
        WsClient highFeed = WsClient.reading();
        harness.connect("/ws/alerts?severity=HIGH", ADMIN, highFeed);
        harness.awaitWebSocketClients("alerts", 2);

        harness.produceAlert("u1", alert("a1", "u1", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-24T10:15:00Z"));
        harness.produceAlert("u2", alert("a2", "u2", "k2", "ENGAGEMENT_DROP", "MEDIUM", "2026-11-24T11:00:00Z"));
        harness.produceAlert("u3", alert("a3", "u3", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T12:00:00Z"));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(json(harness.get("/api/alerts", ADMIN)).path("items")).hasSize(3));
        JsonNode page = json(harness.get("/api/alerts", ADMIN));
        assertThat(ids(page)).containsExactly("a3", "a2", "a1");
        assertThat(page.path("nextCursor").isNull()).isTrue();
        JsonNode first = page.path("items").get(2);
        assertThat(first.path("metrics").path("scores").get(0).asDouble()).isEqualTo(0.4);
        assertThat(first.path("status").asText()).isEqualTo("OPEN");
        assertThat(first.path("cohortId").asText()).isEqualTo("k1");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(k1Feed.alertIds()).containsExactlyInAnyOrder("a1", "a3");
            assertThat(highFeed.alertIds()).containsExactly("a1");
        });
        JsonNode frame = k1Feed.ofKind("alert").get(0);
        assertThat(frame.path("alert").path("metrics").isObject()).isTrue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(k1Feed.ofKind("heartbeat")).isNotEmpty());
        assertThat(k1Feed.ofKind("heartbeat").get(0).toString()).isEqualTo("{\"kind\":\"heartbeat\"}");
    }

    @Test
    void theSameAlertProducedThreeTimesIsStoredOnceAndPushedOnce() {
        WsClient feed = WsClient.reading();
        harness.connect("/ws/alerts", ADMIN, feed);
        harness.awaitWebSocketClients("alerts", 1);
        String duplicate = alert("dup", "u1", "k1", "PERFORMANCE_DECLINE", "HIGH", "2026-11-24T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            harness.produceAlert("u1", duplicate);
        }
        harness.produceAlert("u1", alert("after", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T01:00:00Z"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(feed.alertIds()).contains("after"));
        assertThat(feed.alertIds()).containsExactly("dup", "after");
        assertThat(ids(json(harness.get("/api/alerts", ADMIN)))).containsExactly("after", "dup");
        assertThat(harness.get("/metrics", null).body())
                .contains("learnpulse_gateway_alerts_duplicates_total 2.0")
                .contains("learnpulse_gateway_alerts_stored 2.0");
    }

    @Test
    void dailyFiguresAreUpsertedQueriedAndPushed() {
        WsClient feed = WsClient.reading();
        harness.connect("/ws/metrics?userId=u1", ADMIN, feed);
        harness.awaitWebSocketClients("metrics", 1);
        harness.produceFigures("u1", figures("u1", "k1", "2026-11-23", 5));
        harness.produceFigures("u1", figures("u1", "k1", "2026-11-24", 7));
        harness.produceFigures("u1", figures("u1", "k1", "2026-11-24", 12));
        harness.produceFigures("u1", figures("u1", "k1", "2026-11-24", 12)); // no change: not pushed
        harness.produceFigures("u2", figures("u2", "k1", "2026-11-24", 1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(json(harness.get("/api/users/u1/metrics", ADMIN))
                .path("items").findValues("events").stream().map(JsonNode::asInt).toList()).containsExactly(5, 12));
        JsonNode day = json(harness.get("/api/users/u1/metrics?from=2026-11-24&to=2026-11-24", ADMIN)).path("items");
        assertThat(day).hasSize(1);
        assertThat(day.get(0).path("meanScore").asDouble()).isEqualTo(0.55);
        assertThat(day.get(0).path("progress").isNull()).isTrue();
        assertThat(day.get(0).path("consistency7d").asDouble()).isEqualTo(0.43);
        await().atMost(WAIT).untilAsserted(() -> assertThat(feed.ofKind("metrics")).hasSize(3));
        assertThat(feed.ofKind("metrics").stream().map(f -> f.path("metrics").path("events").asInt()).toList())
                .containsExactly(5, 7, 12);
    }

    @Test
    void poisonRecordsAreQuarantinedAndCounted() {
        harness.produceAlert("u1", "not json at all");
        harness.produceAlert("u1", "{\"alertId\":\"x\"}");
        harness.produceAlert("u1", alert("bad-type", "u1", "k1", "NOT_A_RULE", "HIGH", "2026-11-24T10:00:00Z"));
        harness.produceFigures("u1", "{\"userId\":\"u1\",\"day\":\"yesterday\"}");
        harness.produceAlert("u1", alert("good", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:00:00Z"));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(ids(json(harness.get("/api/alerts", ADMIN)))).containsExactly("good"));
        String metrics = harness.get("/metrics", null).body();
        assertThat(metrics).contains("learnpulse_gateway_records_poison_total{topic=\"" + harness.alertsTopic + "\"} 3.0");
        assertThat(metrics).contains("learnpulse_gateway_records_poison_total{topic=\"" + harness.metricsTopic + "\"} 1.0");
    }

    @Test
    void theCourseCalendarTopicIsStoredAndMissedDeadlinesArePushedAndCounted() {
        WsClient feed = WsClient.reading();
        harness.connect("/ws/alerts?severity=HIGH", ADMIN, feed);
        harness.awaitWebSocketClients("alerts", 1);
        harness.produceCalendar("math/A1", calendarItem("math", "A1", "Assignment 1", "2026-11-10T23:59:00Z"));
        harness.produceCalendar("math/A2", calendarItem("math", "A2", "Assignment 2", "2026-11-17T23:59:00Z"));
        harness.produceCalendar("math/A3", calendarItem("math", "A3", "Assignment 3", "2026-11-24T23:59:00Z"));
        harness.produceCalendar("math/A2", calendarItem("math", "A2", "Assignment 2 (moved)", "2026-11-19T23:59:00Z"));
        harness.produceCalendar("math/A3", "{\"courseId\":\"math\",\"assessmentId\":\"A3\",\"deleted\":true}");
        harness.produceCalendar("math/A5", "{\"courseId\":\"math\",\"assessmentId\":\"A5\"}"); // no dueAt
        harness.produceCalendar("math/A6", "{\"courseId\":\"math\",");
        harness.produceAlert("u1", missedDeadline("m1", "u1", "k1", "math", "A1", "Assignment 1",
                "2026-11-10T23:59:00Z", "2026-11-11T23:59:00Z"));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode items = json(harness.get("/api/courses/math/calendar", ADMIN)).path("items");
            assertThat(items).hasSize(2);
            assertThat(items.get(0).path("missed").asLong()).isEqualTo(1);
            assertThat(items.get(1).path("title").asText()).isEqualTo("Assignment 2 (moved)");
        });
        JsonNode items = json(harness.get("/api/courses/math/calendar", ADMIN)).path("items");
        assertThat(items.get(0).path("assessmentId").asText()).isEqualTo("A1");
        assertThat(items.get(1).path("dueAt").asText()).isEqualTo("2026-11-19T23:59:00Z");
        assertThat(items.get(1).path("missed").asLong()).isZero();
        await().atMost(WAIT).untilAsserted(() -> assertThat(feed.alertIds()).containsExactly("m1"));
        assertThat(feed.ofKind("alert").get(0).path("alert").path("metrics").path("dueAt").asText())
                .isEqualTo("2026-11-10T23:59:00Z");
        assertThat(harness.get("/metrics", null).body())
                .contains("learnpulse_gateway_records_poison_total{topic=\"" + harness.calendarTopic + "\"} 2.0");
    }

    @Test
    void riskScoresFromTheirTopicAreStoredOnceAndBadOnesQuarantinedAndCounted() {
        String score = risk("u1", "c1", "k1", "2026-11-22T00:00:00Z", 0.77, "high");
        harness.produceRisk("u1", risk("u1", "c1", "k1", "2026-11-21T00:00:00Z", 0.58, "medium"));
        harness.produceRisk("u1", score);
        harness.produceRisk("u1", score); // an at-least-once duplicate
        harness.produceRisk("u1", score.replace("\"band\":\"high\"", "\"band\":\"dire\""));
        harness.produceRisk("u1", "{\"userId\":\"u1\",");

        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.get("/metrics", null).body())
                .contains("learnpulse_gateway_records_poison_total{topic=\"" + harness.riskTopic + "\"} 2.0"));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode answer = json(harness.get("/api/users/u1/risk", ADMIN));
            assertThat(answer.path("items")).hasSize(2);
            assertThat(answer.path("latest").path("band").asText()).isEqualTo("high");
        });
    }

    @Test
    void healthReportsDatabaseKafkaAndLagAndTheStaticPageIsServed() {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> health = harness.get("/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = json(health);
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.path("database").path("up").asBoolean()).isTrue();
            assertThat(body.path("kafka").path("reachable").asBoolean()).isTrue();
            assertThat(body.path("consumer").path("running").asBoolean()).isTrue();
            assertThat(body.path("consumer").path("lag").asLong()).isZero();
        });
        HttpResponse<String> page = harness.get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("learnpulse");
        harness.get("/api/alerts", ADMIN);
        String metrics = harness.get("/metrics", null).body();
        assertThat(metrics).contains("learnpulse_gateway_http_requests_seconds_count{method=\"GET\",route=\"/api/alerts\"");
        assertThat(metrics).contains("learnpulse_gateway_websocket_clients{endpoint=\"alerts\"}");
        assertThat(metrics).contains("learnpulse_gateway_websocket_messages_sent_total");
        assertThat(metrics).contains("learnpulse_gateway_websocket_messages_dropped_total");
    }
}
