package io.learnpulse.gateway.live;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open WebSocket connections of each principal (token name), over both endpoints, at most
 * {@code max} each: one leaked or hostile token cannot hold the gateway's threads and database
 * connections with hundreds of sockets.
 */
final class ConnectionLimit {

    private final int max;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    ConnectionLimit(int max) {
        this.max = max;
    }

    int max() {
        return max;
    }

    /** Counts one more connection of the principal; false (and nothing counted) when it has {@code max}. */
    boolean acquire(String principal) {
        boolean[] acquired = {false};
        open.compute(principal, (name, count) -> {
            AtomicInteger next = count == null ? new AtomicInteger() : count;
            if (next.get() < max) {
                next.incrementAndGet();
                acquired[0] = true;
            }
            return next;
        });
        return acquired[0];
    }

    void release(String principal) {
        open.computeIfPresent(principal, (name, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
