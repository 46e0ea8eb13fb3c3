package io.learnpulse.job.rules;

/**
 * The calendar items a learner is judged on (docs/rules.md): each item version in effect at its
 * moment ({@link CourseSchedule#inEffect}), of a course the learner is enrolled in, due at or after
 * the enrollment began; each with the learner's grace for it ({@link MissedDeadline#graceAt}).
 * MISSED_DEADLINE fires on those not submitted by their moment; AT_RISK counts every one of them as
 * due, and those not submitted as missed.
 */
final class OpenItems {
    private OpenItems() {}

    /** What {@link #forEach} hands on: an enrollment, an item version of its course, its moment. */
    interface Visitor {
        void accept(Enrollment enrollment, ScheduledItem item, long moment);
    }

    static void forEach(Learner learner, Visitor out) {
        for (Enrollment e : learner.enrollments()) {
            CourseSchedule schedule = learner.courseCalendar().scheduleOf(e.courseId);
            if (schedule == null) {
                continue;
            }
            for (int i = 0; i < schedule.versions.size(); i++) {
                ScheduledItem v = schedule.versions.get(i);
                if (v.deleted) {
                    continue;
                }
                long graceMillis = MissedDeadline.graceAt(learner, v.dueAt);
                if (schedule.inEffect(i, graceMillis) && v.dueAt >= e.since) {
                    out.accept(e, v, CourseSchedule.momentOf(v, graceMillis));
                }
            }
        }
    }
}
