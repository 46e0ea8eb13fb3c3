package io.learnpulse.gateway.ingest;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The meters of what the consumer loop reads and stores. */
public final class IngestMetrics {

    private static final String RECORDS_CONSUMED = "learnpulse.gateway.records.consumed";

    private final MeterRegistry registry;
    private final AtomicLong alertsStored = new AtomicLong();
    private final AtomicLong consumerLag = new AtomicLong();
    private final Counter alertsInserted;
    private final Counter duplicateAlerts;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("learnpulse.gateway.alerts.stored", alertsStored, AtomicLong::get)
                .description("Alerts in the history store").register(registry);
        Gauge.builder("learnpulse.gateway.consumer.lag", consumerLag, AtomicLong::get)
                .description("Records of the assigned partitions not yet consumed").register(registry);
        alertsInserted = Counter.builder("learnpulse.gateway.alerts.inserted")
                .description("Alerts this process stored for the first time").register(registry);
        duplicateAlerts = Counter.builder("learnpulse.gateway.alerts.duplicates")
                .description("Alert records whose alertId was already stored (ignored)").register(registry);
    }

    /** The number of alerts the store holds when the gateway starts; inserts count on from there. */
    public void alertsInStore(long count) {
        alertsStored.set(count);
    }

    /** Records read from {@code topic} by this process so far. */
    public double recordsConsumed(String topic) {
        return registry.counter(RECORDS_CONSUMED, "topic", topic).count();
    }

    void alertsInserted(int count) {
        alertsStored.addAndGet(count);
        alertsInserted.increment(count);
    }

    void duplicateAlerts(int count) {
        duplicateAlerts.increment(count);
    }

    void consumerLag(long lag) {
        consumerLag.set(lag);
    }

    long consumerLag() {
        return consumerLag.get();
    }

    void recordConsumed(String topic) {
        registry.counter(RECORDS_CONSUMED, "topic", topic).increment();
    }

    void poisonRecord(String topic) {
        registry.counter("learnpulse.gateway.records.poison", "topic", topic).increment();
    }
}
