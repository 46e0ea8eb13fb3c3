package io.learnpulse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.learnpulse.testkit.MovableClock;
import org.junit.jupiter.api.Test;

/** Tickets are single-use and expire after their lifetime. */
class WebSocketTicketsTest {

    private static final Principal ALICE = new Principal("alice", Role.INSTRUCTOR, Set.of("k1"), null);

    @Test
    void aTicketIsUsedOnceAndExpires() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
        WebSocketTickets tickets = new WebSocketTickets(clock);
        String once = tickets.issue(ALICE);
        String late = tickets.issue(ALICE);
        assertThat(once).isNotEqualTo(late);

        assertThat(tickets.redeem(once)).hasValue(ALICE);
        assertThat(tickets.redeem(once)).isEmpty();
        clock.advance(WebSocketTickets.LIFETIME.plus(Duration.ofMillis(1)));
        assertThat(tickets.redeem(late)).isEmpty();
        assertThat(tickets.redeem(null)).isEmpty();
    }
}
