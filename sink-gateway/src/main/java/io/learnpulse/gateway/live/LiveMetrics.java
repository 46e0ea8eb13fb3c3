package io.learnpulse.gateway.live;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The meters of the WebSocket pushes: clients, frames sent and dropped, slow clients cut off. */
final class LiveMetrics {

    private final MeterRegistry registry;
    private final Counter messagesSent;
    private final Counter messagesDropped;
    private final Counter slowClientsDisconnected;

    LiveMetrics(MeterRegistry registry) {
        this.registry = registry;
        messagesSent = Counter.builder("learnpulse.gateway.websocket.messages.sent")
                .description("WebSocket frames written to clients").register(registry);
        messagesDropped = Counter.builder("learnpulse.gateway.websocket.messages.dropped")
                .description("WebSocket frames not delivered (queue full, client gone)").register(registry);
        slowClientsDisconnected = Counter.builder("learnpulse.gateway.websocket.slow.disconnects")
                .description("WebSocket clients disconnected because their outgoing queue was full").register(registry);
    }

    void messageSent() {
        messagesSent.increment();
    }

    void messageDropped() {
        messagesDropped.increment();
    }

    void slowClientDisconnected() {
        slowClientsDisconnected.increment();
    }

    void websocketClients(String endpoint, Supplier<Number> count) {
        Gauge.builder("learnpulse.gateway.websocket.clients", count)
                .tag("endpoint", endpoint).description("Open WebSocket connections").register(registry);
    }
}
