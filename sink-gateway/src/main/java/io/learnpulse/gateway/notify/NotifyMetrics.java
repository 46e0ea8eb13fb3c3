package io.learnpulse.gateway.notify;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of outgoing notifications: what this process delivered, failed and gave up (counters), and
 * what the outbox holds pending and given up (gauges, sampled by the worker from the database, so they
 * are the same on every gateway of one database).
 */
final class NotifyMetrics {

    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter givenUp;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong givenUpInOutbox = new AtomicLong();

    NotifyMetrics(MeterRegistry registry) {
        delivered = Counter.builder("learnpulse.gateway.webhook.delivered")
                .description("Notifications a webhook acknowledged with 2xx").register(registry);
        failedAttempts = Counter.builder("learnpulse.gateway.webhook.failed.attempts")
                .description("Delivery attempts answered with another status or not at all").register(registry);
        givenUp = Counter.builder("learnpulse.gateway.webhook.given.up")
                .description("Notifications this process gave up on after the retry limit").register(registry);
        Gauge.builder("learnpulse.gateway.webhook.pending", pending, AtomicLong::get)
                .description("Notifications in the outbox not yet delivered").register(registry);
        Gauge.builder("learnpulse.gateway.webhook.outbox.given.up", givenUpInOutbox, AtomicLong::get)
                .description("Notifications in the outbox given up on").register(registry);
    }

    void delivered() {
        delivered.increment();
    }

    void failedAttempt() {
        failedAttempts.increment();
    }

    void givenUp() {
        givenUp.increment();
    }

    void outbox(Map<String, Long> countByState) {
        pending.set(countByState.getOrDefault(Outbox.PENDING, 0L));
        givenUpInOutbox.set(countByState.getOrDefault(Outbox.GIVEN_UP, 0L));
    }
}
