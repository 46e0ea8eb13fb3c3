package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.gateway.notify.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard page in real headless Chromium against a gateway fed through a real Kafka: live
 * alerts, acknowledging, the learner's charts, and a gateway restart the page survives by itself.
 */
class DashboardBrowserITCase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Long enough for the gateway to restart and the page's backoff (at most 15 s) to try again. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(60);
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final Path OPERATIONS_SCREENSHOT = Path.of("target", "operations.png");
    private static final Path PHONE_SCREENSHOT = Path.of("target", "dashboard-phone.png");
    private static final Path PHONE_LEARNER_SCREENSHOT = Path.of("target", "dashboard-phone-learner.png");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Map<String, String> RECOMMENDATIONS = Map.of(
            "CONSECUTIVE_LOW_SCORES", "Reach out today: go through the last assessments together and offer "
                    + "targeted practice or tutoring.",
            "PERFORMANCE_DECLINE", "Check for a gap in prerequisite knowledge and suggest revisiting the "
                    + "material of those days.",
            "ENGAGEMENT_DROP", "Send a personal check-in message and point to the next concrete step or deadline.",
            "COMPLETION_STAGNATION", "Ask whether the learner is blocked and agree on a small, concrete next goal.",
            "LOW_CONSISTENCY", "Help the learner set a regular study rhythm, such as a short session every day.",
            "HIGH_PERFORMANCE", "Acknowledge the achievement and offer enrichment or more challenging material.",
            "MISSED_DEADLINE", "Contact the learner about the missed item and agree on a date to submit it.");

    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();

    @TempDir
    Path dataDir;

    @TempDir
    Path browserProfile;

    private GatewayHarness harness;
    private DashboardPage page;

    @BeforeAll
    static void requireBrowser() {
        String missing = DashboardPage.missingBrowser();
        if (missing != null) {
            fail(missing); // not a skip: CI installs Chromium (bin/test), and so must whoever runs this
        }
    }

    @AfterEach
    void stop() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void teacherSeesAlertsLiveAcknowledgesOpensALearnerAndThePageSurvivesAGatewayRestart() throws Exception {
        int port = freePort();
        harness = GATEWAYS.start(dataDir, config -> config.with(GatewayOption.HTTP_PORT, port));
        List<String> history = produceHistory();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(json(harness.get("/api/alerts", ADMIN)).path("items")).hasSize(history.size()));

        page = DashboardPage.start(browserProfile, WAIT);
        page.open("http://127.0.0.1:" + port + "/#token=" + ADMIN);
        page.awaitConnection("live");
        page.awaitCards(history);
        assertThat(page.openedWebSockets()).as("the feed resumes after the newest alert of the history")
                .anyMatch(url -> url.contains("/ws/alerts?") && url.contains("since=hist-emma-rhythm"));
        assertThat(page.currentUrl()).as("the token leaves the address bar").doesNotContain(ADMIN);
        page.awaitStat("open", String.valueOf(history.size()));
        // a missed deadline shows the calendar item's title and due date from its metrics
        assertThat(page.cardText("hist-ivan-deadline"))
                .contains("Missed deadline", "Worksheet 3", "due Sat 21 Nov", "2 missed in this course");
        // each learner's band beside their name, and whom to look at first: by risk, then open concerns
        page.awaitText("#feed li.card[data-alert-id='hist-ana-low'] .band-chip", "High risk 81%");
        page.awaitText("#feed li.card[data-alert-id='hist-ivan-deadline'] .band-chip", "Medium risk 62%");
        assertThat(page.cardText("hist-ben-star")).as("a learner in band low").contains("Low risk 12%")
                .doesNotContain("null");
        page.awaitText("#attention button[data-user-id='ana.souza'] .band-chip", "High risk 81%");
        assertThat(page.attentionLearners()).startsWith("ana.souza", "ivan.petrov", "chloe.martin", "dev.patel")
                .doesNotContain("ben.okafor");

        // an alert raised while the page is open appears without a reload
        harness.produceAlert("farid.haddad", alert("live-farid", "farid.haddad", "9A", "CONSECUTIVE_LOW_SCORES",
                "HIGH", "2026-11-24T09:40:00Z", "farid.haddad scored below 60% on 3 assessments in a row "
                        + "(0.42, 0.38, 0.51).",
                Map.of("scores", List.of(0.42, 0.38, 0.51), "threshold", 0.6, "count", 3)));
        page.awaitCard("live-farid");
        assertThat(page.cardIds().get(0)).as("newest first").isEqualTo("live-farid");
        assertThat(page.cardText("live-farid"))
                .contains("Low scores in a row", "farid.haddad", "scored below 60%", "Reach out today");

        // acknowledged with a reason and a note, the card says so and the gateway recorded it
        String note = "Called Farid's parents; extra practice on Thursday.";
        page.acknowledge("live-farid", "useful", note);
        page.awaitStatus("live-farid", "ACKNOWLEDGED");
        assertThat(page.cardText("live-farid")).contains("Acknowledged", "root", "Useful", note);
        JsonNode trail = json(harness.get("/api/alerts/live-farid", ADMIN)).path("acknowledgements");
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).path("reason").asText()).isEqualTo("useful");
        assertThat(trail.get(0).path("note").asText()).isEqualTo(note);
        page.awaitStat("acknowledged", "1");
        page.awaitStat("open", String.valueOf(history.size()));

        // the learner view draws the daily figures and lists the learner's alerts
        page.openLearner("ana.souza");
        page.awaitLearnerCharts(2);
        assertThat(page.currentUrl()).as("a learner view can be linked to").endsWith("#learner=ana.souza");
        assertThat(page.learnerText()).contains("Scores, progress and regularity", "Mean score", "Activity per day",
                "Performance decline", "Low scores in a row");
        // her risk over time on the chart, and the factors behind the latest score
        page.awaitText("#learner [data-tile='risk']", "81%", "High risk");
        assertThat(page.learnerText()).containsIgnoringCase("Why 81% (high risk)").contains("model test-1",
                "Share of assignments missed 50% +1.25", "Mean score none yet 0.00");
        assertThat(page.script("return [...document.querySelectorAll('#learner [data-chart=figures] .u-legend "
                + ".u-series')].map(s => s.innerText).join('|')").toString()).contains("Risk");
        // her trend up to her last figures (10-23 Nov): scores falling, progress rising until it stalled
        assertThat(page.learnerText()).containsIgnoringCase("Trends, 14 days to")
                .contains("Score", "falling", "Velocity", "rising", "Completion: projected");
        page.screenshot(SCREENSHOT);

        assertThat(page.consoleErrors()).as("errors in the browser console").isEmpty();

        // the gateway goes away; alerts raised meanwhile show once it is back, each exactly once
        // (the learner view reloads on reconnecting; the page reads its answer about her alerts late, see below)
        page.holdAnswers("/api/alerts?userId=ana.souza");
        harness.stop();
        page.awaitConnectionLeft("live");
        List<String> whileDown = List.of("down-gina", "down-hugo", "down-ana");
        harness.produceAlert("gina.rossi", alert("down-gina", "gina.rossi", "9B", "ENGAGEMENT_DROP", "MEDIUM",
                "2026-11-24T00:00:00Z", "gina.rossi has had no activity for 3 whole days (last seen "
                        + "2026-11-20T18:12:00Z).",
                Map.of("emptyDays", 3, "lastEventTime", "2026-11-20T18:12:00Z")));
        harness.produceAlert("hugo.berg", alert("down-hugo", "hugo.berg", "9A", "HIGH_PERFORMANCE", "LOW",
                "2026-11-24T10:05:00Z", "hugo.berg scored 90% or more on 3 assessments in a row (0.94, 0.97, 1.00).",
                Map.of("scores", List.of(0.94, 0.97, 1.0), "threshold", 0.9, "count", 3)));
        harness.produceAlert("ana.souza", alert("down-ana", "ana.souza", "9A", "COMPLETION_STAGNATION", "MEDIUM",
                "2026-11-24T11:00:00Z", "ana.souza's course progress has stayed at 55% for 120 hours.",
                Map.of("progress", 0.55, "lastIncreaseTime", "2026-11-19T11:00:00Z", "stagnationHours", 120)));
        harness.start();
        page.awaitConnection("live");
        page.awaitCards(whileDown);
        List<String> reconnects = page.openedWebSockets().stream().filter(url -> url.contains("/ws/alerts?")).toList();
        assertThat(reconnects).as("every reconnection resumes after the last alert seen").isNotEmpty()
                .allMatch(url -> url.contains("since=live-farid"));
        List<String> everything = new ArrayList<>(history);
        everything.add("live-farid");
        everything.addAll(whileDown);
        assertThat(page.cardIds()).as("every alert exactly once").containsExactlyInAnyOrderElementsOf(everything);
        page.awaitStat("open", String.valueOf(history.size() + whileDown.size()));

        // her alert raised once the gateway has answered the learner view's reload, live before the page
        // reads that answer: the answer adds to what came live meanwhile and takes none of it away
        page.awaitHeldAnswers(1);
        harness.produceAlert("ana.souza", alert("late-ana", "ana.souza", "9A", "ENGAGEMENT_DROP", "MEDIUM",
                "2026-11-24T11:30:00Z", "ana.souza has had no activity for 3 whole days (last seen "
                        + "2026-11-21T09:00:00Z).",
                Map.of("emptyDays", 3, "lastEventTime", "2026-11-21T09:00:00Z")));
        page.awaitCard("late-ana");
        everything.add("late-ana");
        page.releaseAnswers();
        page.awaitLearnerLoaded();
        assertThat(page.learnerAlertIds()).as("the learner view after its reload")
                .contains("down-ana", "late-ana").doesNotHaveDuplicates();

        // and it is live again
        harness.produceAlert("ben.okafor", alert("after-ben", "ben.okafor", "9A", "LOW_CONSISTENCY", "LOW",
                "2026-11-24T12:00:00Z", "ben.okafor was active on only 3 of the last 7 days.",
                Map.of("activeDays", 3, "windowDays", 7, "fraction", 3 / 7.0, "minFraction", 0.5)));
        page.awaitCard("after-ben");
        everything.add("after-ben");
        page.awaitStat("open", String.valueOf(history.size() + whileDown.size() + 2));
        assertThat(page.cardIds()).containsExactlyInAnyOrderElementsOf(everything);
        assertThat(page.bannerShown()).as("no error banner").isFalse();
        page.awaitLearnerCharts(2);
        assertThat(page.learnerText()).as("the open learner view got the new alert").contains("Progress stalled");
        assertThat(page.consoleErrors()).as("no script errors; refused connections while the gateway was down")
                .allMatch(error -> error.contains("ERR_CONNECTION_REFUSED") || error.contains("WebSocket connection"));
        page.screenshot(SCREENSHOT);

        // on a phone: one column, nothing to scroll sideways, the learner view covers the page
        page.resize(390, 844);
        assertThat(page.fitsWidth()).as("fits a phone's width with the learner view open").isTrue();
        page.awaitLearnerCharts(2);
        page.screenshot(PHONE_LEARNER_SCREENSHOT);
        page.back();
        page.awaitLearnerClosed();
        assertThat(page.currentUrl()).as("the back button closed the learner view").doesNotContain("#learner");
        assertThat(page.fitsWidth()).as("fits a phone's width").isTrue();
        page.screenshot(PHONE_SCREENSHOT);
    }

    @Test
    void aResumeTheGatewayCannotServeReloadsTheHistoryAndKeepsWhatCameLiveMeanwhile() throws Exception {
        int port = freePort();
        harness = GATEWAYS.start(dataDir, config -> config.with(GatewayOption.HTTP_PORT, port));
        produce("before", "ana.souza", "9A", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-20T14:05:00Z",
                "ana.souza scored below 60% on 3 assessments in a row (0.55, 0.48, 0.52).", Map.of());
        await().atMost(WAIT).until(() -> harness.get("/api/alerts/before", ADMIN).statusCode() == 200);

        page = DashboardPage.start(browserProfile, RECONNECT_WAIT);
        page.open("http://127.0.0.1:" + port + "/#token=" + ADMIN);
        page.awaitConnection("live");
        page.awaitCards(List.of("before"));
        page.openedWebSockets();

        // the gateway comes back on a database that does not know the page's last alert (a new one, say):
        // the resume is refused, the page connects live-only and reloads the whole history; the page reads
        // that answer only once an alert stored after it came live
        page.holdAnswers("/api/alerts?limit=200");
        harness.stop();
        page.awaitConnectionLeft("live");
        GatewayHarness renewed = GATEWAYS.startAnother(harness, dataDir.resolve("renewed"),
                config -> config.with(GatewayOption.HTTP_PORT, port));
        page.awaitHeldAnswers(1);
        renewed.produceAlert("ben.okafor", alert("after", "ben.okafor", "9A", "LOW_CONSISTENCY", "LOW",
                "2026-11-24T12:00:00Z", "ben.okafor was active on only 3 of the last 7 days.", Map.of()));
        page.awaitCard("after");
        page.releaseAnswers();
        page.awaitFeedLoaded();
        assertThat(page.cardIds()).as("the reloaded history adds to what came live meanwhile")
                .containsExactly("after", "before");
        List<String> sockets = page.openedWebSockets().stream().filter(url -> url.contains("/ws/alerts?")).toList();
        assertThat(sockets).as("refused with since=, then live-only").anyMatch(url -> url.contains("since=before"))
                .last().asString().doesNotContain("since=");
        assertThat(page.bannerShown()).as("no error banner").isFalse();
    }

    @Test
    void aRefusedTokenAsksForAnotherAndAnInstructorSeesOnlyTheirCohorts() throws Exception {
        String dlq = "dlq-" + UUID.randomUUID();
        GATEWAYS.kafka().createTopic(dlq, 1);
        harness = GATEWAYS.start(dataDir,
                config -> config.with(GatewayOption.DLQ_TOPIC, dlq).with(GatewayOption.OPS_SAMPLE_MS, 300));
        produce("k1-low", "ana.souza", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-20T14:05:00Z",
                "ana.souza scored below 60% on 3 assessments in a row (0.55, 0.48, 0.52).",
                Map.of("scores", List.of(0.55, 0.48, 0.52), "threshold", 0.6, "count", 3));
        produce("k2-drop", "chloe.martin", "k2", "ENGAGEMENT_DROP", "MEDIUM", "2026-11-23T00:00:00Z",
                "chloe.martin has had no activity for 3 whole days (last seen 2026-11-19T16:40:00Z).",
                Map.of("emptyDays", 3, "lastEventTime", "2026-11-19T16:40:00Z"));
        harness.produceRisk("ana.souza", Fixtures.risk("ana.souza", "algebra-1", "k1", "2026-11-22T00:00:00Z", 0.6, "medium"));
        harness.produceRisk("chloe.martin", Fixtures.risk("chloe.martin", "algebra-1", "k2", "2026-11-22T00:00:00Z", 0.9,
                "high"));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(json(harness.get("/api/alerts", ADMIN)).path("items")).hasSize(2));

        page = DashboardPage.start(browserProfile, WAIT);
        page.open(harness.uri("/#token=" + Fixtures.UNKNOWN).toString());
        page.awaitSignIn("The access token was refused");

        page.signIn(Fixtures.INSTRUCTOR_K1);
        page.awaitConnection("live");
        page.awaitCards(List.of("k1-low"));
        assertThat(page.cardIds()).containsExactly("k1-low");
        page.awaitStatsNote("Choose one of your cohorts");
        page.chooseFilter("cohortId", "k1");
        page.awaitStat("open", "1");
        // the cohort's learners per risk band (chloe.martin of k2 is not counted)
        page.awaitText("#cohort-risk", "Medium risk: 1", "High risk: 0", "Low risk: 0", "Not scored: 0");

        // the cohort's "now" panel: a submission arrives live and is counted
        await().atMost(WAIT).until(() -> harness.gateway().activityAssigned());
        harness.produceActivity("ana.souza", "{\"eventId\":\"now-1\",\"userId\":\"ana.souza\",\"cohortId\":\"k1\","
                + "\"type\":\"assessment\",\"score\":0.8,\"timestamp\":\"2026-11-24T10:00:00Z\"}");
        await().atMost(WAIT).untilAsserted(() -> assertThat(String.valueOf(
                page.script("return document.querySelector('#activity-now').innerText")))
                .contains("ana.souza assessment 80%", "Sessions open now\n1", "Submissions in the last hour\n1"));

        harness.produceAlert("chloe.martin", alert("k2-live", "chloe.martin", "k2", "LOW_CONSISTENCY", "LOW",
                "2026-11-24T00:00:00Z", "chloe.martin was active on only 2 of the last 7 days.", Map.of()));
        harness.produceAlert("ana.souza", alert("k1-live", "ana.souza", "k1", "PERFORMANCE_DECLINE", "HIGH",
                "2026-11-24T00:00:00Z", "ana.souza's mean score stayed below 60% on 2 days in a row.", Map.of()));
        page.awaitCard("k1-live");
        assertThat(page.cardIds()).containsExactly("k1-live", "k1-low");

        // the operations page: refused to an instructor, shown to an admin (no Flink configured here)
        page.open(harness.uri("/admin").toString());
        await().atMost(WAIT).untilAsserted(() -> assertThat(String.valueOf(
                page.script("return document.querySelector('#signin-error').innerText")))
                .contains("for admins"));
        page.open(harness.uri("/admin#token=" + ADMIN).toString());
        await().atMost(WAIT).untilAsserted(() -> assertThat(String.valueOf(
                page.script("return document.querySelector('#ops').innerText")))
                .contains("Flink job\nunknown", "flink job down", "Dead letters", "WebSocket clients"));
        // the lag of every topic the gateway reads, with its consumer group; none behind once all is read
        Map<String, String> read = new LinkedHashMap<>();
        for (String topic : List.of(harness.alertsTopic, harness.metricsTopic, harness.calendarTopic, harness.riskTopic)) {
            read.put("gateway|" + topic, harness.config().groupId() + "|0");
        }
        read.put("activity|" + harness.activityTopic, harness.config().activityGroupId() + "|0");
        read.put("job|" + harness.activityTopic, harness.config().jobGroupId() + "|–"); // unknown: no job here
        read.put("dead-letters|" + dlq, harness.config().activityGroupId() + "-dead-letters|0");
        await().atMost(WAIT).untilAsserted(() -> assertThat(String.valueOf(page.script("""
                return [...document.querySelectorAll('#ops-lag tbody tr')].map((tr) => tr.dataset.consumer + '|'
                    + tr.dataset.topic + '=' + tr.cells[1].innerText + '|' + tr.cells[3].innerText).join('\\n')""")))
                .isEqualTo(String.join("\n", read.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())));
    }

    @Test
    void anInstructorShapesTheirAlertsWithPreferencesSettingsAndSilences() throws Exception {
        harness = GATEWAYS.start(dataDir);
        produce("k1-low", "ana.souza", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-20T14:05:00Z",
                "ana.souza scored below 60% on 3 assessments in a row (0.55, 0.48, 0.52).",
                Map.of("scores", List.of(0.55, 0.48, 0.52), "threshold", 0.6, "count", 3));
        await().atMost(WAIT).until(() -> harness.get("/api/alerts/k1-low", ADMIN).statusCode() == 200);
        assertThat(harness.put("/api/me/preferences", Fixtures.INSTRUCTOR_K1, "{\"minSeverity\":\"HIGH\"}")
                .statusCode()).isEqualTo(200);

        page = DashboardPage.start(browserProfile, WAIT);
        page.open(harness.uri("/#token=" + Fixtures.INSTRUCTOR_K1).toString());
        page.awaitConnection("live");
        page.awaitCards(List.of("k1-low"));
        assertThat(page.filterValue("severity")).as("the filters start from the preferences").isEqualTo("HIGH");

        // the cohort's settings: the defaults, then one changed, shown as differing from its default
        page.chooseFilter("cohortId", "k1");
        page.awaitText("#cohort-settings summary", "Rule settings of k1", "the defaults");
        page.changeSetting("#cohort-settings", "low-score.threshold", "0.5");
        page.awaitText("#cohort-settings summary", "1 differs from the defaults: low-score.threshold 0.5");
        page.awaitText("#cohort-settings tr[data-differs='true']", "low-score.threshold");
        page.awaitText("#cohort-settings .settings-changed", "Last changed by alice");
        JsonNode cohort = json(harness.get("/api/cohorts/k1/settings", ADMIN));
        assertThat(cohort.path("override").path("rules").path("low-score.threshold").asDouble()).isEqualTo(0.5);

        // the learner's own settings in the learner view
        page.openLearner("ana.souza");
        page.awaitText("#learner-settings summary", "Rule settings of ana.souza", "the defaults");
        page.changeSetting("#learner-settings", "engagement.empty-days", "5");
        page.awaitText("#learner-settings summary", "engagement.empty-days 5");
        page.closeLearner();

        // a silence made on the page: the alert it matches is stored but not pushed; ended on the page
        page.silence(Map.of("cohortId", "k1", "type", "PERFORMANCE_DECLINE", "reason", "exam week"));
        page.awaitText("#silences", "1 active", "cohort k1", "Performance decline", "exam week", "by alice");
        JsonNode silences = json(harness.get("/api/silences", ADMIN)).path("items");
        assertThat(silences).hasSize(1);
        harness.produceAlert("ana.souza", alert("k1-quiet", "ana.souza", "k1", "PERFORMANCE_DECLINE", "HIGH",
                "2026-11-24T00:00:00Z", "ana.souza's mean score stayed below 60% on 2 days in a row.", Map.of()));
        harness.produceAlert("ana.souza", alert("k1-marker", "ana.souza", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH",
                "2026-11-24T09:00:00Z", "ana.souza scored below 60% on 3 assessments in a row.", Map.of()));
        page.awaitCard("k1-marker");
        assertThat(page.cardIds()).as("the silenced alert is not pushed").doesNotContain("k1-quiet");
        assertThat(json(harness.get("/api/alerts/k1-quiet", ADMIN)).path("status").asText()).isEqualTo("SILENCED");
        page.endSilence(silences.get(0).path("id").asText());
        page.awaitText("#silences", "0 active", "No silence is active");
        assertThat(json(harness.get("/api/silences", ADMIN)).path("items")).isEmpty();

        // preferences changed on the page apply to the live feed at once: a MEDIUM alert is now pushed
        page.chooseFilter("severity", "");
        page.openedWebSockets();
        page.pushFromSeverity("MEDIUM");
        page.awaitText("#preferences summary", "medium severity and up");
        assertThat(json(harness.get("/api/me/preferences", Fixtures.INSTRUCTOR_K1)).path("minSeverity").asText())
                .isEqualTo("MEDIUM");
        await().atMost(WAIT).until(() -> page.openedWebSockets().stream().anyMatch(url -> url.contains("/ws/alerts?")));
        page.awaitConnection("live");
        harness.produceAlert("ana.souza", alert("k1-medium", "ana.souza", "k1", "ENGAGEMENT_DROP", "MEDIUM",
                "2026-11-24T10:00:00Z", "ana.souza has had no activity for 3 whole days.", Map.of()));
        page.awaitCard("k1-medium");
        assertThat(page.consoleErrors()).as("no script errors (the overview of all cohorts is refused an instructor)")
                .allMatch(error -> error.contains("/api/alerts/stats") && error.contains("403"));
    }

    @Test
    void anAdminAddsAWebhookOnTheOperationsPageSeesWhereAnAlertsDeliveryStandsAndDeletesIt() throws Exception {
        harness = GATEWAYS.start(dataDir);
        String secret = "a-long-shared-secret-of-the-receiver";
        try (WebhookReceiver receiver = WebhookReceiver.start(secret)) {
            page = DashboardPage.start(browserProfile, WAIT);
            page.open(harness.uri("/admin#token=" + ADMIN).toString());
            page.awaitText("#webhooks", "No webhook");
            page.addWebhook(Map.of("url", receiver.url(), "secret", secret, "cohortId", "k1",
                    "types", "CONSECUTIVE_LOW_SCORES", "minSeverity", "HIGH"));
            page.awaitText("#webhooks tbody tr", "root", "k1", "http://127.0.0.1", "Low scores in a row, high severity and up",
                    "learnpulse", "each alert");
            JsonNode hooks = json(harness.get("/api/webhooks", ADMIN)).path("items");
            assertThat(hooks).hasSize(1);
            JsonNode hook = hooks.get(0);
            assertThat(hook.path("cohortId").asText()).isEqualTo("k1");
            assertThat(hook.path("minSeverity").asText()).isEqualTo("HIGH");
            assertThat(hook.path("types").toString()).isEqualTo("[\"CONSECUTIVE_LOW_SCORES\"]");
            assertThat(String.valueOf(page.script("return document.querySelector('#webhooks').innerText")))
                    .doesNotContain(secret).doesNotContain("null");

            // an alert it matches is delivered, and the page says so
            produce("hooked", "ana.souza", "k1", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-24T09:00:00Z",
                    "ana.souza scored below 60% on 3 assessments in a row.", Map.of());
            await().atMost(WAIT).until(() -> receiver.delivered().size() == 1 && json(harness.get("/api/alerts/hooked",
                    ADMIN)).path("notifications").path(0).path("state").asText().equals("delivered"));
            page.showDeliveries("hooked");
            page.awaitText("#webhook-deliveries tr[data-webhook-id='" + hook.path("webhookId").asText() + "']",
                    "alert", "delivered", "1", "HTTP 200");
            page.screenshot(OPERATIONS_SCREENSHOT);

            page.deleteWebhook(hook.path("webhookId").asText());
            page.awaitText("#webhooks", "No webhook");
            assertThat(json(harness.get("/api/webhooks", ADMIN)).path("items")).isEmpty();
            assertThat(page.consoleErrors()).as("errors in the browser console").isEmpty();
        }
    }

    @Test
    void olderAlertsComeOnRequest() throws Exception {
        harness = GATEWAYS.start(dataDir);
        int count = 230; // more than the page loads at first (200)
        for (int i = 0; i < count; i++) {
            String user = String.format("learner-%03d", i);
            produce(String.format("old-%03d", i), user, "k1", "LOW_CONSISTENCY", "LOW",
                    Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofHours(i)).toString(),
                    user + " was active on only 2 of the last 7 days.", Map.of("activeDays", 2, "windowDays", 7));
        }
        await().atMost(WAIT).until(() -> json(harness.get("/api/alerts/stats", ADMIN)).path("total").asInt() == count);

        page = DashboardPage.start(browserProfile, WAIT);
        page.open(harness.uri("/#token=" + ADMIN).toString());
        page.awaitConnection("live");
        page.awaitCardCount(200);
        assertThat(page.cardIds().get(0)).isEqualTo("old-229");
        page.showOlder();
        page.awaitCardCount(count);
        assertThat(page.cardIds().get(count - 1)).isEqualTo("old-000");
        assertThat(page.olderButtonShown()).as("nothing older left").isFalse();
    }

    /** What the job would have written before the page opens: alerts of a few learners, and daily figures. */
    private List<String> produceHistory() {
        List<String> ids = new ArrayList<>();
        ids.add(produce("hist-ana-low", "ana.souza", "9A", "CONSECUTIVE_LOW_SCORES", "HIGH", "2026-11-20T14:05:00Z",
                "ana.souza scored below 60% on 3 assessments in a row (0.55, 0.48, 0.52).",
                Map.of("scores", List.of(0.55, 0.48, 0.52), "threshold", 0.6, "count", 3)));
        ids.add(produce("hist-ana-decline", "ana.souza", "9A", "PERFORMANCE_DECLINE", "HIGH", "2026-11-22T00:00:00Z",
                "ana.souza's mean score stayed below 60% on 2 days in a row (2026-11-20, 2026-11-21, "
                        + "means 0.52, 0.47).",
                Map.of("days", List.of("2026-11-20", "2026-11-21"), "dailyMeans", List.of(0.52, 0.47),
                        "threshold", 0.6, "count", 2)));
        ids.add(produce("hist-ben-star", "ben.okafor", "9A", "HIGH_PERFORMANCE", "LOW", "2026-11-21T10:30:00Z",
                "ben.okafor scored 90% or more on 3 assessments in a row (0.92, 0.95, 0.98).",
                Map.of("scores", List.of(0.92, 0.95, 0.98), "threshold", 0.9, "count", 3)));
        ids.add(produce("hist-chloe-drop", "chloe.martin", "9B", "ENGAGEMENT_DROP", "MEDIUM", "2026-11-23T00:00:00Z",
                "chloe.martin has had no activity for 3 whole days (last seen 2026-11-19T16:40:00Z).",
                Map.of("emptyDays", 3, "lastEventTime", "2026-11-19T16:40:00Z")));
        ids.add(produce("hist-dev-stall", "dev.patel", "9B", "COMPLETION_STAGNATION", "MEDIUM", "2026-11-22T16:00:00Z",
                "dev.patel's course progress has stayed at 40% for 120 hours.",
                Map.of("progress", 0.4, "lastIncreaseTime", "2026-11-17T16:00:00Z", "stagnationHours", 120)));
        ids.add(produce("hist-ivan-deadline", "ivan.petrov", "9B", "MISSED_DEADLINE", "HIGH", "2026-11-22T12:00:00Z",
                "ivan.petrov has not submitted Worksheet 3, due Sat 21 Nov.",
                Map.of("assessmentId", "ws-3", "title", "Worksheet 3", "dueAt", "2026-11-21T12:00:00Z",
                        "graceHours", 24.0, "missedInCourse", 2)));
        ids.add(produce("hist-emma-rhythm", "emma.lind", "9A", "LOW_CONSISTENCY", "LOW", "2026-11-23T00:00:00Z",
                "emma.lind was active on only 2 of the last 7 days.",
                Map.of("activeDays", 2, "windowDays", 7, "fraction", 2 / 7.0, "minFraction", 0.5)));

        // the job's risk scores: ana.souza rising to high; ivan.petrov medium; ben.okafor low
        harness.produceRisk("ana.souza", Fixtures.risk("ana.souza", "algebra-1", "9A", "2026-11-15T00:00:00Z", 0.35, "low"));
        harness.produceRisk("ana.souza", Fixtures.risk("ana.souza", "algebra-1", "9A", "2026-11-19T00:00:00Z", 0.58, "medium"));
        harness.produceRisk("ana.souza", Fixtures.risk("ana.souza", "algebra-1", "9A", "2026-11-22T00:00:00Z", 0.81, "high"));
        harness.produceRisk("ivan.petrov", Fixtures.risk("ivan.petrov", "algebra-1", "9B", "2026-11-22T12:00:00Z", 0.62,
                "medium"));
        harness.produceRisk("ben.okafor", Fixtures.risk("ben.okafor", "algebra-1", "9A", "2026-11-22T00:00:00Z", 0.12, "low"));

        // ana.souza: two good weeks, then her scores fall and her progress stalls
        double[] scores = {0.82, 0.78, 0.8, 0.74, 0.71, 0.69, 0.66, 0.7, 0.63, 0.58, 0.52, 0.47, 0.5, 0.44};
        int[] events = {6, 5, 7, 4, 6, 5, 3, 5, 4, 3, 4, 2, 3, 2};
        LocalDate day = LocalDate.parse("2026-11-10");
        double progress = 0.1;
        for (int i = 0; i < scores.length; i++, day = day.plusDays(1)) {
            progress = Math.min(0.55, progress + 0.05);
            double consistency = Math.min(1.0, (i + 1) / 7.0) * (i < 9 ? 1.0 : 5 / 7.0);
            ObjectNode figures = MAPPER.createObjectNode()
                    .put("userId", "ana.souza").put("courseId", "algebra-1").put("cohortId", "9A")
                    .put("day", day.toString()).put("events", events[i]).put("assessments", 2)
                    .put("meanScore", scores[i]).put("progress", progress).put("consistency7d", consistency);
            harness.produceFigures("ana.souza", figures.toString());
        }
        return ids;
    }

    private String produce(String alertId, String userId, String cohortId, String type, String severity,
            String eventTime, String message, Map<String, Object> metrics) {
        harness.produceAlert(userId, alert(alertId, userId, cohortId, type, severity, eventTime, message, metrics));
        return alertId;
    }

    /** An alert record as the job writes it to {@code learner-alerts} (docs/alerts.md). */
    private static String alert(String alertId, String userId, String cohortId, String type, String severity,
            String eventTime, String message, Map<String, Object> metrics) {
        ObjectNode alert = MAPPER.createObjectNode()
                .put("alertId", alertId).put("userId", userId).put("courseId", "algebra-1").put("cohortId", cohortId)
                .put("type", type).put("severity", severity).put("eventTime", eventTime)
                .put("detectedAt", "2026-11-24T12:30:00.250Z").put("status", "OPEN")
                .put("message", message).put("recommendation", RECOMMENDATIONS.get(type));
        alert.set("metrics", MAPPER.valueToTree(metrics));
        return alert.toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
