package io.learnpulse.job.rules;

import static io.learnpulse.job.rules.LearnerState.NONE;

import io.learnpulse.model.AlertMetrics;
import io.learnpulse.model.AlertType;
import java.util.Locale;

/**
 * ENGAGEMENT_DROP (docs/rules.md): whole days without any event after the learner's last day with one;
 * fires at the end of the last of them. It needs no state of its own: its deadline moves with the
 * learner's last day, and the timeline fires a deadline only once, so the episode clears with the
 * learner's next event. The silence is judged with the count in effect when it began, at the
 * learner's last event (docs/rules.md): a change during a silence applies from the next one, so
 * it neither re-fires nor loses this one.
 */
final class EngagementDrop implements LearnerRule<Void> {
    private static final long serialVersionUID = 1L;

    private final AlertFactory alerts;
    private final Calendar calendar;

    EngagementDrop(AlertFactory alerts, Calendar calendar) {
        this.alerts = alerts;
        this.calendar = calendar;
    }

    @Override
    public Void stateOf(LearnerState learner) {
        return null;
    }

    /** The end of the last of the empty days after the learner's last day with an event. */
    @Override
    public long nextDeadline(Learner learner, Void none) {
        return learner.started() ? calendar.endOf(learner.lastDay() + emptyDays(learner)) : NONE;
    }

    private static int emptyDays(Learner learner) {
        return learner.configAt(learner.lastEventTime()).engagementEmptyDays;
    }

    @Override
    public void onDeadline(Learner learner, Void none, long deadline, LearnerTimeline.Output out) {
        int emptyDays = emptyDays(learner);
        AlertMetrics m = new AlertMetrics();
        m.emptyDays = emptyDays;
        m.lastEventTime = Calendar.isoInstant(learner.lastEventTime());
        out.alert(alerts.alert(learner, AlertType.ENGAGEMENT_DROP, deadline, "", m,
                String.format(Locale.ROOT, "%s has had no activity for %d whole days (last seen %s).",
                        learner.userId(), emptyDays, m.lastEventTime),
                "Send a personal check-in message and point to the next concrete step or deadline."));
    }
}
