package io.learnpulse.gateway.store;

/**
 * A Kafka record the gateway could not store as an alert or a daily figure, kept in the
 * {@code quarantine} table with its raw bytes, where it came from and why.
 */
public record Quarantined(String topic, int partition, long offset, byte[] rawValue, String reason) {
}
