package io.learnpulse.job.rules;

import io.learnpulse.model.ActivityEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the rules remember about one learner, in one value so that the hot path costs one
 * state read and one write per event (on RocksDB each state access is a seek). Days are epoch days
 * in the configured zone; times epoch milliseconds; {@link #NONE} marks "not yet".
 */
public class LearnerState {
    public static final long NONE = Long.MIN_VALUE;

    /** Events received but not yet processed: they wait for the watermark, in event-time order. */
    public List<ActivityEvent> pending = new ArrayList<>();
    /** The event-time timer registered for this learner, or NONE. */
    public long timerAt = NONE;
    /** Event time up to which the learner's timeline has been processed. */
    public long clock = NONE;

    public String courseId;
    public String cohortId;
    public long firstDay = NONE;
    public long lastEventTime = NONE;
    public long lastDay = NONE;
    /** The first day whose end has not been evaluated yet. */
    public long nextDayToClose = NONE;

    /** Bit k set: day {@code maskDay - k} had an event. */
    public long activeDays;
    public long maskDay = NONE;

    /** The day being aggregated (the learner's latest day with events), or NONE once it closed. */
    public long currentDay = NONE;
    public int dayEvents;
    public int dayAssessments;
    public double dayScoreSum;

    /** Length of the current streak of low (high) scores, and its last scores. */
    public int lowStreak;
    public List<Double> lowScores = new ArrayList<>();
    public int highStreak;
    public List<Double> highScores = new ArrayList<>();

    /** The run of adjacent days with a low mean score ending at {@link #lastAssessedDay}. */
    public long lastAssessedDay = NONE;
    public List<String> lowDays = new ArrayList<>();
    public List<Double> lowDayMeans = new ArrayList<>();
    public boolean declineOpen;

    public Double latestProgress;
    public Double maxProgress;
    public long lastIncreaseTime = NONE;

    public boolean consistencyOpen;

    public LearnerState() {}

    public boolean started() {
        return firstDay != NONE;
    }

    /** Whether nothing at all is left to remember: the state can be dropped. */
    public boolean isEmpty() {
        return !started() && pending.isEmpty();
    }

    /** Forgets the learner (DESIGN §3) but keeps the events still waiting, the timer and the clock. */
    void forget() {
        LearnerState fresh = new LearnerState();
        fresh.pending = pending;
        fresh.timerAt = timerAt;
        fresh.clock = clock;
        copyFrom(fresh);
    }

    private void copyFrom(LearnerState o) {
        pending = o.pending;
        timerAt = o.timerAt;
        clock = o.clock;
        courseId = o.courseId;
        cohortId = o.cohortId;
        firstDay = o.firstDay;
        lastEventTime = o.lastEventTime;
        lastDay = o.lastDay;
        nextDayToClose = o.nextDayToClose;
        activeDays = o.activeDays;
        maskDay = o.maskDay;
        currentDay = o.currentDay;
        dayEvents = o.dayEvents;
        dayAssessments = o.dayAssessments;
        dayScoreSum = o.dayScoreSum;
        lowStreak = o.lowStreak;
        lowScores = o.lowScores;
        highStreak = o.highStreak;
        highScores = o.highScores;
        lastAssessedDay = o.lastAssessedDay;
        lowDays = o.lowDays;
        lowDayMeans = o.lowDayMeans;
        declineOpen = o.declineOpen;
        latestProgress = o.latestProgress;
        maxProgress = o.maxProgress;
        lastIncreaseTime = o.lastIncreaseTime;
        consistencyOpen = o.consistencyOpen;
    }

    void insertPending(ActivityEvent event) {
        int i = pending.size();
        while (i > 0 && ActivityEvent.compareByTime(pending.get(i - 1), event) > 0) {
            i--;
        }
        pending.add(i, event);
    }
}
