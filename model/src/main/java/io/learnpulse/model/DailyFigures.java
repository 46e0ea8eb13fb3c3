package io.learnpulse.model;

import java.util.Objects;

/** One learner's figures for one calendar day (docs/alerts.md, topic {@code learner-metrics}). */
public class DailyFigures {
    public String userId;
    public String courseId;
    public String cohortId;
    /** ISO date, e.g. {@code 2026-11-24}, in the configured zone. */
    public String day;
    public int events;
    public int assessments;
    /** Mean assessment score of the day; null without assessments. */
    public Double meanScore;
    /** Latest progress as of the day's end; null if none yet. */
    public Double progress;
    /** Fraction of the window's days (default the last 7, this one included) with any event. */
    public double consistency7d;

    public DailyFigures() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DailyFigures)) {
            return false;
        }
        DailyFigures f = (DailyFigures) o;
        return events == f.events
                && assessments == f.assessments
                && Double.compare(consistency7d, f.consistency7d) == 0
                && Objects.equals(userId, f.userId)
                && Objects.equals(courseId, f.courseId)
                && Objects.equals(cohortId, f.cohortId)
                && Objects.equals(day, f.day)
                && Objects.equals(meanScore, f.meanScore)
                && Objects.equals(progress, f.progress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, day);
    }

    @Override
    public String toString() {
        return "DailyFigures{" + userId + " " + day + " events=" + events + '}';
    }
}
