package io.learnpulse.job.rules;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.model.ActivityEvent;
import java.io.Serializable;

/**
 * One rule over a learner's timeline. The {@link LearnerTimeline} owns time: it holds events until
 * the watermark passes them, drops duplicates, closes days, fires deadlines and forgets silent
 * learners; a rule only says what it does at each of those moments, on its own part of the
 * learner's state.
 *
 * <p>Calls come in event-time order: before an event at time t, every day end and deadline at or
 * before t has been called. A deadline fires once, when the timeline's clock passes it, so a rule
 * may keep answering a deadline that has passed until something it sees moves it.
 *
 * <p>To add a rule: write a class implementing this, give its state a field in {@link LearnerState}
 * (and reset it in {@code LearnerState.forget()} if it is an activity rule's), and add it to
 * {@link Rules#all}.
 *
 * @param <S> this rule's part of the learner's state: a Flink POJO, a field of {@link LearnerState}
 *     (all of a learner's state is one value, so that an event costs one state read and one write)
 */
public interface LearnerRule<S> extends Serializable {

    /** This rule's part of the learner's state. */
    S stateOf(LearnerState learner);

    /** An accepted event of the learner (duplicates never reach a rule). */
    default void onEvent(Learner learner, S state, ActivityEvent event, LearnerTimeline.Output out) {}

    /**
     * Whether this rule needs the end of {@code day} evaluated. The end of a day with events is
     * always evaluated; a day without events only while some rule asks for it.
     */
    default boolean needsEndOf(Learner learner, S state, long day) {
        return false;
    }

    /** The end of {@code day} passed, at {@code dayEnd} (00:00 of the next day). */
    default void onDayEnd(Learner learner, S state, long day, long dayEnd, LearnerTimeline.Output out) {}

    /**
     * The next moment this rule must act at if no event comes first, or {@link LearnerState#NONE}:
     * so while the clock moves towards it with nothing else happening it stays the same (the
     * timeline relies on that to find the next deadline once per step).
     */
    default long nextDeadline(Learner learner, S state) {
        return NONE;
    }

    /** The clock reached this rule's {@link #nextDeadline}. */
    default void onDeadline(Learner learner, S state, long deadline, LearnerTimeline.Output out) {}

    /** The learner's enrollment in {@code courseId} ended: a withdrawal, or the course's last deadline passed. */
    default void onEnrollmentEnded(Learner learner, S state, String courseId) {}
}
