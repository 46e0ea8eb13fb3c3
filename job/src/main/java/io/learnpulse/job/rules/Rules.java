package io.learnpulse.job.rules;

import java.util.List;

/** The rules every learner's timeline runs, in the order they act at one moment. */
final class Rules {
    private Rules() {}

    /**
     * At one moment the rules act in this order, so that the output order stays fixed: at a day end
     * the decline before the consistency alert before the day's figures; at one time the engagement
     * drop before the stagnation before a missed deadline before the risk it raises.
     */
    static List<LearnerRule<?>> all(RuleConfig job, AlertFactory alerts, Calendar calendar) {
        return List.of(
                new ConsecutiveLowScores(alerts),
                new HighPerformance(alerts),
                new PerformanceDecline(alerts),
                new LowConsistency(alerts),
                new DailyFiguresRule(),
                new EngagementDrop(alerts, calendar),
                new CompletionStagnation(alerts),
                new MissedDeadline(alerts),
                new AtRisk(job, alerts, calendar));
    }
}
