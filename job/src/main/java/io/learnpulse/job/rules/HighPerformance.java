package io.learnpulse.job.rules;

import io.learnpulse.model.AlertType;

/** HIGH_PERFORMANCE (docs/rules.md): the {@code count}-th consecutive assessment scored at or above the threshold. */
final class HighPerformance extends ScoreStreakRule {
    private static final long serialVersionUID = 1L;

    HighPerformance(AlertFactory alerts) {
        super(alerts, AlertType.HIGH_PERFORMANCE, "%s or more",
                "Acknowledge the achievement and offer enrichment or more challenging material.");
    }

    @Override
    public Streak stateOf(LearnerState learner) {
        return learner.highScores;
    }

    @Override
    double threshold(RuleConfig config) {
        return config.highScoreThreshold;
    }

    @Override
    int count(RuleConfig config) {
        return config.highScoreCount;
    }

    @Override
    boolean continues(double score, double threshold) {
        return score >= threshold;
    }
}
