package io.learnpulse.gateway;

import static io.learnpulse.gateway.GatewayHarness.ADMIN;
import static io.learnpulse.gateway.GatewayHarness.INSTRUCTOR_K1;
import static io.learnpulse.gateway.GatewayHarness.alert;
import static io.learnpulse.gateway.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.kafka.LocalKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts and daily figures from a real broker through the gateway's REST API and WebSockets. */
class GatewayApiITCase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static LocalKafka kafka;

    @TempDir
    Path dataDir;

    private GatewayHarness harness;

    @BeforeAll
    static void startKafka() {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void startGateway() throws Exception {
        harness = new GatewayHarness(kafka, dataDir,
                config -> config.withHeartbeatInterval(Duration.ofMillis(300)));
    }

    @AfterEach
    void stopGateway() {
        harness.close();
    }

    @Test
    void producedAlertsAppearInRestAndOnSubscribedWebSocket() {
        WsRecorder k1Feed = WsRecorder.reading();
        harness.connect("/ws/alerts?cohortId=k1", INSTRUCTOR_K1, k1Feed);
        WsRecorder highFeed = WsRecorder.reading();
        harness.connect("/ws/alerts?severity=HIGH", ADMIN, highFeed);

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
    void filtersAndCursorPagingNewestFirst() {
        List<String> expectedNewestFirst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = String.format("p%02d", i);
            String cohort = i % 3 == 0 ? "k2" : "k1";
            harness.produceAlert("u" + i % 4, alert(id, "u" + i % 4, cohort, i % 2 == 0 ? "ENGAGEMENT_DROP"
                    : "LOW_CONSISTENCY", i % 2 == 0 ? "MEDIUM" : "LOW", "2026-11-2" + (i / 4) + "T0" + (i % 4)
                    + ":00:00Z"));
        }
        // two alerts at the same instant: the alertId breaks the tie
        harness.produceAlert("u9", alert("tie-b", "u9", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-19T00:00:00Z"));
        harness.produceAlert("u9", alert("tie-a", "u9", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-19T00:00:00Z"));
        for (int i = 11; i >= 0; i--) {
            expectedNewestFirst.add(String.format("p%02d", i));
        }
        expectedNewestFirst.add("tie-b");
        expectedNewestFirst.add("tie-a");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(json(harness.get("/api/alerts?limit=100", ADMIN)).path("items")).hasSize(14));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "/api/alerts?limit=5" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = json(harness.get(query, ADMIN));
            paged.addAll(ids(page));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
            if (pages == 1) {
                // an alert newer than everything arrives between pages: it does not shift the later pages
                harness.produceAlert("u1", alert("late-new", "u1", "k1", "HIGH_PERFORMANCE", "LOW",
                        "2026-12-01T00:00:00Z"));
            }
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(expectedNewestFirst);

        assertThat(ids(json(harness.get("/api/alerts?cohortId=k2&limit=100", ADMIN))))
                .containsExactly("p09", "p06", "p03", "p00");
        assertThat(ids(json(harness.get("/api/alerts?userId=u1&type=LOW_CONSISTENCY", ADMIN))))
                .containsExactly("p09", "p05", "p01");
        assertThat(ids(json(harness.get("/api/alerts?severity=MEDIUM&cohortId=k1", ADMIN))))
                .containsExactly("p10", "p08", "p04", "p02");
        assertThat(ids(json(harness.get("/api/alerts?from=2026-11-21&to=2026-11-21T02:00:00Z", ADMIN))))
                .containsExactly("p05", "p04");
        assertThat(ids(json(harness.get("/api/alerts?status=ACKNOWLEDGED", ADMIN)))).isEmpty();
        // an instructor without cohortId sees only its cohorts
        assertThat(ids(json(harness.get("/api/alerts?limit=100&to=2026-11-30T00:00:00Z", INSTRUCTOR_K1))))
                .doesNotContain("p09", "p06", "p03", "p00").contains("p11", "tie-a");
    }

    @Test
    void theSameAlertProducedThreeTimesIsStoredOnceAndPushedOnce() {
        WsRecorder feed = WsRecorder.reading();
        harness.connect("/ws/alerts", ADMIN, feed);
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
    void acknowledgementIsIdempotentAndFeedsTheTrailAndStats() {
        harness.produceAlert("u1", alert("ack-me", "u1", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-24T10:00:00Z"));
        harness.produceAlert("u2", alert("other", "u2", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-24T11:00:00Z"));
        await().atMost(WAIT).until(() -> harness.get("/api/alerts/other", ADMIN).statusCode() == 200);

        HttpResponse<String> first = harness.post("/api/alerts/ack-me/ack", INSTRUCTOR_K1,
                "{\"note\":\"called them\",\"reason\":\"useful\"}");
        assertThat(first.statusCode()).isEqualTo(200);
        HttpResponse<String> again = harness.post("/api/alerts/ack-me/ack", INSTRUCTOR_K1,
                "{\"note\":\"called them\",\"reason\":\"useful\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(harness.post("/api/alerts/ack-me/ack", ADMIN, "{\"reason\":\"not_useful\"}").statusCode())
                .isEqualTo(200);

        JsonNode detail = json(harness.get("/api/alerts/ack-me", ADMIN));
        assertThat(detail.path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(detail.path("alertId").asText()).isEqualTo("ack-me");
        JsonNode trail = detail.path("acknowledgements");
        assertThat(trail).hasSize(2);
        assertThat(trail.get(0).path("by").asText()).isEqualTo("alice");
        assertThat(trail.get(0).path("note").asText()).isEqualTo("called them");
        assertThat(trail.get(0).path("reason").asText()).isEqualTo("useful");
        assertThat(trail.get(0).path("at").asText()).isNotBlank();
        assertThat(trail.get(1).path("by").asText()).isEqualTo("root");

        JsonNode stats = json(harness.get("/api/alerts/stats?cohortId=k1", INSTRUCTOR_K1));
        assertThat(stats.path("total").asLong()).isEqualTo(2);
        assertThat(stats.path("byType").path("CONSECUTIVE_LOW_SCORES").asLong()).isEqualTo(2);
        assertThat(stats.path("bySeverity").path("HIGH").asLong()).isEqualTo(2);
        assertThat(stats.path("byStatus").path("ACKNOWLEDGED").asLong()).isEqualTo(1);
        assertThat(stats.path("byStatus").path("OPEN").asLong()).isEqualTo(1);
        JsonNode feedback = stats.path("feedbackByType").path("CONSECUTIVE_LOW_SCORES");
        assertThat(feedback.path("acknowledgements").asLong()).isEqualTo(2);
        assertThat(feedback.path("usefulShare").asDouble()).isEqualTo(0.5);

        assertThat(ids(json(harness.get("/api/alerts?status=ACKNOWLEDGED", ADMIN)))).containsExactly("ack-me");
        assertThat(harness.get("/api/alerts/nope", ADMIN).statusCode()).isEqualTo(404);
        assertThat(json(harness.get("/api/alerts/nope", ADMIN)).path("error").asText()).contains("nope");
        assertThat(harness.post("/api/alerts/nope/ack", ADMIN, "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void acknowledgementsWhileAlertsKeepArrivingAllSucceed() throws Exception {
        for (int i = 0; i < 20; i++) {
            harness.produceAlert("u1", alert("first" + i, "u1", "k1", "LOW_CONSISTENCY", "LOW", "2026-11-24T10:00:00Z"));
        }
        await().atMost(WAIT).until(() -> harness.get("/api/alerts/first19", ADMIN).statusCode() == 200);
        java.util.concurrent.CompletableFuture<Void> producing = java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200; i++) {
                harness.produceAlert("u2", alert("more" + i, "u2", "k1", "LOW_CONSISTENCY", "LOW", "2026-11-24T11:00:00Z"));
            }
        });
        List<java.util.concurrent.CompletableFuture<Integer>> acks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String path = "/api/alerts/first" + i + "/ack";
            acks.add(java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    harness.post(path, ADMIN, "{\"reason\":\"useful\"}").statusCode()));
        }
        assertThat(acks.stream().map(java.util.concurrent.CompletableFuture::join).toList()).containsOnly(200);
        producing.join();
        await().atMost(WAIT).until(() -> harness.get("/api/alerts/more199", ADMIN).statusCode() == 200);
        assertThat(json(harness.get("/api/alerts/stats", ADMIN)).path("byStatus").path("ACKNOWLEDGED").asLong())
                .isEqualTo(20);
    }

    @Test
    void dailyFiguresAreUpsertedQueriedAndPushed() {
        WsRecorder feed = WsRecorder.reading();
        harness.connect("/ws/metrics?userId=u1", ADMIN, feed);
        harness.produceFigures("u1", GatewayHarness.figures("u1", "k1", "2026-11-23", 5));
        harness.produceFigures("u1", GatewayHarness.figures("u1", "k1", "2026-11-24", 7));
        harness.produceFigures("u1", GatewayHarness.figures("u1", "k1", "2026-11-24", 12));
        harness.produceFigures("u1", GatewayHarness.figures("u1", "k1", "2026-11-24", 12)); // no change: not pushed
        harness.produceFigures("u2", GatewayHarness.figures("u2", "k1", "2026-11-24", 1));

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
    void poisonRecordsAreSkippedAndCounted() {
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
    void hostileInputGetsPreciseErrors() {
        harness.produceAlert("u1", alert("safe", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:00:00Z"));
        await().atMost(WAIT).until(() -> harness.get("/api/alerts/safe", ADMIN).statusCode() == 200);

        assertBadParameter("/api/alerts?limit=abc", "limit");
        assertBadParameter("/api/alerts?limit=0", "limit");
        assertBadParameter("/api/alerts?limit=100000", "limit");
        assertBadParameter("/api/alerts?from=yesterday", "from");
        assertBadParameter("/api/alerts?from=2026-11-25&to=2026-11-24", "to");
        assertBadParameter("/api/alerts?severity=URGENT", "severity");
        assertBadParameter("/api/alerts?type=" + encode("HIGH_PERFORMANCE' OR '1'='1"), "type");
        assertBadParameter("/api/alerts?status=closed", "status");
        assertBadParameter("/api/alerts?cursor=" + encode("'; DROP TABLE alerts; --"), "cursor");
        assertBadParameter("/api/alerts?userId=" + "x".repeat(300), "userId");
        assertBadParameter("/api/alerts/stats?from=notadate", "from");
        assertBadParameter("/api/users/u1/metrics?to=2026-13-45", "to");

        // injection strings in filters are only ever values: no match, no damage
        for (String hostile : List.of("u1' OR '1'='1", "u1\" OR 1=1 --", "'; DROP TABLE alerts; --", "%", "u_")) {
            HttpResponse<String> response = harness.get("/api/alerts?userId=" + encode(hostile), ADMIN);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).path("items")).isEmpty();
            assertThat(harness.get("/api/alerts/" + encode(hostile), ADMIN).statusCode()).isEqualTo(404);
        }
        assertThat(ids(json(harness.get("/api/alerts", ADMIN)))).containsExactly("safe");

        HttpResponse<String> badJson = harness.post("/api/alerts/safe/ack", ADMIN, "{not json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(json(badJson).path("error").asText()).contains("body");
        HttpResponse<String> badReason = harness.post("/api/alerts/safe/ack", ADMIN, "{\"reason\":\"because\"}");
        assertThat(badReason.statusCode()).isEqualTo(400);
        assertThat(json(badReason).path("error").asText()).contains("reason");

        HttpResponse<String> huge = harness.post("/api/alerts/safe/ack", ADMIN,
                "{\"note\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge).path("error").asText()).contains("larger");
        HttpResponse<String> chunkedHuge = harness.send(HttpRequest.newBuilder(harness.uri("/api/alerts/safe/ack"))
                .header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new java.io.ByteArrayInputStream(new byte[10 * 1024 * 1024])))
                .build());
        assertThat(chunkedHuge.statusCode()).isEqualTo(413);
        assertThat(json(harness.get("/api/alerts/safe", ADMIN)).path("acknowledgements")).isEmpty();
        assertThat(harness.get("/api/nothing-here", ADMIN).statusCode()).isEqualTo(404);
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

    private void assertBadParameter(String pathAndQuery, String parameter) {
        HttpResponse<String> response = harness.get(pathAndQuery, ADMIN);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
        assertThat(json(response).path("error").asText()).as(pathAndQuery).contains(parameter);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("alertId").asText()));
        return ids;
    }

    @SuppressWarnings("unused")
    private static void close(WebSocket ws) {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
