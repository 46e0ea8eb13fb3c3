package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K1;
import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.Fixtures.UNKNOWN;
import static io.learnpulse.gateway.Fixtures.activityEvent;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.testkit.WsClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code WS /ws/activity} over a real broker: a burst of events reaches each client within its rate
 * (5 frames a second here), each frame saying how many were skipped, the last of the burst always
 * arriving; each role sees only its events; the cohort's "now" figures count the burst.
 */
class ActivityStreamITCase {

    private static final int RATE = 5;
    private static final int U1_EVENTS = 30;
    private static final int U2_EVENTS = 10;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final GatewayExtension GATEWAYS = GatewayExtension.onSharedBroker();
    private static GatewayHarness harness;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        harness = GATEWAYS.start(dataDir, config -> config.with(GatewayOption.ACTIVITY_RATE, RATE));
        await().atMost(WAIT).until(() -> harness.gateway().activityAssigned());
    }

    @Test
    void handshakeRefusedOutsideTheRole() {
        assertThat(harness.handshakeStatus("/ws/activity", null, null)).isEqualTo(401);
        assertThat(harness.handshakeStatus("/ws/activity", UNKNOWN, null)).isEqualTo(401);
        assertThat(harness.handshakeStatus("/ws/activity?cohortId=k2", INSTRUCTOR_K1, null)).isEqualTo(403);
        assertThat(harness.handshakeStatus("/ws/activity?userId=u2", LEARNER_U1, null)).isEqualTo(403);
        assertThat(harness.handshakeStatus("/ws/activity?cohortId=k1", INSTRUCTOR_K1, null)).isEqualTo(101);
        assertThat(harness.get("/api/cohorts/k1/activity", null).statusCode()).isEqualTo(401);
        assertThat(harness.get("/api/cohorts/k2/activity", INSTRUCTOR_K1).statusCode()).isEqualTo(403);
        assertThat(harness.get("/api/cohorts/k1/activity", LEARNER_U1).statusCode()).isEqualTo(403);
    }

    @Test
    void aBurstIsRateLimitedPerClientAndFilteredByRole() {
        WsClient admin = WsClient.reading();
        WsClient instructor = WsClient.reading();
        WsClient learner = WsClient.reading();
        harness.connect("/ws/activity", ADMIN, admin);
        harness.connect("/ws/activity", INSTRUCTOR_K1, instructor);
        harness.connect("/ws/activity?userId=u1", LEARNER_U1, learner);
        harness.awaitWebSocketClients("activity", 3);

        long started = System.nanoTime();
        for (int i = 0; i < U1_EVENTS; i++) {
            // u1 in cohort k1: every other event a submission
            harness.produceActivity("u1", activityEvent("u1-" + i, "u1", "k1", i % 2 == 0 ? "assessment" : "activity"));
            if (i < U2_EVENTS) {
                harness.produceActivity("u2", activityEvent("u2-" + i, "u2", "k2", "session"));
            }
        }

        // every event is either in a frame or counted in the next one; the last of the burst arrives
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(admin)).isEqualTo(U1_EVENTS + U2_EVENTS));
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(instructor)).isEqualTo(U1_EVENTS));
        await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(learner)).isEqualTo(U1_EVENTS));
        double seconds = (System.nanoTime() - started) / 1e9;

        for (WsClient client : List.of(admin, instructor, learner)) {
            List<JsonNode> frames = client.ofKind("activity");
            assertThat(frames.size()).as("frames within %d a second over %.1f s", RATE, seconds)
                    .isLessThanOrEqualTo((int) (RATE * (Math.ceil(seconds) + 1)));
            assertThat(frames).as("some events were skipped").anyMatch(frame -> frame.path("skipped").asInt() > 0);
        }
        assertThat(userIds(instructor)).containsOnly("u1");
        assertThat(userIds(learner)).containsOnly("u1");
        assertThat(userIds(admin)).contains("u1", "u2");
        // per learner the topic keeps order (key = userId): the newest event is the last frame
        assertThat(learner.ofKind("activity").get(learner.ofKind("activity").size() - 1)
                .path("event").path("eventId").asText()).isEqualTo("u1-" + (U1_EVENTS - 1));

        JsonNode now = json(harness.get("/api/cohorts/k1/activity", INSTRUCTOR_K1));
        assertThat(now.path("sessionsOpen").asInt()).isEqualTo(1);
        assertThat(now.path("submissionsLastHour").asInt()).isEqualTo(U1_EVENTS / 2);
        assertThat(json(harness.get("/api/cohorts/k2/activity", ADMIN)).path("sessionsOpen").asInt()).isEqualTo(1);
    }

    /** Events in frames plus those the frames say were skipped. */
    private static int delivered(WsClient client) {
        return client.ofKind("activity").stream().mapToInt(frame -> 1 + frame.path("skipped").asInt()).sum();
    }

    private static List<String> userIds(WsClient client) {
        List<String> ids = new ArrayList<>();
        client.ofKind("activity").forEach(frame -> ids.add(frame.path("event").path("userId").asText()));
        return ids;
    }
}
