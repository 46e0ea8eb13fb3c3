package io.learnpulse.bench;

import java.util.Comparator;
import java.util.List;

/**
 * The completed checkpoints of an exactly-once job (wall-clock moments, from Flink's checkpoint
 * history), and which of them let an alert out: the transactional sink writes an alert in the
 * transaction of the first checkpoint whose barrier reaches the sink after the alert, and that
 * checkpoint's completion commits it.
 */
final class CheckpointHistory {
    /** A completed checkpoint: when it was triggered, and when its last acknowledgement came. */
    record Checkpoint(long triggered, long completed) {
    }

    private final List<Checkpoint> checkpoints;

    CheckpointHistory(List<Checkpoint> checkpoints) {
        this.checkpoints = checkpoints.stream().sorted(Comparator.comparingLong(Checkpoint::triggered)).toList();
    }

    /** The first checkpoint triggered at or after {@code moment}, or null if none. */
    Checkpoint firstTriggeredFrom(long moment) {
        return checkpoints.stream().filter(c -> c.triggered() >= moment).findFirst().orElse(null);
    }

    /**
     * The checkpoint that committed an alert the rule operator emitted at {@code emitted} and a client
     * received at {@code received}, or null if none fits. Its barrier reached the sink after the
     * emission, so it completed after it; it is at the latest the first checkpoint triggered after
     * the emission (its barriers leave the sources then, behind the alert), or an earlier one whose
     * barrier was still on its way behind records queued before the operator; and the alert came out
     * after its completion. Of those, the last completed before the receipt (a later one completes
     * an interval later, far longer than an alert takes from the commit to a client).
     */
    Checkpoint committing(long emitted, long received) {
        Checkpoint latestPossible = firstTriggeredFrom(emitted + 1);
        Checkpoint committing = null;
        for (Checkpoint c : checkpoints) {
            if (latestPossible != null && c.triggered() > latestPossible.triggered()) {
                break;
            }
            if (c.completed() >= emitted && c.completed() <= received) {
                committing = c;
            }
        }
        return committing;
    }
}
