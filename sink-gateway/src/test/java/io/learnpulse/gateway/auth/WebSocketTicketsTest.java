package io.learnpulse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Tickets are single-use and expire after their lifetime. */
class WebSocketTicketsTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final Principal ALICE = new Principal("alice", Role.INSTRUCTOR, Set.of("k1"), null);

    @Test
    void aTicketIsUsedOnceAndExpires() {
        MovableClock clock = new MovableClock();
        WebSocketTickets tickets = new WebSocketTickets(clock);
        String once = tickets.issue(ALICE);
        String late = tickets.issue(ALICE);
        assertThat(once).isNotEqualTo(late);

        assertThat(tickets.redeem(once)).hasValue(ALICE);
        assertThat(tickets.redeem(once)).isEmpty();
        clock.now = clock.now.plus(WebSocketTickets.LIFETIME).plus(Duration.ofMillis(1));
        assertThat(tickets.redeem(late)).isEmpty();
        assertThat(tickets.redeem(null)).isEmpty();
    }
}
