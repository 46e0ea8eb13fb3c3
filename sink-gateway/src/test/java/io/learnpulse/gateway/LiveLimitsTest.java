package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.INSTRUCTOR_K2;
import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.Fixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.learnpulse.testkit.WsClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Defect 3 of issue 11: what one token's WebSockets may cost the gateway. A {@code since=} replay is
 * capped (past the cap the client is told to reload over REST), and a principal's open sockets are
 * limited; on the app over a store, no broker.
 */
class LiveLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** LiveRoutes.MAX_REPLAY and the default --ws-max-per-principal, as a client sees them. */
    private static final int MAX_REPLAY = 1000;
    private static final int MAX_CONNECTIONS = 20;
    /** The limit counts a principal's sockets over every endpoint together. */
    private static final List<String> ENDPOINTS = List.of("/ws/alerts", "/ws/metrics", "/ws/activity");

    @RegisterExtension
    static final AppHarness APP = AppHarness.perClass();

    @BeforeAll
    static void prepare() throws Exception {
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i <= MAX_REPLAY + 1; i++) {
            alerts.add(alert(String.format("a%05d", i), "u1", "k1", "HIGH_PERFORMANCE", "LOW",
                    "2026-11-24T10:00:00Z"));
        }
        APP.storeAlerts(alerts.toArray(String[]::new));
    }

    @Test
    void aReplayUpToTheCapIsSentInFull() {
        // after a00001: a00002 … a01001, exactly the cap
        WsClient recorder = WsClient.reading();
        WebSocket ws = APP.connect("/ws/alerts?since=a00001", LEARNER_U1, recorder);
        try {
            await().atMost(WAIT).until(() -> recorder.alertIds().size() == MAX_REPLAY);
            assertThat(recorder.alertIds().get(0)).isEqualTo("a00002");
            assertThat(recorder.ofKind("reload")).isEmpty();
        } finally {
            ws.abort();
        }
    }

    @Test
    void pastTheCapTheClientIsToldToReloadOverRestInsteadOfAReplay() {
        WsClient recorder = WsClient.reading();
        WebSocket ws = APP.connect("/ws/alerts?since=a00000", LEARNER_U1, recorder);
        try {
            await().atMost(WAIT).until(() -> !recorder.ofKind("reload").isEmpty());
            assertThat(recorder.ofKind("reload").get(0).path("reason").asText()).contains("GET /api/alerts");
            assertThat(recorder.alertIds()).isEmpty();
        } finally {
            ws.abort();
        }
    }

    @Test
    void aPrincipalsOpenSocketsAreLimited() {
        List<WebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                open.add(APP.connect(ENDPOINTS.get(i % ENDPOINTS.size()), INSTRUCTOR_K2, WsClient.reading()));
            }
            // the limit counts a socket from its handshake; the gauge once its session opened, after the 101
            APP.awaitWebSocketClients("alerts", 7);
            APP.awaitWebSocketClients("metrics", 7);
            APP.awaitWebSocketClients("activity", 6);
            assertThat(APP.handshakeStatus("/ws/alerts", INSTRUCTOR_K2, null)).isEqualTo(429);
            assertThat(APP.handshakeStatus("/ws/metrics", INSTRUCTOR_K2, null)).isEqualTo(429);
            assertThat(APP.handshakeStatus("/ws/activity", INSTRUCTOR_K2, null)).isEqualTo(429);
            assertThat(APP.handshakeStatus("/ws/alerts", Fixtures.ADMIN, null)).isEqualTo(101);

            open.remove(2).sendClose(WebSocket.NORMAL_CLOSURE, "done").join(); // an activity socket frees one too
            await().atMost(WAIT).until(() -> APP.handshakeStatus("/ws/alerts", INSTRUCTOR_K2, null) == 101);
        } finally {
            open.forEach(WebSocket::abort);
        }
    }
}
