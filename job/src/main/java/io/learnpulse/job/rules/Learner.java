package io.learnpulse.job.rules;

import java.util.List;

/**
 * What every rule may read about the learner: who they are and when they were active. The
 * {@link LearnerTimeline} keeps these facts; a rule keeps only its own part of the state.
 */
public final class Learner {
    private final String userId;
    private final LearnerState state;
    private final CourseCalendar courseCalendar;

    Learner(String userId, LearnerState state, CourseCalendar courseCalendar) {
        this.userId = userId;
        this.state = state;
        this.courseCalendar = courseCalendar;
    }

    public String userId() {
        return userId;
    }

    /** The latest non-null {@code courseId} among the learner's events so far. */
    public String courseId() {
        return state.courseId;
    }

    /** The latest non-null {@code cohortId} among the learner's events so far. */
    public String cohortId() {
        return state.cohortId;
    }

    /** Whether the learner has had an accepted event since they were new or forgotten. */
    public boolean started() {
        return state.started();
    }

    /** The day of the learner's first event. */
    public long firstDay() {
        return state.firstDay;
    }

    /** The day of the learner's latest event. */
    public long lastDay() {
        return state.lastDay;
    }

    public long lastEventTime() {
        return state.lastEventTime;
    }

    /** Event time up to which the learner's timeline has been processed. */
    public long clock() {
        return state.clock;
    }

    /** The courses the learner is enrolled in now (docs/rules.md), kept when a silent learner is forgotten. */
    public List<Enrollment> enrollments() {
        return state.enrollments;
    }

    /** The learner's enrollment in {@code courseId}, or null if they are not enrolled in it. */
    public Enrollment enrollment(String courseId) {
        return state.enrollment(courseId);
    }

    /** The course calendar as the operator knows it now. */
    public CourseCalendar courseCalendar() {
        return courseCalendar;
    }

    /** How many of the {@code windowDays} days ending with {@code day} had an event (at most 63). */
    public int activeDaysIn(long day, int windowDays) {
        long shift = day - state.maskDay;
        long mask = shift >= 64 ? 0L : state.activeDays << shift;
        return Long.bitCount(mask & ((1L << windowDays) - 1));
    }
}
