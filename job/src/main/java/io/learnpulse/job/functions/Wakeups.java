package io.learnpulse.job.functions;

import java.util.Arrays;

/**
 * When each learner of one subtask is to be woken next, on the heap: at its next deadline (a day
 * end, forgetting, a rule's) and at its first event waiting for the watermark unless the deadline
 * comes first. It takes the place of
 * Flink's event-time timers, whose queue cost a timer registered, deleted and polled per event and
 * again per deadline (bench/results/profile.md).
 *
 * <p>A binary heap of the times in a {@code long[]}, the keys beside them (the learners' handles
 * in the cache, {@link WriteBackCache#held}): ordering it touches only
 * the dense array of times, where a queue of entry objects took a cache miss per comparison.
 *
 * <p>Entries are never removed but by {@link #pollFirst}: when a learner's next deadline moves, the
 * old entry stays and is found stale when it comes up (whoever takes an entry checks the learner's
 * value). The heap is no part of any snapshot: it is derived from the learners' values (their
 * waiting events and {@code timerAt}), and rebuilt from them when the operator opens after a
 * restore ({@link LearnerAlertFunction#wakeRestoredLearners}).
 */
final class Wakeups<K> {
    private long[] times = new long[64];
    private Object[] keys = new Object[64];
    private int size;

    /** The learner {@code key} is to be woken at {@code time}. */
    void add(long time, K key) {
        if (size == times.length) {
            times = Arrays.copyOf(times, 2 * size);
            keys = Arrays.copyOf(keys, 2 * size);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (times[parent] <= time) {
                break;
            }
            times[i] = times[parent];
            keys[i] = keys[parent];
            i = parent;
        }
        times[i] = time;
        keys[i] = key;
    }

    /** Whether the earliest entry is at or before {@code watermark}. */
    boolean hasDue(long watermark) {
        return size > 0 && times[0] <= watermark;
    }

    /** The time of the earliest entry; only while there is one. */
    long firstTime() {
        return times[0];
    }

    /** Takes the earliest entry and returns its key; only while there is one. */
    @SuppressWarnings("unchecked") // only add puts keys in
    K pollFirst() {
        K first = (K) keys[0];
        int last = --size;
        long time = times[last];
        Object key = keys[last];
        keys[last] = null;
        if (last > 0) {
            int i = 0;
            int half = last >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < last && times[child + 1] < times[child]) {
                    child++;
                }
                if (time <= times[child]) {
                    break;
                }
                times[i] = times[child];
                keys[i] = keys[child];
                i = child;
            }
            times[i] = time;
            keys[i] = key;
        }
        return first;
    }

    /** Entries in the index, stale ones included (tests). */
    int size() {
        return size;
    }
}
