package io.learnpulse.job.functions;

import java.util.Arrays;

/**
 * The learners of one subtask whose events wait for the watermark, by the time of their first
 * waiting event: an index on the heap beside the keyed state, where the events themselves wait
 * (in the learner's value). It takes the place of an event-time timer per waiting event, which
 * cost a timer registered, deleted and polled in Flink's timer queue for nearly every event
 * (bench/results/profile.md); this queue holds only the learners that wait, and only until the
 * watermark passes them.
 *
 * <p>A binary heap of the times in a {@code long[]}, the keys beside them: ordering it touches only
 * the dense array of times, where a queue of entry objects took a cache miss per comparison (5.7%
 * of the rule thread in the live profile).
 *
 * <p>An entry may be stale (its events applied since, by a timer of the learner): whoever takes
 * it checks the learner's value. It is not part of any snapshot; before one, the operator turns
 * each entry into a timer of its learner, so that a restore finds the waiting learners through
 * Flink's checkpointed timers ({@link LearnerAlertFunction#waitingToTimers}).
 */
final class WaitingLearners {
    private long[] times = new long[64];
    private Object[] keys = new Object[64];
    private int size;

    /** The learner {@code key} has an event waiting at {@code time}. */
    void add(long time, Object key) {
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
    Object pollFirst() {
        Object first = keys[0];
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

    int size() {
        return size;
    }

    /** The time of the {@code i}-th entry, in no order (0 ≤ i < size), left in place. */
    long timeAt(int i) {
        return times[i];
    }

    /** The key of the {@code i}-th entry, in no order (0 ≤ i < size), left in place. */
    Object keyAt(int i) {
        return keys[i];
    }
}
