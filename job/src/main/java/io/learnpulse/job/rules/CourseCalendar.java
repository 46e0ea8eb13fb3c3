package io.learnpulse.job.rules;

/**
 * The course calendar as the rule operator knows it now: each course's schedule (docs/events.md and
 * docs/time-and-delivery.md).
 */
public interface CourseCalendar {
    /** No calendar at all. */
    CourseCalendar EMPTY = courseId -> null;

    /** The schedule of {@code courseId}, or null if the operator knows no item of it. */
    CourseSchedule scheduleOf(String courseId);
}
