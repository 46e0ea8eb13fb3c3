package io.learnpulse.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The gateway's meters, exposed at {@code GET /metrics} in Prometheus text format. */
public final class GatewayMetrics {

    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong alertsStored = new AtomicLong();
    private final AtomicLong consumerLag = new AtomicLong();
    private final Counter alertsInserted;
    private final Counter duplicateAlerts;
    private final Counter messagesSent;
    private final Counter messagesDropped;
    private final Counter slowClientsDisconnected;

    public GatewayMetrics() {
        Gauge.builder("learnpulse.gateway.alerts.stored", alertsStored, AtomicLong::get)
                .description("Alerts in the history store").register(registry);
        Gauge.builder("learnpulse.gateway.consumer.lag", consumerLag, AtomicLong::get)
                .description("Records of the assigned partitions not yet consumed").register(registry);
        alertsInserted = Counter.builder("learnpulse.gateway.alerts.inserted")
                .description("Alerts this process stored for the first time").register(registry);
        duplicateAlerts = Counter.builder("learnpulse.gateway.alerts.duplicates")
                .description("Alert records whose alertId was already stored (ignored)").register(registry);
        messagesSent = Counter.builder("learnpulse.gateway.websocket.messages.sent")
                .description("WebSocket frames written to clients").register(registry);
        messagesDropped = Counter.builder("learnpulse.gateway.websocket.messages.dropped")
                .description("WebSocket frames not delivered (queue full, client gone)").register(registry);
        slowClientsDisconnected = Counter.builder("learnpulse.gateway.websocket.slow.disconnects")
                .description("WebSocket clients disconnected because their outgoing queue was full").register(registry);
    }

    public void alertsInStore(long count) {
        alertsStored.set(count);
    }

    public void alertsInserted(int count) {
        alertsStored.addAndGet(count);
        alertsInserted.increment(count);
    }

    public void duplicateAlerts(int count) {
        duplicateAlerts.increment(count);
    }

    public void consumerLag(long lag) {
        consumerLag.set(lag);
    }

    public long consumerLag() {
        return consumerLag.get();
    }

    public void recordConsumed(String topic) {
        registry.counter("learnpulse.gateway.records.consumed", "topic", topic).increment();
    }

    public void poisonRecord(String topic) {
        registry.counter("learnpulse.gateway.records.poison", "topic", topic).increment();
    }

    public double recordsConsumed(String topic) {
        return registry.counter("learnpulse.gateway.records.consumed", "topic", topic).count();
    }

    public void messageSent() {
        messagesSent.increment();
    }

    public void messageDropped() {
        messagesDropped.increment();
    }

    public void slowClientDisconnected() {
        slowClientsDisconnected.increment();
    }

    public void websocketClients(String endpoint, Supplier<Number> count) {
        Gauge.builder("learnpulse.gateway.websocket.clients", count)
                .tag("endpoint", endpoint).description("Open WebSocket connections").register(registry);
    }

    public void request(String method, String route, int status, Duration latency) {
        Timer.builder("learnpulse.gateway.http.requests")
                .description("HTTP request latency")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(latency);
    }

    public String scrape() {
        return registry.scrape();
    }
}
