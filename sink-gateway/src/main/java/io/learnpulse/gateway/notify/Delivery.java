package io.learnpulse.gateway.notify;

/**
 * A claimed notification on its way to its webhook: {@code claimToken} proves the claim when the result
 * is recorded, so a worker whose lease ran out cannot overwrite the result of the one that took over.
 *
 * @param attempts attempts made before this one
 */
record Delivery(String webhookId, String subject, String kind, String url, String secret, String body,
        int attempts, long createdAtMillis, String claimToken) {

    /** Without the secret, which no log line or failure message may show. */
    @Override
    public String toString() {
        return "Delivery[" + webhookId + ":" + subject + ", attempts " + attempts + "]";
    }
}
