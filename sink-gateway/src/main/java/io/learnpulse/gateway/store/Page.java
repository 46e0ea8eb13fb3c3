package io.learnpulse.gateway.store;

import java.util.List;

/** One page of a list answer: {@code {"items": [...], "nextCursor": "..."}}, the cursor null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
}
