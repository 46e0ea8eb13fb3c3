package io.learnpulse.gateway.notify;

import java.net.URI;
import java.util.Set;

import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/**
 * A webhook as the API answers it: never its secret, and its URL without path and query, which may be a
 * secret too (a Slack incoming-webhook URL is one).
 */
record WebhookView(String webhookId, String owner, String cohortId, String url, Set<AlertType> types,
        Severity minSeverity, BodyFormat format, boolean digest, String createdAt) {

    static WebhookView of(Webhook hook) {
        URI uri = URI.create(hook.url());
        String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        boolean more = (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null;
        return new WebhookView(hook.webhookId(), hook.owner(), hook.cohortId(), origin + (more ? "/***" : "/"),
                hook.types(), hook.minSeverity(), hook.format(), hook.digest(), hook.createdAt());
    }
}
