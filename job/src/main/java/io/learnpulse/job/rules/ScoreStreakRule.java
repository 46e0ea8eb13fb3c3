package io.learnpulse.job.rules;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule on a streak of consecutive assessments (in event-time order) whose scores all meet a
 * condition: it fires at the assessment that makes the streak {@code count} long. It cannot fire
 * again before a score breaks the streak, which is its clear condition.
 *
 * <p>Threshold and count are read at each assessment, with the learner's settings at its time
 * (docs/rules.md): a score breaks the streak by the threshold in effect then, and the episode is
 * open until a score does, whatever the count becomes meanwhile, so a changed setting never
 * re-fires an open episode; a streak already at least as long as a lowered count fires at its next
 * assessment that continues it.
 */
abstract class ScoreStreakRule implements LearnerRule<ScoreStreakRule.Streak> {
    private static final long serialVersionUID = 1L;

    /** The current streak: its length, its last {@code count} scores, and whether it has fired. */
    public static class Streak {
        public int length;
        public List<Double> scores = new ArrayList<>();
        public boolean open;

        public Streak() {}
    }

    private final AlertFactory alerts;
    private final AlertType type;
    /** How the scores relate to the threshold, in the message ("below %s"). */
    private final String comparison;
    private final String recommendation;

    ScoreStreakRule(AlertFactory alerts, AlertType type, String comparison, String recommendation) {
        this.alerts = alerts;
        this.type = type;
        this.comparison = comparison;
        this.recommendation = recommendation;
    }

    abstract double threshold(RuleConfig config);

    abstract int count(RuleConfig config);

    /** Whether a score continues the streak. */
    abstract boolean continues(double score, double threshold);

    @Override
    public void onEvent(Learner learner, Streak streak, ActivityEvent event, LearnerTimeline.Output out) {
        if (event.type != EventType.ASSESSMENT) {
            return;
        }
        RuleConfig config = learner.config();
        double threshold = threshold(config);
        int count = count(config);
        double score = event.score;
        if (!continues(score, threshold)) {
            streak.scores.clear();
            streak.length = 0;
            streak.open = false;
            return;
        }
        streak.scores.add(score);
        Lists.keepLast(streak.scores, count);
        streak.length++;
        if (streak.length >= count && !streak.open) {
            streak.open = true;
            out.alert(alert(learner, streak, event, threshold, count));
        }
    }

    private Alert alert(Learner learner, Streak streak, ActivityEvent event, double threshold, int count) {
        AlertMetrics m = new AlertMetrics();
        m.scores = new ArrayList<>(streak.scores);
        m.threshold = threshold;
        m.count = count;
        return alerts.alert(learner, type, event.timestamp, event.eventId, m,
                String.format(Locale.ROOT, "%s scored " + comparison + " on %d assessments in a row (%s).",
                        learner.userId(), AlertFactory.percent(threshold), count, AlertFactory.scores(streak.scores)),
                recommendation);
    }
}
