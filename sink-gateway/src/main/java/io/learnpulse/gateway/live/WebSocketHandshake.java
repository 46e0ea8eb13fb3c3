package io.learnpulse.gateway.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import io.learnpulse.gateway.api.ApiException;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.auth.Principal;

/**
 * The handshake of every {@code /ws/*} endpoint, before the upgrade answer: Origin and token checked,
 * the socket counted against its principal's limit ({@link ConnectionLimit}, one count over all the
 * endpoints), and the client subscribed, so that a client that saw its 101 misses nothing pushed
 * before Jetty opens its session. A refusal on the way uncounts it; so does the release kept with the
 * subscription, once, whenever the connection ends.
 */
public final class WebSocketHandshake {

    /**
     * How long a subscription made at the handshake waits for Jetty to open its session; one whose
     * upgrade failed or whose client vanished before the session opened is dropped after it.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final String SUBSCRIPTION = "learnpulse.ws.subscription";
    private static final String RELEASE = "learnpulse.ws.release";

    private final Authenticator authenticator;
    private final ConnectionLimit connections;

    /** At most {@code maxPerPrincipal} open WebSocket connections per principal, over every endpoint. */
    public WebSocketHandshake(Authenticator authenticator, int maxPerPrincipal) {
        this.authenticator = authenticator;
        this.connections = new ConnectionLimit(maxPerPrincipal);
    }

    /**
     * Checks Origin and token, counts the socket, and keeps what {@code subscribe} (given the principal
     * and the release of its count) answers as the connection's subscription.
     */
    public void admit(Context ctx, BiFunction<Principal, Runnable, ?> subscribe) {
        authenticator.checkOrigin(ctx);
        Principal principal = authenticator.principal(ctx, true);
        Runnable release = count(principal);
        try {
            ctx.attribute(SUBSCRIPTION, subscribe.apply(principal, release));
            ctx.attribute(RELEASE, release);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    /** What the handshake subscribed (null when it never got that far). */
    public static <T> T subscription(WsContext ctx) {
        return ctx.attribute(SUBSCRIPTION);
    }

    /** Uncounts the connection (once, whether it ends by a close, an error or both). */
    public static void release(WsContext ctx) {
        Runnable release = ctx.attribute(RELEASE);
        if (release != null) {
            release.run();
        }
    }

    /**
     * Counts the connection against its principal's limit (a principal with its connections all open
     * is refused: 429); the answer uncounts it once, however often it runs (close, error, a handshake
     * that failed or never opened its session).
     */
    private Runnable count(Principal principal) {
        String name = principal.name();
        if (!connections.acquire(name)) {
            throw new ApiException(429, "too many WebSocket connections for this token (at most "
                    + connections.max() + ")");
        }
        AtomicBoolean counted = new AtomicBoolean(true);
        return () -> {
            if (counted.compareAndSet(true, false)) {
                connections.release(name);
            }
        };
    }
}
