package io.learnpulse.gateway.api;

import io.javalin.http.Context;

/**
 * The headers every answer carries, the dashboard page above all: no Referer leaves the page, scripts,
 * styles and connections only from the gateway itself, no framing by other sites, no content sniffing.
 */
public final class SecurityHeaders {

    /** 'self' also covers the page's own ws:// or wss:// origin for its WebSockets. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    public static void add(Context ctx) {
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
    }
}
