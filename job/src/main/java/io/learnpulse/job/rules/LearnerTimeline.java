package io.learnpulse.job.rules;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.DailyFigures;
import io.learnpulse.model.EventType;
import io.learnpulse.model.LearnerRisk;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;

/**
 * One learner's timeline, free of Flink so that it can be tested as plain logic: it owns time and
 * runs the {@link LearnerRule}s of {@link Rules#all} at their moments.
 *
 * <p>A learner's timeline moves forward in event-time order only. Events wait in
 * {@link LearnerState#pending} until the watermark passes them, then are applied in (time, id)
 * order; before an event at time t is applied, every day end and deadline at or before t fires
 * first (an absence the learner's own later event proves, docs/time-and-delivery.md). Deadlines without a later
 * event fire once the watermark reaches them. A deadline fires exactly once, when the timeline's
 * clock passes it, which is what makes each absence rule's episode end only with the learner's next
 * event. The timeline also drops duplicate events and forgets learners silent for too long.
 *
 * <p>It keeps the learner's enrollments too (docs/rules.md), which outlive forgetting: an enrolled
 * learner's timeline wakes at every day end, silent or not, so that MISSED_DEADLINE finds the items
 * of the calendar as the operator knows it ({@link CourseCalendar}), whenever they were published.
 */
public final class LearnerTimeline implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the rules' results go. */
    public interface Output {
        void alert(Alert alert);

        void dailyFigures(DailyFigures figures);

        /** A learner's risk score in a course (AT_RISK), when it is to be written (docs/alerts.md). */
        void risk(LearnerRisk risk);

        /** An event whose id was already accepted within the dedup window: ignored. */
        void duplicate(ActivityEvent event);
    }

    private final RuleConfig config;
    private final Calendar calendar;
    private final long dedupWindowMillis;
    private final long forgetAfterMillis;
    private final List<LearnerRule<?>> rules;

    /**
     * {@code config} is the job's configuration, which the {@link Overrides} of a cohort or a
     * learner amend; {@code clock} gives the alerts' {@code detectedAt}.
     */
    public LearnerTimeline(RuleConfig config, Clock clock) {
        this.config = config;
        this.calendar = new Calendar(config.zone);
        this.dedupWindowMillis = config.dedupWindowMillis;
        this.forgetAfterMillis = config.forgetAfterMillis;
        this.rules = Rules.all(config, new AlertFactory(clock), calendar);
    }

    /** Holds an event until the watermark passes it. */
    public void receive(LearnerState s, ActivityEvent event) {
        s.insertPending(event);
    }

    /**
     * The watermark reached {@code watermark}: apply the events and fire the deadlines up to it,
     * with the course calendar and the settings overrides as the operator knows them now. Returns
     * when the learner next needs the watermark for a deadline (a day end, forgetting, a rule's), or
     * NONE; its waiting events ({@link LearnerState#pending}) need it at the first of them. The
     * deadline is the one found on the way, so it is not computed again.
     */
    public long advance(String userId, LearnerState s, long watermark, CourseCalendar courses, Overrides overrides,
            Output out) {
        Learner learner = new Learner(userId, s, courses, overrides, config);
        applyPendingUpTo(learner, s, watermark, out);
        return advanceClock(learner, s, watermark, out);
    }

    /**
     * The input has ended: apply every waiting event, but fire no deadline beyond the last of them,
     * since the end of a finite input is no evidence of absence (docs/time-and-delivery.md).
     */
    public void drain(String userId, LearnerState s, CourseCalendar courses, Overrides overrides, Output out) {
        applyPendingUpTo(new Learner(userId, s, courses, overrides, config), s, Long.MAX_VALUE, out);
    }

    private void applyPendingUpTo(Learner learner, LearnerState s, long upTo, Output out) {
        List<ActivityEvent> pending = s.pending;
        while (!pending.isEmpty() && pending.get(0).timestamp <= upTo) {
            ActivityEvent event = pending.remove(0);
            advanceClock(learner, s, event.timestamp, out);
            apply(learner, s, event, out);
        }
    }

    /**
     * Fires, in time order, every deadline after the clock and at or before {@code time}; returns
     * the next deadline, after {@code time}. That is the one found before the clock moved to
     * {@code time}: with nothing due on the way nothing changed that it depends on (a deadline is
     * the next moment to act at if nothing comes first, {@link LearnerRule#nextDeadline}).
     */
    private long advanceClock(Learner learner, LearnerState s, long time, Output out) {
        long due = nextDeadline(learner, s);
        for (; due != NONE && due <= time; due = nextDeadline(learner, s)) {
            fireDue(learner, s, due, out);
        }
        s.clock = Math.max(s.clock, time);
        return due;
    }

    /**
     * The earliest of the next day end to evaluate, forgetting, the rules' deadlines after the clock,
     * and, while the learner is enrolled, the next day end and the end of each course (see
     * {@link #enrolledWakeup}); and the next change of the learner's settings, where their
     * deadlines are computed afresh. Until then the settings stay as they are at the clock, so each
     * deadline is the one the settings in effect at it give.
     */
    private long nextDeadline(Learner learner, LearnerState s) {
        learner.evaluateAt(s.clock);
        long next = NONE;
        if (s.started()) {
            next = forgetAt(s);
            if (dayEndDue(learner, s)) {
                next = Math.min(next, calendar.endOf(s.nextDayToClose));
            }
        }
        if (!s.enrollments.isEmpty()) {
            next = earliest(next, enrolledWakeup(learner, s));
        }
        if (s.started() || !s.enrollments.isEmpty()) {
            next = earliest(next, learner.nextSettingsChange());
        }
        for (LearnerRule<?> rule : rules) {
            long deadline = deadlineOf(rule, learner, s);
            if (deadline != NONE && deadline > s.clock) {
                next = earliest(next, deadline);
            }
        }
        return next;
    }

    private static long earliest(long a, long b) {
        return a == NONE ? b : b == NONE ? a : Math.min(a, b);
    }

    /**
     * An enrolled learner wakes at every day end, silent or not: that is where a calendar item
     * published after the learner's last event is found, in time to fire at its own moment
     * (docs/rules.md, docs/time-and-delivery.md); and where each enrollment ends (see
     * {@link #enrollmentEnd}).
     */
    private long enrolledWakeup(Learner learner, LearnerState s) {
        long next = calendar.endOf(calendar.dayOf(s.clock));
        for (Enrollment e : s.enrollments) {
            long end = enrollmentEnd(learner, e);
            if (end > s.clock) {
                next = Math.min(next, end);
            }
        }
        return next;
    }

    /**
     * When an enrollment ends with nothing left to watch (docs/rules.md): at the course's last known
     * deadline; in a course without any, once the forget period has passed without an event in it
     * (so that state stays bounded; a later event with the course enrolls the learner again).
     */
    private long enrollmentEnd(Learner learner, Enrollment e) {
        CourseSchedule schedule = learner.courseCalendar().scheduleOf(e.courseId);
        long last = schedule == null ? NONE : schedule.lastMoment(learner);
        return last != NONE ? last : e.lastEventAt + forgetAfterMillis + 1;
    }

    /** Ends the enrollments nothing is left to watch in ({@link #enrollmentEnd}), in their order. */
    private void endFinishedEnrollments(Learner learner, LearnerState s, long now) {
        for (int i = 0; i < s.enrollments.size(); ) {
            Enrollment e = s.enrollments.get(i);
            if (enrollmentEnd(learner, e) <= now) {
                endEnrollment(learner, s, e); // removes e: the next one moves to i
            } else {
                i++;
            }
        }
    }

    private void endEnrollment(Learner learner, LearnerState s, Enrollment e) {
        s.enrollments.remove(e);
        for (LearnerRule<?> rule : rules) {
            onEnrollmentEnded(rule, learner, s, e.courseId);
        }
    }

    private void fireDue(Learner learner, LearnerState s, long due, Output out) {
        learner.evaluateAt(due);
        if (s.started() && dayEndDue(learner, s) && calendar.endOf(s.nextDayToClose) == due) {
            closeDay(learner, s, due, out);
        }
        for (LearnerRule<?> rule : rules) {
            if (deadlineOf(rule, learner, s) == due) {
                onDeadline(rule, learner, s, due, out);
            }
        }
        if (s.started() && forgetAt(s) == due) {
            s.forget();
        }
        endFinishedEnrollments(learner, s, due);
        s.clock = due;
    }

    /** The end of a day with events is always evaluated; the end of an empty day while a rule needs it. */
    private boolean dayEndDue(Learner learner, LearnerState s) {
        if (s.nextDayToClose <= s.lastDay) {
            return true;
        }
        for (LearnerRule<?> rule : rules) {
            if (needsEndOf(rule, learner, s, s.nextDayToClose)) {
                return true;
            }
        }
        return false;
    }

    private void closeDay(Learner learner, LearnerState s, long dayEnd, Output out) {
        long day = s.nextDayToClose;
        for (LearnerRule<?> rule : rules) {
            onDayEnd(rule, learner, s, day, dayEnd, out);
        }
        if (s.currentDay == day) {
            s.currentDay = NONE;
            s.seen.forgetBefore(dayEnd - dedupWindowMillis);
        }
        s.nextDayToClose = day + 1;
    }

    /** "No event for more than" the forget period: the first millisecond past it. */
    private long forgetAt(LearnerState s) {
        return s.lastEventTime + forgetAfterMillis + 1;
    }

    private void apply(Learner learner, LearnerState s, ActivityEvent e, Output out) {
        Long acceptedAt = s.seen.acceptedAt(e.eventId);
        if (acceptedAt != null && e.timestamp - acceptedAt <= dedupWindowMillis) {
            out.duplicate(e);
            return;
        }
        s.seen.accept(e.eventId, e.timestamp);
        learner.evaluateAt(e.timestamp);
        if (e.courseId != null) {
            enroll(learner, s, e);
        }
        if (e.type == EventType.WITHDRAWAL && s.enrollments.isEmpty()) {
            // enrolled in no course any more: forgotten at once, as after 30 silent days (docs/rules.md)
            s.forget();
            return;
        }
        if (!e.type.isActivity()) {
            // Joining or leaving a course is not activity (docs/events.md): it moved the clock and passed the
            // duplicate check, but the activity rules, their forgetting and the daily figures never see it.
            return;
        }

        long day = calendar.dayOf(e.timestamp);
        if (!s.started()) {
            s.firstDay = day;
        }
        s.currentDay = day;
        s.nextDayToClose = s.nextDayToClose == NONE ? day : Math.max(s.nextDayToClose, day);
        markActive(s, day);
        s.lastEventTime = e.timestamp;
        s.lastDay = day;
        if (e.courseId != null) {
            s.courseId = e.courseId;
        }
        if (e.cohortId != null) {
            s.cohortId = e.cohortId;
        }
        for (LearnerRule<?> rule : rules) {
            onEvent(rule, learner, s, e, out);
        }
    }

    /**
     * Enrollment (docs/rules.md): an {@code enrollment} event, or without one the first event of any type
     * with the course, enrolls the learner; a {@code withdrawal} ends it, with what was submitted, so
     * that a later event with the course enrolls them afresh. An assessment with an
     * {@code assessmentId} is a submission of that calendar item.
     */
    private void enroll(Learner learner, LearnerState s, ActivityEvent e) {
        Enrollment enrollment = s.enrollment(e.courseId);
        if (e.type == EventType.WITHDRAWAL) {
            if (enrollment != null) {
                endEnrollment(learner, s, enrollment);
            }
            return;
        }
        if (enrollment == null) {
            enrollment = new Enrollment(e.courseId, e.timestamp);
            s.enrollments.add(enrollment);
        }
        enrollment.lastEventAt = e.timestamp;
        if (e.cohortId != null) {
            enrollment.cohortId = e.cohortId;
        }
        if (e.type == EventType.ASSESSMENT && e.assessmentId != null && !enrollment.hasSubmitted(e.assessmentId)) {
            enrollment.submitted.add(e.assessmentId);
        }
    }

    private static void markActive(LearnerState s, long day) {
        if (s.maskDay != NONE) {
            long shift = day - s.maskDay;
            s.activeDays = shift >= 64 ? 0L : s.activeDays << shift;
        }
        s.activeDays |= 1L;
        s.maskDay = day;
    }

    // --- calling a rule with its own part of the state ---------------------------------------------

    private static <S> void onEvent(LearnerRule<S> rule, Learner learner, LearnerState s, ActivityEvent e,
            Output out) {
        rule.onEvent(learner, rule.stateOf(s), e, out);
    }

    private static <S> boolean needsEndOf(LearnerRule<S> rule, Learner learner, LearnerState s, long day) {
        return rule.needsEndOf(learner, rule.stateOf(s), day);
    }

    private static <S> void onDayEnd(LearnerRule<S> rule, Learner learner, LearnerState s, long day, long dayEnd,
            Output out) {
        rule.onDayEnd(learner, rule.stateOf(s), day, dayEnd, out);
    }

    private static <S> long deadlineOf(LearnerRule<S> rule, Learner learner, LearnerState s) {
        return rule.nextDeadline(learner, rule.stateOf(s));
    }

    private static <S> void onDeadline(LearnerRule<S> rule, Learner learner, LearnerState s, long due, Output out) {
        rule.onDeadline(learner, rule.stateOf(s), due, out);
    }

    private static <S> void onEnrollmentEnded(LearnerRule<S> rule, Learner learner, LearnerState s, String courseId) {
        rule.onEnrollmentEnded(learner, rule.stateOf(s), courseId);
    }
}
