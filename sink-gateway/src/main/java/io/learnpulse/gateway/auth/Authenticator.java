package io.learnpulse.gateway.auth;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.javalin.http.Context;
import io.learnpulse.gateway.api.ApiException;

/**
 * Finds the principal of a request from its bearer token ({@code Authorization: Bearer TOKEN}; for
 * WebSocket handshakes also a single-use {@code ?ticket=} from {@code POST /api/ws-tickets}, which the
 * dashboard uses, or, for scripts, {@code ?token=}), and checks the Origin of WebSocket handshakes.
 */
public final class Authenticator {

    private static final String PRINCIPAL = "learnpulse.principal";

    private final TokenRegistry tokens;
    private final List<String> allowedOrigins;
    private final WebSocketTickets tickets;

    public Authenticator(TokenRegistry tokens, List<String> allowedOrigins, WebSocketTickets tickets) {
        this.tokens = tokens;
        this.allowedOrigins = allowedOrigins;
        this.tickets = tickets;
    }

    /** Before-handler of {@code /api/*}: 401 without a known token, else the principal as an attribute. */
    public void requireToken(Context ctx) {
        ctx.attribute(PRINCIPAL, principal(ctx, false));
    }

    /**
     * The principal of the request's bearer token; for a WebSocket handshake ({@code handshake}) also
     * of its {@code ?ticket=} or {@code ?token=}. 401 when none is known.
     */
    public Principal principal(Context ctx, boolean handshake) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return known(tokens.authenticate(header.substring(7).trim()));
        }
        if (!handshake) {
            throw ApiException.unauthorized();
        }
        String ticket = ctx.queryParam("ticket");
        if (ticket != null) {
            return known(tickets.redeem(ticket));
        }
        return known(tokens.authenticate(ctx.queryParam("token")));
    }

    /** {@code POST /api/ws-tickets}: a single-use ticket for one WebSocket handshake of the caller. */
    public void issueTicket(Context ctx) {
        ctx.json(Map.of("ticket", tickets.issue(of(ctx)), "expiresInSeconds", WebSocketTickets.LIFETIME.toSeconds()));
    }

    private static Principal known(Optional<Principal> principal) {
        return principal.orElseThrow(ApiException::unauthorized);
    }

    public static Principal of(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    /**
     * A browser's WebSocket handshake must come from an allowed Origin: one of the configured ones,
     * or ({@code ws.allowed.origins} empty) the gateway's own. Clients that send no Origin are not
     * browsers, so no page can ride on their credentials.
     */
    public void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || allowedOrigins.contains("*") || allowedOrigins.contains(origin)) {
            return;
        }
        if (allowedOrigins.isEmpty() && isSameHost(origin, ctx.header("Host"))) {
            return;
        }
        throw ApiException.forbidden("origin " + origin + " is not allowed");
    }

    private static boolean isSameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
