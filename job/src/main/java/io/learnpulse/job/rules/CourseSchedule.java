package io.learnpulse.job.rules;

import java.io.Serializable;
import io.learnpulse.model.CalendarItem;
import java.util.ArrayList;
import java.util.List;

/**
 * One course's calendar as the rule operator learned it: every version of each item, in the order
 * they arrived (grouped by item). A version is in effect at its own moment (its {@code dueAt} +
 * grace, the item's "missed" moment) when it was learned before that moment and not replaced until
 * after it: exactly the calendar "as the job knows it when its watermark passes" that moment
 * (docs/time-and-delivery.md), whenever a learner's timeline gets to evaluate it. An item learned after its moment
 * fires nothing. Versions no learner can need any more are dropped, so the state stays as small as
 * the calendar.
 */
public class CourseSchedule implements Serializable {
    private static final long serialVersionUID = 1L;
    /** How long after a version's moment every enrolled learner has evaluated it: each has a timer at every day end. */
    static final long EVALUATED_WITHIN_MILLIS = 2 * 86_400_000L;

    public List<ScheduledItem> versions = new ArrayList<>();

    public CourseSchedule() {}

    /** A deep copy, so that a replay's initial calendar is never changed by what arrives live. */
    public CourseSchedule copy() {
        CourseSchedule copy = new CourseSchedule();
        for (ScheduledItem v : versions) {
            ScheduledItem c = new ScheduledItem();
            c.assessmentId = v.assessmentId;
            c.dueAt = v.dueAt;
            c.title = v.title;
            c.weight = v.weight;
            c.deleted = v.deleted;
            c.learnedAt = v.learnedAt;
            copy.versions.add(c);
        }
        return copy;
    }

    /** A version arrived while the operator's watermark was {@code watermark}. */
    public void learn(CalendarItem item, long watermark, long graceMillis) {
        int at = versions.size();
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).assessmentId.equals(item.assessmentId)) {
                at = i + 1;
                break;
            }
        }
        versions.add(at, ScheduledItem.of(item, watermark));
        dropUnneeded(watermark, graceMillis);
    }

    /** A version is in effect at its own moment: known before it, replaced only at or after it. */
    boolean inEffect(int index, long graceMillis) {
        ScheduledItem v = versions.get(index);
        if (v.deleted) {
            return false;
        }
        long moment = momentOf(v, graceMillis);
        ScheduledItem next = next(index);
        return v.learnedAt < moment && (next == null || next.learnedAt >= moment);
    }

    /**
     * The version of item {@code assessmentId} the operator knew at {@code time} (learned before it),
     * or null if it knew none or knew it deleted.
     */
    ScheduledItem knownAt(String assessmentId, long time) {
        ScheduledItem known = null;
        for (ScheduledItem v : versions) {
            if (v.assessmentId.equals(assessmentId) && v.learnedAt < time) {
                known = v;
            }
        }
        return known == null || known.deleted ? null : known;
    }

    /** The moment an item is missed at: the first millisecond after {@code dueAt} + grace. */
    static long momentOf(ScheduledItem v, long graceMillis) {
        return v.dueAt + graceMillis + 1;
    }

    /**
     * The latest moment of the course's current items for {@code learner}, each with the learner's
     * grace for it ({@link MissedDeadline#graceAt}), or {@link LearnerState#NONE} without any.
     */
    long lastMoment(Learner learner) {
        long last = LearnerState.NONE;
        for (int i = 0; i < versions.size(); i++) {
            ScheduledItem v = versions.get(i);
            if (next(i) == null && !v.deleted) {
                last = Math.max(last, momentOf(v, MissedDeadline.graceAt(learner, v.dueAt)));
            }
        }
        return last;
    }

    private ScheduledItem next(int index) {
        if (index + 1 < versions.size() && versions.get(index + 1).assessmentId.equals(versions.get(index).assessmentId)) {
            return versions.get(index + 1);
        }
        return null;
    }

    /**
     * Drops each item's oldest versions while they are replaced and no learner needs them: never in
     * effect, or their moment is long evaluated. Only the oldest, as whether a version is in effect
     * depends on when its successor arrived.
     */
    private void dropUnneeded(long watermark, long graceMillis) {
        List<ScheduledItem> kept = new ArrayList<>();
        String item = null;
        boolean dropping = false;
        for (int i = 0; i < versions.size(); i++) {
            ScheduledItem v = versions.get(i);
            if (!v.assessmentId.equals(item)) {
                item = v.assessmentId;
                dropping = true;
            }
            dropping = dropping && next(i) != null && (!inEffect(i, graceMillis)
                    || (watermark != LearnerState.NONE && momentOf(v, graceMillis) <= watermark - EVALUATED_WITHIN_MILLIS));
            if (!dropping) {
                kept.add(v);
            }
        }
        versions = kept;
    }
}
