package io.learnpulse.job.rules;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.EventType;
import java.util.Locale;

/**
 * COMPLETION_STAGNATION (docs/rules.md): the stagnation period passed since the learner's last progress
 * increase, progress being incomplete; fires at last increase + the period. "Increase" and
 * "incomplete" both compare with the highest progress ever reached; the first progress event counts
 * as an increase, and the next increase clears the episode (the timeline fires a deadline once).
 * The period and the complete progress are those in effect at the last increase (docs/rules.md),
 * so a change while progress stands still applies from the next increase.
 */
final class CompletionStagnation implements LearnerRule<CompletionStagnation.State> {
    private static final long serialVersionUID = 1L;

    /** The highest progress reached, and when. */
    public static class State {
        public Double maxProgress;
        public long lastIncreaseTime = NONE;

        public State() {}
    }

    private final AlertFactory alerts;

    CompletionStagnation(AlertFactory alerts) {
        this.alerts = alerts;
    }

    @Override
    public State stateOf(LearnerState learner) {
        return learner.stagnation;
    }

    @Override
    public void onEvent(Learner learner, State s, ActivityEvent event, LearnerTimeline.Output out) {
        if (event.type == EventType.PROGRESS && (s.maxProgress == null || event.progress > s.maxProgress)) {
            s.maxProgress = event.progress;
            s.lastIncreaseTime = event.timestamp;
        }
    }

    @Override
    public long nextDeadline(Learner learner, State s) {
        if (s.maxProgress == null) {
            return NONE;
        }
        RuleConfig config = learner.configAt(s.lastIncreaseTime);
        if (s.maxProgress >= config.completeProgress) {
            return NONE;
        }
        return s.lastIncreaseTime + config.stagnationMillis;
    }

    @Override
    public void onDeadline(Learner learner, State s, long deadline, LearnerTimeline.Output out) {
        RuleConfig config = learner.configAt(s.lastIncreaseTime);
        AlertMetrics m = new AlertMetrics();
        m.progress = s.maxProgress;
        m.lastIncreaseTime = Calendar.isoInstant(s.lastIncreaseTime);
        m.stagnationHours = config.stagnationMillis / 3_600_000.0;
        m.completeProgress = config.completeProgress;
        out.alert(alerts.alert(learner, AlertType.COMPLETION_STAGNATION, deadline, "", m,
                String.format(Locale.ROOT, "%s's course progress has stayed at %s for %s hours.",
                        learner.userId(), AlertFactory.percent(s.maxProgress), AlertFactory.trim(m.stagnationHours)),
                "Ask whether the learner is blocked and agree on a small, concrete next goal."));
    }
}
