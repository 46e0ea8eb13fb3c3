package io.learnpulse.job.rules;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PERFORMANCE_DECLINE (docs/rules.md): {@code days} adjacent days, each with assessments whose mean is
 * below the threshold; fires at the end of the last of them. Only days with assessments count; a
 * day without any breaks the run but does not clear an open episode, a day with a mean at or above
 * the threshold clears it. Threshold and days are read at each day end, with the learner's settings
 * then (docs/rules.md): an open episode stays open until a day at or above the threshold in effect
 * at that day's end.
 */
final class PerformanceDecline implements LearnerRule<PerformanceDecline.State> {
    private static final long serialVersionUID = 1L;

    /** The assessments of the day not yet ended, and the run of low days before it. */
    public static class State {
        public int dayAssessments;
        public double dayScoreSum;
        /** The run of adjacent days with a low mean score ends at this day. */
        public long lastAssessedDay = NONE;
        public List<String> lowDays = new ArrayList<>();
        public List<Double> lowDayMeans = new ArrayList<>();
        public boolean open;

        public State() {}
    }

    private final AlertFactory alerts;

    PerformanceDecline(AlertFactory alerts) {
        this.alerts = alerts;
    }

    @Override
    public State stateOf(LearnerState learner) {
        return learner.decline;
    }

    @Override
    public void onEvent(Learner learner, State s, ActivityEvent event, LearnerTimeline.Output out) {
        if (event.type == EventType.ASSESSMENT) {
            s.dayAssessments++;
            s.dayScoreSum += event.score;
        }
    }

    @Override
    public void onDayEnd(Learner learner, State s, long day, long dayEnd, LearnerTimeline.Output out) {
        if (s.dayAssessments == 0) {
            return;
        }
        RuleConfig config = learner.config();
        double threshold = config.declineThreshold;
        int days = config.declineDays;
        double mean = s.dayScoreSum / s.dayAssessments;
        s.dayAssessments = 0;
        s.dayScoreSum = 0.0;
        if (mean < threshold) {
            if (s.lastAssessedDay != day - 1) {
                s.lowDays.clear();
                s.lowDayMeans.clear();
            }
            s.lowDays.add(Calendar.isoDate(day));
            s.lowDayMeans.add(mean);
            Lists.keepLast(s.lowDays, days);
            Lists.keepLast(s.lowDayMeans, days);
            if (s.lowDays.size() >= days && !s.open) {
                out.alert(alert(learner, s, dayEnd, threshold, days));
                s.open = true;
            }
        } else {
            s.lowDays.clear();
            s.lowDayMeans.clear();
            s.open = false;
        }
        s.lastAssessedDay = day;
    }

    private Alert alert(Learner learner, State s, long at, double threshold, int days) {
        AlertMetrics m = new AlertMetrics();
        m.days = new ArrayList<>(s.lowDays);
        m.dailyMeans = new ArrayList<>(s.lowDayMeans);
        m.threshold = threshold;
        m.count = days;
        return alerts.alert(learner, AlertType.PERFORMANCE_DECLINE, at, "", m,
                String.format(Locale.ROOT, "%s's mean score stayed below %s on %d days in a row (%s, means %s).",
                        learner.userId(), AlertFactory.percent(threshold), days,
                        String.join(", ", s.lowDays), AlertFactory.scores(s.lowDayMeans)),
                "Check for a gap in prerequisite knowledge and suggest revisiting the material of those days.");
    }
}
