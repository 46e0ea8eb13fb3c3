package io.learnpulse.job.rules;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.AlertType;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * MISSED_DEADLINE (docs/rules.md): for an item (C, A, dueAt) of a course C the learner is enrolled in at
 * {@code dueAt}, no assessment of C and A at or before {@code dueAt} + grace; fires at
 * {@code dueAt} + grace. Its deadlines are the items' moments (the first millisecond after
 * {@code dueAt} + grace, so that a submission at exactly that time still counts) in the calendar
 * as the operator knows it ({@link CourseSchedule#inEffect}); an enrolled learner's timeline wakes
 * at every day end, so an item published after the learner's last event is found in time. Each item
 * fires at most once per learner: its state is the items missed. The grace is the learner's in
 * effect at the item's {@code dueAt} (docs/rules.md), so each learner's moment of an item is fixed
 * by their own settings, and a later change never moves a moment that has passed.
 */
final class MissedDeadline implements LearnerRule<List<MissedDeadline.Missed>> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter DUE_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    /** An item the learner was alerted for. */
    public static class Missed {
        public String courseId;
        public String assessmentId;

        public Missed() {}

        Missed(String courseId, String assessmentId) {
            this.courseId = courseId;
            this.assessmentId = assessmentId;
        }

        boolean is(String course, String assessment) {
            return courseId.equals(course) && assessmentId.equals(assessment);
        }
    }

    private final AlertFactory alerts;

    MissedDeadline(AlertFactory alerts) {
        this.alerts = alerts;
    }

    @Override
    public List<Missed> stateOf(LearnerState learner) {
        return learner.missed;
    }

    /** The earliest moment after the clock of an item in effect that the learner could miss. */
    @Override
    public long nextDeadline(Learner learner, List<Missed> missed) {
        long[] next = {NONE};
        forEachOpenItem(learner, missed, (e, v, moment) -> {
            if (moment > learner.clock() && (next[0] == NONE || moment < next[0])) {
                next[0] = moment;
            }
        });
        return next[0];
    }

    @Override
    public void onDeadline(Learner learner, List<Missed> missed, long deadline, LearnerTimeline.Output out) {
        forEachOpenItem(learner, missed, (e, v, moment) -> {
            if (moment == deadline && !e.hasSubmitted(v.assessmentId)) {
                missed.add(new Missed(e.courseId, v.assessmentId));
                out.alert(alert(learner, e, v, count(missed, e.courseId)));
            }
        });
    }

    /** Each item the learner could still miss ({@link OpenItems}) and has not missed yet. */
    private void forEachOpenItem(Learner learner, List<Missed> missed, OpenItems.Visitor out) {
        OpenItems.forEach(learner, (e, v, moment) -> {
            if (!isMissed(missed, e, v)) {
                out.accept(e, v, moment);
            }
        });
    }

    /** The items missed go with the enrollment: a new enrollment in the course starts afresh. */
    @Override
    public void onEnrollmentEnded(Learner learner, List<Missed> missed, String courseId) {
        missed.removeIf(m -> m.courseId.equals(courseId));
    }

    /** The grace of an item due at {@code dueAt}: the learner's in effect then (docs/rules.md). */
    static long graceAt(Learner learner, long dueAt) {
        return learner.configAt(dueAt).missedDeadlineGraceMillis;
    }

    private Alert alert(Learner learner, Enrollment e, ScheduledItem v, int missedInCourse) {
        RuleConfig config = learner.configAt(v.dueAt);
        long graceMillis = config.missedDeadlineGraceMillis;
        long at = v.dueAt + graceMillis;
        AlertMetrics m = new AlertMetrics();
        m.assessmentId = v.assessmentId;
        m.title = v.title;
        m.dueAt = Calendar.isoInstant(v.dueAt);
        m.graceHours = graceMillis / 3_600_000.0;
        m.missedInCourse = missedInCourse;
        Alert alert = alerts.alert(learner, AlertType.MISSED_DEADLINE, at, e.courseId + "/" + v.assessmentId, m,
                String.format(Locale.ROOT, "%s has not submitted %s, due %s.", learner.userId(), v.displayTitle(),
                        DUE_DAY.format(Instant.ofEpochMilli(v.dueAt).atZone(config.zone))),
                "Contact the learner about " + v.displayTitle()
                        + ": ask what stands in the way, and agree on a late submission or a catch-up plan.");
        alert.courseId = e.courseId;
        if (e.cohortId != null) {
            alert.cohortId = e.cohortId;
        }
        return alert;
    }

    private static boolean isMissed(List<Missed> missed, Enrollment e, ScheduledItem v) {
        for (Missed m : missed) {
            if (m.is(e.courseId, v.assessmentId)) {
                return true;
            }
        }
        return false;
    }

    private static int count(List<Missed> missed, String courseId) {
        int n = 0;
        for (Missed m : missed) {
            n += m.courseId.equals(courseId) ? 1 : 0;
        }
        return n;
    }
}
