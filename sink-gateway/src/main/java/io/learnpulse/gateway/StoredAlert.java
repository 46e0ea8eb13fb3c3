package io.learnpulse.gateway;

/** An alert with the store's insertion sequence, the order in which WebSocket replays and pushes happen. */
record StoredAlert(long sequence, Alert alert) {
}
