package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K2;
import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.Fixtures.alert;
import static io.learnpulse.gateway.Fixtures.figures;
import static io.learnpulse.gateway.Fixtures.risk;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/users/{userId}/risk} and {@code GET /api/cohorts/{cohortId}/summary} on the app over a store:
 * what each role sees, the history's order and pages, and a cohort's summary. The auth matrix rows are in
 * {@link GatewayAuthTest}.
 */
class RiskRoutesTest {

    @RegisterExtension
    static final AppHarness APP = AppHarness.perClass();

    @BeforeAll
    static void prepare() throws Exception {
        APP.storeRisks(
                risk("u1", "c1", "k1", "2026-11-20T00:00:00Z", 0.3, "low"),
                risk("u1", "c1", "k1", "2026-11-21T00:00:00Z", 0.58, "medium"),
                risk("u1", "c1", "k1", "2026-11-22T00:00:00Z", 0.77, "high"),
                risk("u1", "c2", "k2", "2026-11-21T12:00:00Z", 0.2, "low"),
                risk("u2", "c1", "k1", "2026-11-22T00:00:00Z", 0.55, "medium"),
                risk("u3", "c1", "k2", "2026-11-22T00:00:00Z", 0.9, "high"));
        APP.storeAlerts(alert("a1", "u2", "k1", "MISSED_DEADLINE", "HIGH", "2026-11-21T00:00:00Z"),
                alert("a2", "u1", "k1", "AT_RISK", "HIGH", "2026-11-22T00:00:00Z"),
                alert("a3", "u4", "k1", "ENGAGEMENT_DROP", "MEDIUM", "2026-11-22T00:00:00Z"));
        APP.storeFigures(figures("u5", "k1", "2026-11-22", 3));
    }

    private static List<String> moments(JsonNode items) {
        List<String> moments = new ArrayList<>();
        items.forEach(item -> moments.add(item.path("courseId").asText() + "@" + item.path("at").asText()));
        return moments;
    }

    @Test
    void anAdminGetsTheLatestScoreWithItsFactorsAndTheHistoryNewestFirst() {
        JsonNode answer = json(APP.get("/api/users/u1/risk", ADMIN));

        assertThat(answer.path("userId").asText()).isEqualTo("u1");
        JsonNode latest = answer.path("latest");
        assertThat(latest.path("at").asText()).isEqualTo("2026-11-22T00:00:00Z");
        assertThat(latest.path("risk").asDouble()).isEqualTo(0.77);
        assertThat(latest.path("band").asText()).isEqualTo("high");
        assertThat(latest.path("modelVersion").asText()).isEqualTo("test-1");
        assertThat(latest.path("factors").get(0).path("name").asText()).isEqualTo("shareMissed");
        assertThat(latest.path("factors").get(0).path("value").asDouble()).isEqualTo(0.5);
        assertThat(latest.path("factors").get(0).path("contribution").asDouble()).isEqualTo(1.25);
        assertThat(latest.path("factors").get(1).path("value").isNull()).as("a factor without a value yet").isTrue();
        assertThat(moments(answer.path("courses"))).as("the latest of each course, most at risk first")
                .containsExactly("c1@2026-11-22T00:00:00Z", "c2@2026-11-21T12:00:00Z");
        assertThat(moments(answer.path("items"))).containsExactly("c1@2026-11-22T00:00:00Z",
                "c2@2026-11-21T12:00:00Z", "c1@2026-11-21T00:00:00Z", "c1@2026-11-20T00:00:00Z");
        assertThat(answer.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void theHistoryIsPagedAndNarrowedToACourse() {
        JsonNode first = json(APP.get("/api/users/u1/risk?limit=3", ADMIN));
        assertThat(first.path("items")).hasSize(3);
        JsonNode second = json(APP.get("/api/users/u1/risk?limit=3&cursor=" + first.path("nextCursor").asText(),
                ADMIN));
        assertThat(moments(second.path("items"))).containsExactly("c1@2026-11-20T00:00:00Z");
        assertThat(second.path("nextCursor").isNull()).isTrue();

        JsonNode c2 = json(APP.get("/api/users/u1/risk?courseId=c2", ADMIN));
        assertThat(moments(c2.path("items"))).containsExactly("c2@2026-11-21T12:00:00Z");
        assertThat(c2.path("latest").path("courseId").asText()).isEqualTo("c2");
    }

    @Test
    void eachRoleSeesWhatItMay() {
        assertThat(moments(json(APP.get("/api/users/u1/risk", LEARNER_U1)).path("items"))).hasSize(4);
        // the instructor of k1 sees u1's scores in k1 only; the instructor of k2 the one in k2
        assertThat(moments(json(APP.get("/api/users/u1/risk", INSTRUCTOR_K1)).path("items"))).containsExactly(
                "c1@2026-11-22T00:00:00Z", "c1@2026-11-21T00:00:00Z", "c1@2026-11-20T00:00:00Z");
        JsonNode k2 = json(APP.get("/api/users/u1/risk", INSTRUCTOR_K2));
        assertThat(moments(k2.path("items"))).containsExactly("c2@2026-11-21T12:00:00Z");
        assertThat(k2.path("latest").path("risk").asDouble()).isEqualTo(0.2);
        // u3 is scored in k2 only: not a learner of k1's instructor
        assertThat(APP.get("/api/users/u3/risk", INSTRUCTOR_K1).statusCode()).isEqualTo(403);
    }

    @Test
    void aLearnerNeverScoredHasNoLatestAndNoHistory() {
        JsonNode answer = json(APP.get("/api/users/u5/risk", INSTRUCTOR_K1));
        assertThat(answer.path("latest").isNull()).isTrue();
        assertThat(answer.path("courses")).isEmpty();
        assertThat(answer.path("items")).isEmpty();
    }

    @Test
    void theCohortSummaryListsItsLearnersTheirBandsOpenAlertsAndWhomToLookAtFirst() {
        JsonNode summary = json(APP.get("/api/cohorts/k1/summary", INSTRUCTOR_K1));

        assertThat(summary.path("cohortId").asText()).isEqualTo("k1");
        assertThat(summary.path("learnerCount").asInt()).isEqualTo(4);
        List<String> learners = new ArrayList<>();
        summary.path("learners").forEach(l -> learners.add(l.path("userId").asText() + ":" + l.path("band").asText()));
        // u1's band in k1 is his latest score there (high), not that of his course in k2
        assertThat(learners).containsExactly("u1:high", "u2:medium", "u4:null", "u5:null");
        assertThat(summary.path("learnersByBand").path("high").asInt()).isEqualTo(1);
        assertThat(summary.path("learnersByBand").path("medium").asInt()).isEqualTo(1);
        assertThat(summary.path("learnersByBand").path("low").asInt()).isZero();
        assertThat(summary.path("learnersByBand").path("unscored").asInt()).isEqualTo(2);
        assertThat(summary.path("openAlerts").path("total").asInt()).isEqualTo(3);
        assertThat(summary.path("openAlerts").path("byType").path("MISSED_DEADLINE").path("HIGH").asInt()).isEqualTo(1);
        assertThat(summary.path("openAlerts").path("byType").path("AT_RISK").path("HIGH").asInt()).isEqualTo(1);
        assertThat(summary.path("openAlerts").path("bySeverity").path("MEDIUM").asInt()).isEqualTo(1);
        List<String> first = new ArrayList<>();
        summary.path("lookFirst").forEach(l -> first.add(l.path("userId").asText()));
        assertThat(first).containsExactly("u1", "u2", "u4");
        assertThat(summary.path("lookFirst").get(1).path("openConcerns").path("HIGH").asInt()).isEqualTo(1);

        assertThat(json(APP.get("/api/cohorts/k1/summary?top=1", ADMIN)).path("lookFirst")).hasSize(1);
    }

    @Test
    void badParametersAreRefused() {
        assertThat(APP.get("/api/users/u1/risk?limit=0", ADMIN).statusCode()).isEqualTo(400);
        assertThat(APP.get("/api/users/u1/risk?cursor=nonsense", ADMIN).statusCode()).isEqualTo(400);
        assertThat(APP.get("/api/cohorts/k1/summary?top=101", ADMIN).statusCode()).isEqualTo(400);
        assertThat(APP.get("/api/users/" + "u".repeat(257) + "/risk", ADMIN).statusCode()).isEqualTo(404);
    }
}
