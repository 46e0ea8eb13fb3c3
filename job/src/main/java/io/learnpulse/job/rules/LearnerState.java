package io.learnpulse.job.rules;

import io.learnpulse.model.ActivityEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the timeline and its rules remember about one learner, in one value so that the hot
 * path costs one state read and one write per event (on RocksDB each state access is a seek): the
 * timeline's own fields, then one field per rule with that rule's part. Days are epoch days in the
 * configured zone; times epoch milliseconds; {@link #NONE} marks "not yet".
 */
public class LearnerState {
    public static final long NONE = Long.MIN_VALUE;

    // --- the timeline's: kept when the learner is forgotten ---------------------------------------
    /** Events received but not yet processed: they wait for the watermark, in event-time order. */
    public List<ActivityEvent> pending = new ArrayList<>();
    /** The event-time timer registered for this learner, or NONE. */
    public long timerAt = NONE;
    /** Event time up to which the learner's timeline has been processed. */
    public long clock = NONE;
    /** The courses the learner is enrolled in (docs/rules.md: forgetting a silent learner keeps them). */
    public List<Enrollment> enrollments = new ArrayList<>();

    // --- the timeline's: what every rule may read (see Learner) -----------------------------------
    public String courseId;
    public String cohortId;
    public long firstDay = NONE;
    public long lastEventTime = NONE;
    public long lastDay = NONE;
    /** Bit k set: day {@code maskDay - k} had an event. */
    public long activeDays;
    public long maskDay = NONE;
    /** The ids of the events accepted within the dedup window. */
    public SeenEvents seen = new SeenEvents();
    /** The first day whose end has not been evaluated yet. */
    public long nextDayToClose = NONE;
    /** The learner's latest day with events while its end has not been evaluated, else NONE. */
    public long currentDay = NONE;

    // --- each rule's part (see Rules) ----------------------------------------------------------
    public ScoreStreakRule.Streak lowScores = new ScoreStreakRule.Streak();
    public ScoreStreakRule.Streak highScores = new ScoreStreakRule.Streak();
    public PerformanceDecline.State decline = new PerformanceDecline.State();
    public LowConsistency.State consistency = new LowConsistency.State();
    public DailyFiguresRule.State today = new DailyFiguresRule.State();
    public CompletionStagnation.State stagnation = new CompletionStagnation.State();
    /** MISSED_DEADLINE's: goes with the enrollments, not with forgetting. */
    public List<MissedDeadline.Missed> missed = new ArrayList<>();
    /** AT_RISK's, one per enrollment: goes with the enrollments, not with forgetting. */
    public List<AtRisk.Course> risk = new ArrayList<>();

    public LearnerState() {}

    public boolean started() {
        return firstDay != NONE;
    }

    /** Whether nothing at all is left to remember: the state can be dropped. */
    public boolean isEmpty() {
        return !started() && pending.isEmpty() && enrollments.isEmpty();
    }

    Enrollment enrollment(String courseId) {
        for (Enrollment e : enrollments) {
            if (e.courseId.equals(courseId)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Forgets the learner (docs/rules.md): drops the six activity rules' state, but keeps the events still
     * waiting, the timer, the clock, and the enrollments with what MISSED_DEADLINE and AT_RISK keep of them.
     */
    void forget() {
        LearnerState fresh = new LearnerState();
        courseId = fresh.courseId;
        cohortId = fresh.cohortId;
        firstDay = fresh.firstDay;
        lastEventTime = fresh.lastEventTime;
        lastDay = fresh.lastDay;
        activeDays = fresh.activeDays;
        maskDay = fresh.maskDay;
        nextDayToClose = fresh.nextDayToClose;
        currentDay = fresh.currentDay;
        seen = fresh.seen;
        lowScores = fresh.lowScores;
        highScores = fresh.highScores;
        decline = fresh.decline;
        consistency = fresh.consistency;
        today = fresh.today;
        stagnation = fresh.stagnation;
    }

    /** Whether an event waits for the watermark at or before {@code time}. */
    public boolean hasPendingEventBy(long time) {
        return !pending.isEmpty() && pending.get(0).timestamp <= time;
    }

    void insertPending(ActivityEvent event) {
        int i = pending.size();
        while (i > 0 && ActivityEvent.compareByTime(pending.get(i - 1), event) > 0) {
            i--;
        }
        pending.add(i, event);
    }
}
