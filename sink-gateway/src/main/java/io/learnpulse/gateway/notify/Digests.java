package io.learnpulse.gateway.notify;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.AlertQuery;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.PreferenceStore;
import io.learnpulse.model.AlertStatus;

/**
 * The daily digest: once a UTC day has ended, each webhook that existed before its end and is a digest
 * webhook ({@code digest: true}) or the own webhook of a principal whose preferences ask for the digest
 * gets one notification listing the alerts of its scope that the gateway stored that day, not silenced:
 * a digest webhook those of its types and severities, a subscriber's webhook all of them (its filter
 * says what is sent at once; the digest is the day's whole list). None when there were none. Enqueued
 * through the outbox under the subject {@code digest:<day>}, so several gateways or a restart enqueue
 * it once.
 */
final class Digests {

    private final AlertStore alerts;
    private final PreferenceStore preferences;
    private final Webhooks webhooks;
    private final Outbox outbox;
    private final Bodies bodies;

    Digests(AlertStore alerts, PreferenceStore preferences, Webhooks webhooks, Outbox outbox, Bodies bodies) {
        this.alerts = alerts;
        this.preferences = preferences;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.bodies = bodies;
    }

    /** Enqueues the digests of {@code day}; answers how many were enqueued or already there. */
    int enqueue(LocalDate day) throws SQLException {
        Instant dayEnd = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Set<String> subscribers = Set.copyOf(preferences.digestSubscribers());
        int enqueued = 0;
        for (Webhook hook : webhooks.all()) {
            boolean subscriber = hook.cohortId() == null && subscribers.contains(hook.owner());
            if (!(hook.digest() || subscriber) || !Instant.parse(hook.createdAt()).isBefore(dayEnd)) {
                continue;
            }
            Optional<AlertQuery> scope = outbox.scope(hook);
            if (scope.isEmpty()) {
                continue;
            }
            List<Alert> listed = alerts.alertsStoredOn(day, scope.get()).stream()
                    .filter(alert -> alert.status() != AlertStatus.SILENCED)
                    .filter(alert -> !hook.digest() || hook.wants(alert)).toList();
            if (!listed.isEmpty()) {
                outbox.enqueueDigest(hook, "digest:" + day, bodies.digest(hook, day, listed));
                enqueued++;
            }
        }
        return enqueued;
    }
}
