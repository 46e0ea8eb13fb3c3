package io.learnpulse.job.rules;

import static io.learnpulse.job.rules.LearnerState.NONE;

import java.util.Arrays;
import java.util.List;

/**
 * What every rule may read about the learner: who they are, when they were active, and the
 * settings they are judged by. The {@link LearnerTimeline} keeps these facts; a rule keeps only its
 * own part of the state.
 *
 * <p>One view lives for one call of the timeline, during which the course calendar and the
 * overrides cannot change (the operator changes them only between its calls): so it looks each
 * course's schedule and the learner's own overrides up once, however often the rules and the next
 * wake-up ask for them.
 */
public final class Learner {
    private final String userId;
    private final LearnerState state;
    private final SchedulesLookedUp courseCalendar;
    private final Overrides overrides;
    /** Whether there is no override at all, as {@link Overrides#isEmpty} said when the call began. */
    private final boolean noOverrides;
    /** The learner's own overrides, or null; looked up at first use. */
    private SettingsHistory own;
    private boolean ownLookedUp;
    private final RuleConfig job;
    /** The moment the timeline is evaluating: the settings in effect then are {@link #config}. */
    private long at = NONE;

    Learner(String userId, LearnerState state, CourseCalendar courseCalendar, Overrides overrides, RuleConfig job) {
        this.userId = userId;
        this.state = state;
        this.courseCalendar = new SchedulesLookedUp(courseCalendar);
        this.overrides = overrides;
        this.noOverrides = overrides.isEmpty();
        this.job = job;
    }

    /** The timeline evaluates moment {@code t} next. */
    void evaluateAt(long t) {
        at = t;
    }

    /**
     * The settings in effect for this learner at the moment being evaluated (docs/rules.md): for
     * each setting, the learner's override in effect then, else their current cohort's, else the
     * job's configuration. Without any override that is the job's configuration itself.
     */
    public RuleConfig config() {
        return configAt(at);
    }

    /**
     * The settings in effect for this learner at {@code t}, as the operator knew them when its
     * watermark passed {@code t}: what an absence rule reads at the moment its absence began.
     */
    public RuleConfig configAt(long t) {
        if (noOverrides) {
            return job;
        }
        SettingsVersion own = inEffect(ownOverrides(), t);
        String cohortId = settingsCohort();
        SettingsVersion cohort = cohortId == null ? null : inEffect(overrides.cohort(cohortId), t);
        if (own == null) {
            return cohort == null ? job : cohort.over(job);
        }
        return cohort == null ? own.over(job) : own.over(cohort, job);
    }

    /** The next moment after the one evaluated at which this learner's settings may change, or NONE. */
    long nextSettingsChange() {
        if (noOverrides) {
            return NONE;
        }
        long own = nextChange(ownOverrides());
        String cohortId = settingsCohort();
        long cohort = cohortId == null ? NONE : nextChange(overrides.cohort(cohortId));
        return own == NONE ? cohort : cohort == NONE ? own : Math.min(own, cohort);
    }

    private SettingsHistory ownOverrides() {
        if (!ownLookedUp) {
            own = overrides.learner(userId);
            ownLookedUp = true;
        }
        return own;
    }

    private static SettingsVersion inEffect(SettingsHistory history, long t) {
        SettingsVersion v = history == null ? null : history.inEffectAt(t);
        return v == null || v.removes() ? null : v;
    }

    private long nextChange(SettingsHistory history) {
        return history == null ? NONE : history.nextChangeAfter(at);
    }

    /**
     * The cohort whose overrides apply: that of the learner's latest event with one; for a learner
     * forgotten after a silence but still enrolled, that of their latest enrollment with one.
     */
    private String settingsCohort() {
        if (state.cohortId != null) {
            return state.cohortId;
        }
        Enrollment latest = null;
        for (Enrollment e : state.enrollments) {
            if (e.cohortId != null && (latest == null || e.lastEventAt > latest.lastEventAt)) {
                latest = e;
            }
        }
        return latest == null ? null : latest.cohortId;
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

    /**
     * The calendar of one call, each course's schedule (or that there is none) kept after its first
     * look-up: the courses of one learner are few, so a short list beats a map.
     */
    private static final class SchedulesLookedUp implements CourseCalendar {
        private final CourseCalendar calendar;
        private String[] courseIds;
        private CourseSchedule[] schedules;
        private int known;

        SchedulesLookedUp(CourseCalendar calendar) {
            this.calendar = calendar;
        }

        @Override
        public CourseSchedule scheduleOf(String courseId) {
            for (int i = 0; i < known; i++) {
                if (courseIds[i].equals(courseId)) {
                    return schedules[i];
                }
            }
            CourseSchedule schedule = calendar.scheduleOf(courseId);
            if (courseIds == null) {
                courseIds = new String[2];
                schedules = new CourseSchedule[2];
            } else if (known == courseIds.length) {
                courseIds = Arrays.copyOf(courseIds, 2 * known);
                schedules = Arrays.copyOf(schedules, 2 * known);
            }
            courseIds[known] = courseId;
            schedules[known] = schedule;
            known++;
            return schedule;
        }
    }

    /** How many of the {@code windowDays} days ending with {@code day} had an event (at most 63). */
    public int activeDaysIn(long day, int windowDays) {
        long shift = day - state.maskDay;
        long mask = shift >= 64 ? 0L : state.activeDays << shift;
        return Long.bitCount(mask & ((1L << windowDays) - 1));
    }
}
