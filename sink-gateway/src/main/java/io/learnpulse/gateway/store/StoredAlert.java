package io.learnpulse.gateway.store;

/** An alert with the store's insertion sequence, the order in which WebSocket replays and pushes happen. */
public record StoredAlert(long sequence, Alert alert) {
}
