package io.learnpulse.gateway;

import static io.learnpulse.gateway.Fixtures.ADMIN;
import static io.learnpulse.gateway.Fixtures.LEARNER_U1;
import static io.learnpulse.gateway.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Defect 5 of issue 11: the dashboard's WebSockets sign in with single-use tickets from a REST call,
 * not the bearer token in their URL, and the page carries headers that keep what it shows to itself.
 */
class TokenOutOfUrlsTest {

    @RegisterExtension
    static final AppHarness APP = AppHarness.perClass();

    private static String ticket(String token) {
        HttpResponse<String> issued = APP.post("/api/ws-tickets", token, "");
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(json(issued).path("expiresInSeconds").asInt()).isEqualTo(30);
        return json(issued).path("ticket").asText();
    }

    @Test
    void aTicketOpensOneWebSocketOnce() {
        String ticket = ticket(ADMIN);
        assertThat(ticket).hasSizeGreaterThanOrEqualTo(43);
        assertThat(APP.handshakeStatus("/ws/alerts?ticket=" + ticket, null, null)).isEqualTo(101);
        assertThat(APP.handshakeStatus("/ws/alerts?ticket=" + ticket, null, null)).isEqualTo(401);
        assertThat(APP.handshakeStatus("/ws/metrics?ticket=" + ticket(ADMIN), null, null)).isEqualTo(101);
        assertThat(APP.handshakeStatus("/ws/alerts?ticket=made-up", null, null)).isEqualTo(401);
    }

    @Test
    void aTicketCarriesItsPrincipalsRole() {
        assertThat(APP.handshakeStatus("/ws/alerts?userId=u2&ticket=" + ticket(LEARNER_U1), null, null))
                .isEqualTo(403);
        assertThat(APP.handshakeStatus("/ws/alerts?userId=u1&ticket=" + ticket(LEARNER_U1), null, null))
                .isEqualTo(101);
    }

    @Test
    void ticketsAreForTokenHoldersOnly() {
        assertThat(APP.post("/api/ws-tickets", null, "").statusCode()).isEqualTo(401);
        assertThat(APP.post("/api/ws-tickets", Fixtures.UNKNOWN, "").statusCode()).isEqualTo(401);
    }

    @Test
    void theQueryTokenStaysAFallbackForScripts() {
        assertThat(APP.handshakeStatus("/ws/alerts?token=" + ADMIN, null, null)).isEqualTo(101);
    }

    @Test
    void thePageAndTheApiCarryHeadersThatKeepThemToThemselves() {
        for (String path : new String[] {"/", "/js/main.js", "/api/alerts"}) {
            HttpResponse<String> answer = APP.get(path, ADMIN);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"));
        }
    }
}
