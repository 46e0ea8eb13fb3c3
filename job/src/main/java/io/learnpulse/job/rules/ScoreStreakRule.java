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
 */
abstract class ScoreStreakRule implements LearnerRule<ScoreStreakRule.Streak> {
    private static final long serialVersionUID = 1L;

    /** The current streak: its length and its last {@code count} scores. */
    public static class Streak {
        public int length;
        public List<Double> scores = new ArrayList<>();

        public Streak() {}
    }

    private final AlertFactory alerts;
    private final AlertType type;
    protected final double threshold;
    private final int count;
    /** How the scores relate to the threshold, in the message ("below %s"). */
    private final String comparison;
    private final String recommendation;

    ScoreStreakRule(AlertFactory alerts, AlertType type, double threshold, int count, String comparison,
            String recommendation) {
        this.alerts = alerts;
        this.type = type;
        this.threshold = threshold;
        this.count = count;
        this.comparison = comparison;
        this.recommendation = recommendation;
    }

    /** Whether a score continues the streak. */
    abstract boolean continues(double score);

    @Override
    public void onEvent(Learner learner, Streak streak, ActivityEvent event, LearnerTimeline.Output out) {
        if (event.type != EventType.ASSESSMENT) {
            return;
        }
        double score = event.score;
        if (!continues(score)) {
            streak.scores.clear();
            streak.length = 0;
            return;
        }
        streak.scores.add(score);
        Lists.keepLast(streak.scores, count);
        streak.length++;
        if (streak.length == count) {
            out.alert(alert(learner, streak, event));
        }
    }

    private Alert alert(Learner learner, Streak streak, ActivityEvent event) {
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
