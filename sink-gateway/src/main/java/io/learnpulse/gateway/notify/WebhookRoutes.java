package io.learnpulse.gateway.notify;

import java.sql.SQLException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.learnpulse.gateway.api.ApiException;
import io.learnpulse.gateway.auth.Authenticator;
import io.learnpulse.gateway.auth.Principal;
import io.learnpulse.gateway.store.Page;

/**
 * {@code /api/webhooks}, an extension of the contract (docs/http-api.md "Webhooks"): {@code POST} creates
 * one (201), {@code GET} lists those the caller may see, {@code DELETE /api/webhooks/{webhookId}} removes
 * one with its notifications (204).
 */
public final class WebhookRoutes {

    private final Webhooks webhooks;
    private final ObjectMapper mapper;

    public WebhookRoutes(Webhooks webhooks, ObjectMapper mapper) {
        this.webhooks = webhooks;
        this.mapper = mapper;
    }

    /** {@code POST /api/webhooks} */
    public void create(Context ctx) throws SQLException {
        Principal principal = Authenticator.of(ctx);
        WebhookRequest request = WebhookRequest.parse(ctx.bodyAsBytes(), mapper);
        WebhookAccess.checkCanCreate(principal, request.cohortId());
        Webhook hook = webhooks.create(principal.name(), request.cohortId(), request.url(), request.secret(),
                request.types(), request.minSeverity(), request.format(), request.digest());
        ctx.status(201).json(WebhookView.of(hook));
    }

    /** {@code GET /api/webhooks}: one list, never paged (a handful per principal). */
    public void list(Context ctx) {
        Principal principal = Authenticator.of(ctx);
        ctx.json(new Page<>(webhooks.all().stream().filter(hook -> WebhookAccess.canSee(principal, hook))
                .map(WebhookView::of).toList(), null));
    }

    /** {@code DELETE /api/webhooks/{webhookId}} */
    public void delete(Context ctx) throws SQLException {
        Principal principal = Authenticator.of(ctx);
        String webhookId = ctx.pathParam("webhookId");
        Webhook hook = webhooks.find(webhookId).orElseThrow(() -> ApiException.notFound("webhook"));
        if (!WebhookAccess.canSee(principal, hook)) {
            throw ApiException.forbidden("this webhook is not yours");
        }
        webhooks.delete(webhookId);
        ctx.status(204);
    }
}
