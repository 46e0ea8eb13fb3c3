package io.learnpulse.job.functions;

import java.util.PriorityQueue;

/**
 * The learners of one subtask whose events wait for the watermark, by the time of their first
 * waiting event: an index on the heap beside the keyed state, where the events themselves wait
 * (in the learner's value). It takes the place of an event-time timer per waiting event, which
 * cost a timer registered, deleted and polled in Flink's timer queue for nearly every event
 * (bench/results/profile.md); this queue holds only the learners that wait, and only until the
 * watermark passes them.
 *
 * <p>An entry may be stale (its events applied since, by a timer of the learner): whoever takes
 * it checks the learner's value. It is not part of any snapshot; before one, the operator turns
 * each entry into a timer of its learner, so that a restore finds the waiting learners through
 * Flink's checkpointed timers ({@link LearnerAlertFunction#waitingToTimers}).
 */
final class WaitingLearners {
    /** A learner, by its key, with an event waiting at {@code time}. */
    record Entry(long time, Object key) {}

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.time, b.time));

    /** The learner {@code key} has an event waiting at {@code time}. */
    void add(long time, Object key) {
        queue.add(new Entry(time, key));
    }

    /** Takes the earliest entry at or before {@code watermark}, or null if there is none. */
    Entry pollDue(long watermark) {
        Entry first = queue.peek();
        return first != null && first.time <= watermark ? queue.poll() : null;
    }

    /** Every entry, in no order, left in place. */
    Iterable<Entry> entries() {
        return queue;
    }

    int size() {
        return queue.size();
    }
}
