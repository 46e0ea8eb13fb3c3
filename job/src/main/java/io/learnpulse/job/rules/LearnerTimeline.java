package io.learnpulse.job.rules;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.DailyFigures;
import io.learnpulse.model.EventType;
import java.io.Serializable;
import java.util.List;

/**
 * The six rules of DESIGN §3 over one learner's timeline, free of Flink so that they can be tested
 * as plain logic.
 *
 * <p>A learner's timeline moves forward in event-time order only. Events wait in
 * {@link LearnerState#pending} until the watermark passes them, then are applied in (time, id)
 * order; before an event at time t is applied, every deadline at or before t fires first (an
 * absence the learner's own later event proves, DESIGN §4). Deadlines without a later event fire
 * once the watermark reaches them. A deadline fires exactly once, when the timeline's clock passes
 * it, which is what makes each absence rule's episode end only with the learner's next event.
 */
public final class LearnerTimeline implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the rules' results go. */
    public interface Output {
        void alert(Alert alert);

        void dailyFigures(DailyFigures figures);

        /** An event whose id was already accepted within the dedup window: ignored. */
        void duplicate(ActivityEvent event);
    }

    private final RuleConfig config;
    private final Calendar calendar;
    private final AlertFactory alerts;

    public LearnerTimeline(RuleConfig config) {
        this.config = config;
        this.calendar = new Calendar(config.zone);
        this.alerts = new AlertFactory(config);
    }

    /** Holds an event until the watermark passes it. */
    public void receive(LearnerState s, ActivityEvent event) {
        s.insertPending(event);
    }

    /** The watermark reached {@code watermark}: apply the events and fire the deadlines up to it. */
    public void advance(String userId, LearnerState s, long watermark, SeenEvents seen, Output out)
            throws Exception {
        applyPendingUpTo(userId, s, watermark, seen, out);
        advanceClock(userId, s, watermark, seen, out);
    }

    /**
     * The input has ended: apply every waiting event, but fire no deadline beyond the last of them,
     * since the end of a finite input is no evidence of absence (DESIGN §3).
     */
    public void drain(String userId, LearnerState s, SeenEvents seen, Output out) throws Exception {
        applyPendingUpTo(userId, s, Long.MAX_VALUE, seen, out);
    }

    /** When the learner next needs the watermark: its earliest waiting event or deadline, or NONE. */
    public long nextWakeup(LearnerState s) {
        long deadline = nextDeadline(s);
        if (s.pending.isEmpty()) {
            return deadline;
        }
        long firstEvent = s.pending.get(0).timestamp;
        return deadline == NONE ? firstEvent : Math.min(firstEvent, deadline);
    }

    private void applyPendingUpTo(String userId, LearnerState s, long upTo, SeenEvents seen, Output out)
            throws Exception {
        List<ActivityEvent> pending = s.pending;
        while (!pending.isEmpty() && pending.get(0).timestamp <= upTo) {
            ActivityEvent event = pending.remove(0);
            advanceClock(userId, s, event.timestamp, seen, out);
            apply(userId, s, event, seen, out);
        }
    }

    /** Fires, in time order, every deadline after the clock and at or before {@code time}. */
    private void advanceClock(String userId, LearnerState s, long time, SeenEvents seen, Output out)
            throws Exception {
        for (long due = nextDeadline(s); due != NONE && due <= time; due = nextDeadline(s)) {
            fireDue(userId, s, due, seen, out);
        }
        s.clock = Math.max(s.clock, time);
    }

    private long nextDeadline(LearnerState s) {
        if (!s.started()) {
            return NONE;
        }
        long next = forgetAt(s);
        if (dayCloseDue(s)) {
            next = Math.min(next, calendar.endOf(s.nextDayToClose));
        }
        long engagement = engagementDeadline(s);
        if (engagement > s.clock) {
            next = Math.min(next, engagement);
        }
        long stagnation = stagnationDeadline(s);
        if (stagnation != NONE && stagnation > s.clock) {
            next = Math.min(next, stagnation);
        }
        return next;
    }

    private void fireDue(String userId, LearnerState s, long due, SeenEvents seen, Output out) throws Exception {
        if (dayCloseDue(s) && calendar.endOf(s.nextDayToClose) == due) {
            closeDay(userId, s, due, seen, out);
        }
        if (engagementDeadline(s) == due) {
            out.alert(alerts.engagementDrop(userId, s, due));
        }
        if (stagnationDeadline(s) == due) {
            out.alert(alerts.stagnation(userId, s, due));
        }
        if (forgetAt(s) == due) {
            s.forget();
            seen.clear();
        }
        s.clock = due;
    }

    // --- the day-based rules: evaluated at each day end while they can still change -------------

    /**
     * A day end needs evaluating while it closes a day with events, or while LOW_CONSISTENCY could
     * still fire: once the window holds no active day the fraction can only stay below the minimum.
     */
    private boolean dayCloseDue(LearnerState s) {
        return s.nextDayToClose <= s.lastDay
                || (!s.consistencyOpen && s.nextDayToClose <= s.lastDay + config.consistencyWindowDays);
    }

    private void closeDay(String userId, LearnerState s, long dayEnd, SeenEvents seen, Output out)
            throws Exception {
        long day = s.nextDayToClose;
        boolean hadEvents = s.currentDay == day;
        if (hadEvents && s.dayAssessments > 0) {
            evaluateDecline(userId, s, day, dayEnd, out);
        }
        int active = activeDaysInWindow(s, day);
        if (day >= s.firstDay + config.consistencyWindowDays - 1) {
            boolean low = active < config.consistencyMinFraction * config.consistencyWindowDays;
            if (low && !s.consistencyOpen) {
                out.alert(alerts.lowConsistency(userId, s, dayEnd, active));
            }
            s.consistencyOpen = low;
        }
        if (hadEvents) {
            out.dailyFigures(figures(userId, s, day, active));
            s.currentDay = NONE;
            s.dayEvents = 0;
            s.dayAssessments = 0;
            s.dayScoreSum = 0.0;
            seen.forgetBefore(dayEnd - config.dedupWindowMillis);
        }
        s.nextDayToClose = day + 1;
    }

    private void evaluateDecline(String userId, LearnerState s, long day, long dayEnd, Output out) {
        double mean = s.dayScoreSum / s.dayAssessments;
        if (mean < config.declineThreshold) {
            if (s.lastAssessedDay != day - 1) {
                s.lowDays.clear();
                s.lowDayMeans.clear();
            }
            s.lowDays.add(Calendar.isoDate(day));
            s.lowDayMeans.add(mean);
            keepLast(s.lowDays, config.declineDays);
            keepLast(s.lowDayMeans, config.declineDays);
            if (s.lowDays.size() == config.declineDays && !s.declineOpen) {
                out.alert(alerts.decline(userId, s, dayEnd));
                s.declineOpen = true;
            }
        } else {
            s.lowDays.clear();
            s.lowDayMeans.clear();
            s.declineOpen = false;
        }
        s.lastAssessedDay = day;
    }

    private DailyFigures figures(String userId, LearnerState s, long day, int activeDays) {
        DailyFigures f = new DailyFigures();
        f.userId = userId;
        f.courseId = s.courseId;
        f.cohortId = s.cohortId;
        f.day = Calendar.isoDate(day);
        f.events = s.dayEvents;
        f.assessments = s.dayAssessments;
        f.meanScore = s.dayAssessments > 0 ? s.dayScoreSum / s.dayAssessments : null;
        f.progress = s.latestProgress;
        f.consistency7d = activeDays / (double) config.consistencyWindowDays;
        return f;
    }

    private int activeDaysInWindow(LearnerState s, long day) {
        long shift = day - s.maskDay;
        long mask = shift >= 64 ? 0L : s.activeDays << shift;
        return Long.bitCount(mask & ((1L << config.consistencyWindowDays) - 1));
    }

    private static void markActive(LearnerState s, long day) {
        if (s.maskDay != NONE) {
            long shift = day - s.maskDay;
            s.activeDays = shift >= 64 ? 0L : s.activeDays << shift;
        }
        s.activeDays |= 1L;
        s.maskDay = day;
    }

    // --- the absence deadlines ----------------------------------------------------------------

    /** The end of the last of the empty days after the learner's last day with an event. */
    private long engagementDeadline(LearnerState s) {
        return calendar.endOf(s.lastDay + config.engagementEmptyDays);
    }

    private long stagnationDeadline(LearnerState s) {
        if (s.maxProgress == null || s.maxProgress >= config.completeProgress) {
            return NONE;
        }
        return s.lastIncreaseTime + config.stagnationMillis;
    }

    /** "No event for more than" the forget period: the first millisecond past it. */
    private long forgetAt(LearnerState s) {
        return s.lastEventTime + config.forgetAfterMillis + 1;
    }

    // --- one event -----------------------------------------------------------------------------

    private void apply(String userId, LearnerState s, ActivityEvent e, SeenEvents seen, Output out)
            throws Exception {
        Long acceptedAt = seen.acceptedAt(e.eventId);
        if (acceptedAt != null && e.timestamp - acceptedAt <= config.dedupWindowMillis) {
            out.duplicate(e);
            return;
        }
        seen.accept(e.eventId, e.timestamp);

        long day = calendar.dayOf(e.timestamp);
        if (!s.started()) {
            s.firstDay = day;
        }
        s.currentDay = day;
        s.nextDayToClose = s.nextDayToClose == NONE ? day : Math.max(s.nextDayToClose, day);
        markActive(s, day);
        s.dayEvents++;
        s.lastEventTime = e.timestamp;
        s.lastDay = day;
        if (e.courseId != null) {
            s.courseId = e.courseId;
        }
        if (e.cohortId != null) {
            s.cohortId = e.cohortId;
        }
        if (e.type == EventType.ASSESSMENT) {
            applyScore(userId, s, e, out);
        } else if (e.type == EventType.PROGRESS) {
            applyProgress(s, e);
        }
    }

    private void applyScore(String userId, LearnerState s, ActivityEvent e, Output out) {
        double score = e.score;
        s.dayAssessments++;
        s.dayScoreSum += score;
        s.lowStreak = streak(score < config.lowScoreThreshold, s.lowStreak, s.lowScores, score, config.lowScoreCount);
        if (s.lowStreak == config.lowScoreCount) {
            out.alert(alerts.lowScores(userId, s, e.timestamp, e.eventId));
        }
        s.highStreak = streak(score >= config.highScoreThreshold, s.highStreak, s.highScores, score,
                config.highScoreCount);
        if (s.highStreak == config.highScoreCount) {
            out.alert(alerts.highScores(userId, s, e.timestamp, e.eventId));
        }
    }

    /**
     * Extends a streak by a score that continues it, keeping its last {@code keep} scores, or breaks
     * it; returns its new length. A streak rule fires when the length reaches its count, so it cannot
     * fire again before a score breaks the streak (its clear condition).
     */
    private static int streak(boolean continues, int length, List<Double> scores, double score, int keep) {
        if (!continues) {
            scores.clear();
            return 0;
        }
        scores.add(score);
        keepLast(scores, keep);
        return length + 1;
    }

    private void applyProgress(LearnerState s, ActivityEvent e) {
        s.latestProgress = e.progress;
        if (s.maxProgress == null || e.progress > s.maxProgress) {
            s.maxProgress = e.progress;
            s.lastIncreaseTime = e.timestamp;
        }
    }

    private static <T> void keepLast(List<T> list, int n) {
        while (list.size() > n) {
            list.remove(0);
        }
    }
}
