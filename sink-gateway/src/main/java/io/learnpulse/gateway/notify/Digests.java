package io.learnpulse.gateway.notify;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.AlertQuery;
import io.learnpulse.gateway.store.AlertStore;

/**
 * The daily digest: once a UTC day has ended, each digest webhook ({@code digest: true}) that existed
 * before its end gets one notification listing the alerts of its scope and filter that the gateway
 * stored that day; none when there were none. Enqueued through the outbox under the subject
 * {@code digest:<day>}, so several gateways or a restart enqueue it once.
 */
final class Digests {

    private final AlertStore alerts;
    private final Webhooks webhooks;
    private final Outbox outbox;
    private final Bodies bodies;

    Digests(AlertStore alerts, Webhooks webhooks, Outbox outbox, Bodies bodies) {
        this.alerts = alerts;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.bodies = bodies;
    }

    /** Enqueues the digests of {@code day}; answers how many were enqueued or already there. */
    int enqueue(LocalDate day) throws SQLException {
        Instant dayEnd = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        int enqueued = 0;
        for (Webhook hook : webhooks.all()) {
            if (!hook.digest() || !Instant.parse(hook.createdAt()).isBefore(dayEnd)) {
                continue;
            }
            Optional<AlertQuery> scope = outbox.scope(hook);
            if (scope.isEmpty()) {
                continue;
            }
            List<Alert> listed = alerts.alertsStoredOn(day, scope.get()).stream().filter(hook::wants).toList();
            if (!listed.isEmpty()) {
                outbox.enqueueDigest(hook, "digest:" + day, bodies.digest(hook, day, listed));
                enqueued++;
            }
        }
        return enqueued;
    }
}
