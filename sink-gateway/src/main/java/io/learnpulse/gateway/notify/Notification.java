package io.learnpulse.gateway.notify;

/**
 * One notification of the outbox as {@code GET /api/alerts/{id}} lists it.
 *
 * @param state {@code pending}, {@code delivered} or {@code given_up}
 * @param lastStatus the HTTP status of the last attempt; null before the first or when there was no answer
 * @param lastError why the last attempt failed (a status other than 2xx, or no answer); null once delivered
 * @param nextAttemptAt when it is tried next (ISO), null unless pending
 */
public record Notification(String webhookId, String kind, String state, int attempts, Integer lastStatus,
        String lastError, String nextAttemptAt, String deliveredAt) {
}
