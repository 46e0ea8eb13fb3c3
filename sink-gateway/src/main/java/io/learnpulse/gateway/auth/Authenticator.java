package io.learnpulse.gateway.auth;

import java.net.URI;
import java.util.List;

import io.javalin.http.Context;
import io.learnpulse.gateway.api.ApiException;

/**
 * Finds the principal of a request from its bearer token ({@code Authorization: Bearer TOKEN}, and
 * for WebSocket handshakes also {@code ?token=}), and checks the Origin of WebSocket handshakes.
 */
public final class Authenticator {

    private static final String PRINCIPAL = "learnpulse.principal";

    private final TokenRegistry tokens;
    private final List<String> allowedOrigins;

    public Authenticator(TokenRegistry tokens, List<String> allowedOrigins) {
        this.tokens = tokens;
        this.allowedOrigins = allowedOrigins;
    }

    /** Before-handler of {@code /api/*}: 401 without a known token, else the principal as an attribute. */
    public void requireToken(Context ctx) {
        ctx.attribute(PRINCIPAL, principal(ctx, false));
    }

    public Principal principal(Context ctx, boolean queryTokenAllowed) {
        String token = null;
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        } else if (queryTokenAllowed) {
            token = ctx.queryParam("token");
        }
        return tokens.authenticate(token).orElseThrow(ApiException::unauthorized);
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
