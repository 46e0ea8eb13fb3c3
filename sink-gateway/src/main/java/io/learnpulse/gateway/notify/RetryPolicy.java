package io.learnpulse.gateway.notify;

import java.time.Duration;

/**
 * When a failed notification is tried again: after {@code base}, doubling with each failed attempt up to
 * {@code max}; given up once the next attempt would come later than {@code giveUpAfter} from when it was
 * enqueued. With the defaults (10 s, 10 min, 24 h) a receiver down for an hour gets its notifications
 * at most 10 minutes after it is back.
 */
public record RetryPolicy(Duration base, Duration max, Duration giveUpAfter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(10),
            Duration.ofHours(24));

    public RetryPolicy {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("retry delays must be positive, max >= base: " + base + ", " + max);
        }
    }

    /**
     * The time of the next attempt after a failure at {@code nowMillis}, or null to give up.
     *
     * @param failedAttempts the attempts made so far, the failed one included (at least 1)
     */
    Long nextAttemptMillis(int failedAttempts, long createdAtMillis, long nowMillis) {
        long delay = base.toMillis();
        for (int i = 1; i < failedAttempts && delay < max.toMillis(); i++) {
            delay *= 2;
        }
        long next = nowMillis + Math.min(delay, max.toMillis());
        return next > createdAtMillis + giveUpAfter.toMillis() ? null : next;
    }

    /** How often an idle worker looks for due notifications: the base delay, at most a second. */
    Duration pollInterval() {
        return base.compareTo(Duration.ofSeconds(1)) < 0 ? base : Duration.ofSeconds(1);
    }
}
