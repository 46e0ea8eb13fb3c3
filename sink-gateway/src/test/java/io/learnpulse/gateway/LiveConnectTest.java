package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.Fixtures.activityEvent;
import static io.learnpulse.gateway.Fixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocket;
import java.time.Duration;

import io.learnpulse.testkit.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11, nothing lost at the connect: a client whose handshake returned (it saw the 101) receives
 * an alert (on {@code /ws/alerts}) or an activity event (on {@code /ws/activity}) published right after,
 * with no {@code since=} and no wait for the gateway to count it, although Jetty opens the session only
 * after sending the 101. On the app over a store, no broker.
 */
class LiveConnectTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Connects, each followed at once by a publish: enough for the gap before the session opens to be hit. */
    private static final int ROUNDS = 50;

    @RegisterExtension
    static final AppHarness APP = AppHarness.perClass();

    @Test
    void anAlertPublishedRightAfterTheConnectReturnsReachesTheClient() {
        for (int round = 0; round < ROUNDS; round++) {
            String alertId = String.format("c%03d", round);
            WsClient recorder = WsClient.reading();
            WebSocket ws = APP.connect("/ws/alerts", LEARNER_U1, recorder);
            try {
                APP.storeAlerts(alert(alertId, "u1", "k1", "HIGH_PERFORMANCE", "LOW", "2026-11-24T10:00:00Z"));
                await("round " + round).atMost(WAIT).until(() -> recorder.alertIds().contains(alertId));
                assertThat(recorder.alertIds()).containsExactly(alertId);
            } finally {
                ws.abort();
            }
        }
    }

    @Test
    void anActivityEventPublishedRightAfterTheConnectReturnsReachesTheClient() {
        for (int round = 0; round < ROUNDS; round++) {
            String eventId = String.format("e%03d", round);
            WsClient recorder = WsClient.reading();
            WebSocket ws = APP.connect("/ws/activity", LEARNER_U1, recorder);
            try {
                APP.publishActivity(activityEvent(eventId, "u1", "k1", "activity"));
                await("round " + round).atMost(WAIT).until(() -> !recorder.ofKind("activity").isEmpty());
                assertThat(recorder.ofKind("activity")).singleElement().satisfies(frame -> {
                    assertThat(frame.path("event").path("eventId").asText()).isEqualTo(eventId);
                    assertThat(frame.path("skipped").asInt()).isZero();
                });
            } finally {
                ws.abort();
            }
        }
    }
}
