package io.learnpulse.gateway.notify;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import io.learnpulse.gateway.store.Alert;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/**
 * A configured webhook. A cohort's hook ({@code cohortId} set) receives that cohort's alerts; a
 * principal's own hook ({@code cohortId} null) receives the alerts within its owner's role. Both only
 * of {@code types} (empty: every type) and at least {@code minSeverity}. Answered as a {@link WebhookView}.
 *
 * @param digest true: it receives the daily digest of the alerts of its scope and filter instead of one
 *        request per alert
 */
public record Webhook(String webhookId, String owner, String cohortId, String url, String secret,
        Set<AlertType> types, Severity minSeverity, BodyFormat format, boolean digest, String createdAt) {

    public Webhook {
        types = types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
    }

    /** True when the alert is of a type and severity this hook asks for (its scope is checked apart). */
    boolean wants(Alert alert) {
        return (types.isEmpty() || types.contains(alert.type()))
                && alert.severity().ordinal() <= minSeverity.ordinal(); // HIGH is the first severity
    }
}
