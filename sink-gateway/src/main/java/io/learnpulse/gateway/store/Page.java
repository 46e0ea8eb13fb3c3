package io.learnpulse.gateway.store;

import java.util.List;
import java.util.function.Function;

/** One page of a list answer: {@code {"items": [...], "nextCursor": "..."}}, the cursor null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * The page of up to {@code limit} rows out of {@code rows}, read with {@code LIMIT limit + 1}: one row more
     * means there is a next page, which starts after the cursor of this page's last row.
     */
    static <T> Page<T> of(List<T> rows, int limit, Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> page = List.copyOf(rows.subList(0, limit));
        return new Page<>(page, cursorOf.apply(page.get(limit - 1)));
    }
}
