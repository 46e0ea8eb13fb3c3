package io.learnpulse.gateway.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use tickets that open one WebSocket ({@code ?ticket=}) for the principal that
 * asked for them over REST, so a browser never puts its bearer token in a URL (where proxies log it).
 * A ticket is 256 random bits, valid for {@link #LIFETIME}, and gone once used.
 */
public final class WebSocketTickets {

    /** How long a ticket may wait for its handshake: enough for a page to open the socket at once. */
    public static final Duration LIFETIME = Duration.ofSeconds(30);

    private record Issued(Principal principal, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Clock clock;

    public WebSocketTickets(Clock clock) {
        this.clock = clock;
    }

    /** A new ticket for {@code principal}; expired ones are forgotten on the way. */
    public String issue(Principal principal) {
        Instant now = clock.instant();
        issued.values().removeIf(ticket -> !ticket.expires().isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(ticket, new Issued(principal, now.plus(LIFETIME)));
        return ticket;
    }

    /** The principal of an unused, unexpired ticket, which is used up by this call. */
    public Optional<Principal> redeem(String ticket) {
        if (ticket == null) {
            return Optional.empty();
        }
        Issued redeemed = issued.remove(ticket);
        if (redeemed == null || !redeemed.expires().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(redeemed.principal());
    }
}
