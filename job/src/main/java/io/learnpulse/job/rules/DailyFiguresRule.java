package io.learnpulse.job.rules;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DailyFigures;
import io.learnpulse.model.EventType;

/**
 * The learner's daily figures (docs/alerts.md), emitted at the end of each day with events. Not an alert
 * rule, but it acts at the same moments as one.
 */
final class DailyFiguresRule implements LearnerRule<DailyFiguresRule.State> {
    private static final long serialVersionUID = 1L;

    /** The tallies of the day not yet ended, and the latest progress (carried across days). */
    public static class State {
        public int events;
        public int assessments;
        public double scoreSum;
        public Double latestProgress;

        public State() {}
    }

    DailyFiguresRule() {}

    @Override
    public State stateOf(LearnerState learner) {
        return learner.today;
    }

    @Override
    public void onEvent(Learner learner, State s, ActivityEvent event, LearnerTimeline.Output out) {
        s.events++;
        if (event.type == EventType.ASSESSMENT) {
            s.assessments++;
            s.scoreSum += event.score;
        } else if (event.type == EventType.PROGRESS) {
            s.latestProgress = event.progress;
        }
    }

    @Override
    public void onDayEnd(Learner learner, State s, long day, long dayEnd, LearnerTimeline.Output out) {
        if (s.events == 0) {
            return;
        }
        DailyFigures f = new DailyFigures();
        f.userId = learner.userId();
        f.courseId = learner.courseId();
        f.cohortId = learner.cohortId();
        f.day = Calendar.isoDate(day);
        f.events = s.events;
        f.assessments = s.assessments;
        f.meanScore = s.assessments > 0 ? s.scoreSum / s.assessments : null;
        f.progress = s.latestProgress;
        int windowDays = learner.config().consistencyWindowDays;
        f.consistency7d = learner.activeDaysIn(day, windowDays) / (double) windowDays;
        out.dailyFigures(f);
        s.events = 0;
        s.assessments = 0;
        s.scoreSum = 0.0;
    }
}
