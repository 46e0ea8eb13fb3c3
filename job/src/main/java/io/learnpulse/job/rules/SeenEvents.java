package io.learnpulse.job.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids of the events one learner sent within the dedup window, in the order they were accepted
 * (the timeline's (time, id) order, so their times never decrease), each with the event time it was
 * accepted at. Part of the learner's value rather than a map state of its own: on RocksDB a map
 * lookup per event is a seek that nearly always misses, and pruning the map walked an iterator at
 * every day end, while a list a day or two long costs a few bytes per id in the one value already
 * read and written (bench/results/profile.md).
 */
public class SeenEvents {
    /** The accepted ids, oldest first. */
    public List<String> ids = new ArrayList<>();
    /** {@code times.get(i)}: the event time {@code ids.get(i)} was accepted at. */
    public List<Long> times = new ArrayList<>();

    public SeenEvents() {}

    /** The event time {@code eventId} was last accepted at, or null if it is not here. */
    Long acceptedAt(String eventId) {
        for (int i = ids.size() - 1; i >= 0; i--) {
            if (ids.get(i).equals(eventId)) {
                return times.get(i);
            }
        }
        return null;
    }

    void accept(String eventId, long eventTime) {
        ids.add(eventId);
        times.add(eventTime);
    }

    /**
     * Drops the ids accepted before {@code eventTime}: a prefix, since the times never decrease,
     * found by bisection (each time is a boxed object of its own, a cache miss to read at a day end).
     */
    void forgetBefore(long eventTime) {
        int low = 0;
        int high = times.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times.get(middle) < eventTime) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        if (low == ids.size()) {
            ids.clear();
            times.clear();
        } else if (low > 0) {
            ids.subList(0, low).clear();
            times.subList(0, low).clear();
        }
    }
}
