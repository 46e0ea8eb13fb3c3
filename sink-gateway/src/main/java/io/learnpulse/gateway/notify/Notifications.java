package io.learnpulse.gateway.notify;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.auth.Principal;
import io.learnpulse.gateway.store.AlertStore;
import io.learnpulse.gateway.store.Database;
import io.learnpulse.gateway.store.PreferenceStore;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Outgoing notifications assembled: the webhooks, the outbox that the alert store writes into, and,
 * once {@link #start started}, the delivery worker. Made before the alert store (which takes
 * {@link #outbox()}), started after it (the digests read it).
 */
public final class Notifications implements AutoCloseable {

    private final Webhooks webhooks;
    private final PreferenceStore preferences;
    private final Outbox outbox;
    private final Bodies bodies;
    private final NotifyMetrics metrics;
    private final RetryPolicy retry;
    private final Clock clock;
    private DeliveryWorker worker;

    public Notifications(Database database, ObjectMapper mapper, Function<String, Optional<Principal>> principals,
            MeterRegistry registry, RetryPolicy retry, Clock clock) {
        this.webhooks = new Webhooks(database, clock);
        this.preferences = new PreferenceStore(database, clock);
        this.bodies = new Bodies(mapper);
        this.outbox = new Outbox(database, bodies, principals, clock);
        this.metrics = new NotifyMetrics(registry);
        this.retry = retry;
        this.clock = clock;
    }

    /** What the alert store runs in each transaction with new alerts. */
    public Outbox outbox() {
        return outbox;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    /** Starts delivering (and enqueueing the daily digests of {@code store}'s alerts). */
    public synchronized void start(AlertStore store) {
        if (worker == null) {
            worker = new DeliveryWorker(outbox, new Digests(store, preferences, webhooks, outbox, bodies), retry,
                    metrics, clock);
            worker.start();
        }
    }

    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.close();
        }
    }
}
