package io.learnpulse.job.rules;

import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.AlertType;
import java.util.Locale;

/**
 * LOW_CONSISTENCY (docs/rules.md): at the end of a day, fewer than the minimum fraction of the window's
 * days had an event, the learner's first event being at least a window old; cleared by a day end at
 * or above the fraction. Days before the first event count as inactive. Window and fraction are
 * read at each day end, with the learner's settings then (docs/rules.md).
 */
final class LowConsistency implements LearnerRule<LowConsistency.State> {
    private static final long serialVersionUID = 1L;

    /** Whether an episode is open. */
    public static class State {
        public boolean open;

        public State() {}
    }

    private final AlertFactory alerts;

    LowConsistency(AlertFactory alerts) {
        this.alerts = alerts;
    }

    @Override
    public State stateOf(LearnerState learner) {
        return learner.consistency;
    }

    /**
     * Days without events matter while the rule could still fire: once the window holds no active
     * day the fraction can only stay below the minimum.
     */
    @Override
    public boolean needsEndOf(Learner learner, State s, long day) {
        return !s.open && day <= learner.lastDay() + learner.config().consistencyWindowDays;
    }

    @Override
    public void onDayEnd(Learner learner, State s, long day, long dayEnd, LearnerTimeline.Output out) {
        RuleConfig config = learner.config();
        int windowDays = config.consistencyWindowDays;
        double minFraction = config.consistencyMinFraction;
        if (day < learner.firstDay() + windowDays - 1) {
            return;
        }
        int active = learner.activeDaysIn(day, windowDays);
        boolean low = active < minFraction * windowDays;
        if (low && !s.open) {
            AlertMetrics m = new AlertMetrics();
            m.activeDays = active;
            m.windowDays = windowDays;
            m.fraction = active / (double) windowDays;
            m.minFraction = minFraction;
            out.alert(alerts.alert(learner, AlertType.LOW_CONSISTENCY, dayEnd, "", m,
                    String.format(Locale.ROOT, "%s was active on only %d of the last %d days.",
                            learner.userId(), active, windowDays),
                    "Help the learner set a regular study rhythm, such as a short session every day."));
        }
        s.open = low;
    }
}
