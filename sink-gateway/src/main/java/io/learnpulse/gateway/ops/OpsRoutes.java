package io.learnpulse.gateway.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.javalin.http.Context;
import io.learnpulse.gateway.api.ApiException;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.auth.Role;

/** {@code GET /api/ops} (admins only) and the page {@code GET /admin} that shows it. */
public final class OpsRoutes {

    private final OpsMonitor monitor;
    private final String page;

    public OpsRoutes(OpsMonitor monitor) {
        this.monitor = monitor;
        try (InputStream html = OpsRoutes.class.getResourceAsStream("/public/admin.html")) {
            this.page = new String(html.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the operations page is missing from the classpath", e);
        }
    }

    public void ops(Context ctx) {
        if (Authenticator.of(ctx).role() != Role.ADMIN) {
            throw ApiException.forbidden("the operations view is for admins");
        }
        ctx.json(monitor.latest());
    }

    /** The page itself holds no data (like {@code GET /}): it asks {@code /api/ops} with the admin's token. */
    public void page(Context ctx) {
        ctx.html(page);
    }
}
