package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.alert;
import static io.learnpulse.gateway.Fixtures.ids;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.gateway.GatewayClient.RawAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The REST API over a store, without a broker: filters and cursor paging, acknowledgements with their
 * trail and stats, precise errors for hostile input, and {@code /health} when Kafka is not there.
 */
class GatewayApiTest {

    @RegisterExtension
    static final AppHarness APP = AppHarness.perTest();

    @Test
    void filtersAndCursorPagingNewestFirst() {
        List<String> expectedNewestFirst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = String.format("p%02d", i);
            String cohort = i % 3 == 0 ? "k2" : "k1";
            APP.storeAlerts(alert(id, "u" + i % 4, cohort, i % 2 == 0 ? "ENGAGEMENT_DROP"
                    : "LOW_CONSISTENCY", i % 2 == 0 ? "MEDIUM" : "LOW", "2026-11-2" + (i / 4) + "T0" + (i % 4)
                    + ":00:00Z"));
        }
        // two alerts at the same instant: the alertId breaks the tie
        APP.storeAlerts(alert("tie-b", "u9", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-19T00:00:00Z"));
        APP.storeAlerts(alert("tie-a", "u9", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-19T00:00:00Z"));
        for (int i = 11; i >= 0; i--) {
            expectedNewestFirst.add(String.format("p%02d", i));
        }
        expectedNewestFirst.add("tie-b");
        expectedNewestFirst.add("tie-a");
        assertThat(json(APP.get("/api/alerts?limit=100", ADMIN)).path("items")).hasSize(14);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "/api/alerts?limit=5" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = json(APP.get(query, ADMIN));
            paged.addAll(ids(page));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
            if (pages == 1) {
                // an alert newer than everything arrives between pages: it does not shift the later pages
                APP.storeAlerts(alert("late-new", "u1", "k1", "HIGH_PERFORMANCE", "LOW",
                        "2026-12-01T00:00:00Z"));
            }
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(expectedNewestFirst);

        assertThat(ids(json(APP.get("/api/alerts?cohortId=k2&limit=100", ADMIN))))
                .containsExactly("p09", "p06", "p03", "p00");
        assertThat(ids(json(APP.get("/api/alerts?userId=u1&type=LOW_CONSISTENCY", ADMIN))))
                .containsExactly("p09", "p05", "p01");
        assertThat(ids(json(APP.get("/api/alerts?severity=MEDIUM&cohortId=k1", ADMIN))))
                .containsExactly("p10", "p08", "p04", "p02");
        assertThat(ids(json(APP.get("/api/alerts?from=2026-11-21&to=2026-11-21T02:00:00Z", ADMIN))))
                .containsExactly("p05", "p04");
        assertThat(ids(json(APP.get("/api/alerts?status=ACKNOWLEDGED", ADMIN)))).isEmpty();
        // an instructor without cohortId sees only its cohorts
        assertThat(ids(json(APP.get("/api/alerts?limit=100&to=2026-11-30T00:00:00Z", INSTRUCTOR_K1))))
                .doesNotContain("p09", "p06", "p03", "p00").contains("p11", "tie-a");
    }

    @Test
    void acknowledgementIsIdempotentAndFeedsTheTrailAndStats() {
        APP.storeAlerts(alert("ack-me", "u1", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-24T10:00:00Z"));
        APP.storeAlerts(alert("other", "u2", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-24T11:00:00Z"));
        assertThat(APP.get("/api/alerts/other", ADMIN).statusCode()).isEqualTo(200);

        HttpResponse<String> first = APP.post("/api/alerts/ack-me/ack", INSTRUCTOR_K1,
                "{\"note\":\"called them\",\"reason\":\"useful\"}");
        assertThat(first.statusCode()).isEqualTo(200);
        HttpResponse<String> again = APP.post("/api/alerts/ack-me/ack", INSTRUCTOR_K1,
                "{\"note\":\"called them\",\"reason\":\"useful\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(APP.post("/api/alerts/ack-me/ack", ADMIN, "{\"reason\":\"not_useful\"}").statusCode())
                .isEqualTo(200);

        JsonNode detail = json(APP.get("/api/alerts/ack-me", ADMIN));
        assertThat(detail.path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(detail.path("alertId").asText()).isEqualTo("ack-me");
        JsonNode trail = detail.path("acknowledgements");
        assertThat(trail).hasSize(2);
        assertThat(trail.get(0).path("by").asText()).isEqualTo("alice");
        assertThat(trail.get(0).path("note").asText()).isEqualTo("called them");
        assertThat(trail.get(0).path("reason").asText()).isEqualTo("useful");
        assertThat(trail.get(0).path("at").asText()).isNotBlank();
        assertThat(trail.get(1).path("by").asText()).isEqualTo("root");

        JsonNode stats = json(APP.get("/api/alerts/stats?cohortId=k1", INSTRUCTOR_K1));
        assertThat(stats.path("total").asLong()).isEqualTo(2);
        assertThat(stats.path("byType").path("CONSECUTIVE_LOW_SCORES").asLong()).isEqualTo(2);
        assertThat(stats.path("bySeverity").path("HIGH").asLong()).isEqualTo(2);
        assertThat(stats.path("byStatus").path("ACKNOWLEDGED").asLong()).isEqualTo(1);
        assertThat(stats.path("byStatus").path("OPEN").asLong()).isEqualTo(1);
        JsonNode feedback = stats.path("feedbackByType").path("CONSECUTIVE_LOW_SCORES");
        assertThat(feedback.path("acknowledgements").asLong()).isEqualTo(2);
        assertThat(feedback.path("usefulShare").asDouble()).isEqualTo(0.5);

        assertThat(ids(json(APP.get("/api/alerts?status=ACKNOWLEDGED", ADMIN)))).containsExactly("ack-me");
        assertThat(APP.get("/api/alerts/nope", ADMIN).statusCode()).isEqualTo(404);
        assertThat(json(APP.get("/api/alerts/nope", ADMIN)).path("error").asText()).contains("nope");
        assertThat(APP.post("/api/alerts/nope/ack", ADMIN, "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void acknowledgementsWhileAlertsKeepArrivingAllSucceed() {
        for (int i = 0; i < 20; i++) {
            APP.storeAlerts(alert("first" + i, "u1", "k1", "LOW_CONSISTENCY", "LOW", "2026-11-24T10:00:00Z"));
        }
        assertThat(APP.get("/api/alerts/first19", ADMIN).statusCode()).isEqualTo(200);
        // a writer like the consumer loop, and acknowledgements, really at the same time
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 200; i++) {
                    APP.storeAlerts(alert("more" + i, "u2", "k1", "LOW_CONSISTENCY", "LOW",
                            "2026-11-24T11:00:00Z"));
                }
            }, threads);
            List<CompletableFuture<Integer>> acks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String path = "/api/alerts/first" + i + "/ack";
                acks.add(CompletableFuture.supplyAsync(() ->
                        APP.post(path, ADMIN, "{\"reason\":\"useful\"}").statusCode(), threads));
            }
            assertThat(acks.stream().map(CompletableFuture::join).toList()).containsOnly(200);
            producing.join();
        } finally {
            threads.shutdownNow();
        }
        assertThat(APP.get("/api/alerts/more199", ADMIN).statusCode()).isEqualTo(200);
        assertThat(json(APP.get("/api/alerts/stats", ADMIN)).path("byStatus").path("ACKNOWLEDGED").asLong())
                .isEqualTo(20);
    }

    @Test
    void hostileInputGetsPreciseErrors() {
        APP.storeAlerts(alert("safe", "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:00:00Z"));
        assertThat(APP.get("/api/alerts/safe", ADMIN).statusCode()).isEqualTo(200);

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
            HttpResponse<String> response = APP.get("/api/alerts?userId=" + encode(hostile), ADMIN);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).path("items")).isEmpty();
            assertThat(APP.get("/api/alerts/" + encode(hostile), ADMIN).statusCode()).isEqualTo(404);
        }
        assertThat(ids(json(APP.get("/api/alerts", ADMIN)))).containsExactly("safe");

        HttpResponse<String> badJson = APP.post("/api/alerts/safe/ack", ADMIN, "{not json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(json(badJson).path("error").asText()).contains("body");
        HttpResponse<String> badReason = APP.post("/api/alerts/safe/ack", ADMIN, "{\"reason\":\"because\"}");
        assertThat(badReason.statusCode()).isEqualTo(400);
        assertThat(json(badReason).path("error").asText()).contains("reason");

        RawAnswer huge = APP.postWithoutWaiting("/api/alerts/safe/ack", ADMIN,
                ("{\"note\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8), false);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.json().path("error").asText()).contains("larger");
        RawAnswer chunkedHuge = APP.postWithoutWaiting("/api/alerts/safe/ack", ADMIN,
                new byte[10 * 1024 * 1024], true);
        assertThat(chunkedHuge.statusCode()).isEqualTo(413);
        assertThat(json(APP.get("/api/alerts/safe", ADMIN)).path("acknowledgements")).isEmpty();
        assertThat(APP.get("/api/nothing-here", ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void healthIsOpenAndSaysDegradedWithoutABroker() {
        HttpResponse<String> health = APP.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode body = json(health);
        assertThat(body.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.path("database").path("up").asBoolean()).isTrue();
        assertThat(body.path("kafka").path("reachable").asBoolean()).isFalse();
        assertThat(body.path("kafka").path("brokers").asInt()).isZero();
        assertThat(body.path("consumer").path("running").asBoolean()).isFalse();
    }

    private void assertBadParameter(String pathAndQuery, String parameter) {
        HttpResponse<String> response = APP.get(pathAndQuery, ADMIN);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
        assertThat(json(response).path("error").asText()).as(pathAndQuery).contains(parameter);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
