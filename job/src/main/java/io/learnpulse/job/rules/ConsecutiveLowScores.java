package io.learnpulse.job.rules;

import io.learnpulse.model.AlertType;

/** CONSECUTIVE_LOW_SCORES (docs/rules.md): the {@code count}-th consecutive assessment scored below the threshold. */
final class ConsecutiveLowScores extends ScoreStreakRule {
    private static final long serialVersionUID = 1L;

    ConsecutiveLowScores(AlertFactory alerts) {
        super(alerts, AlertType.CONSECUTIVE_LOW_SCORES, "below %s",
                "Reach out today: go through the last assessments together and offer targeted practice or tutoring.");
    }

    @Override
    public Streak stateOf(LearnerState learner) {
        return learner.lowScores;
    }

    @Override
    double threshold(RuleConfig config) {
        return config.lowScoreThreshold;
    }

    @Override
    int count(RuleConfig config) {
        return config.lowScoreCount;
    }

    @Override
    boolean continues(double score, double threshold) {
        return score < threshold;
    }
}
