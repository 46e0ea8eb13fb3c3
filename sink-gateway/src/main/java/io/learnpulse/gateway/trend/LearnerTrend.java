package io.learnpulse.gateway.trend;
import java.util.List;

/**
 * One learner's trends over the window [from, to] of {@code days} calendar days, each with the
 * figures behind it (docs/http-api.md {@code GET /api/users/{userId}/trend}).
 */
public record LearnerTrend(String userId, String from, String to, int days, Score score, Velocity velocity,
        Completion completion, Engagement engagement) {

    /** The regression of the daily mean score over the days that had assessments. */
    public record Score(Slope slope, List<ScorePoint> points) {
    }

    public record ScorePoint(String day, int dayIndex, double meanScore) {
    }

    /**
     * Learning velocity: the regression of progress over the ordinal of the active day in the window
     * (1 for the first day with events, 2 for the next, ...), so its slope is progress per active day.
     */
    public record Velocity(Slope progressPerActiveDay, Double latestProgress, List<ProgressPoint> points) {
    }

    public record ProgressPoint(String day, int activeDay, double progress) {
    }

    /**
     * Projected completion (progress 1.0) if the learner goes on at the window's velocity and rate of
     * active days: {@code projected} at the velocity, {@code earliest} at the upper and {@code latest}
     * at the lower bound of its 95% interval (null when that bound is not above zero: no end in
     * sight). {@code completedOn}: the day progress reached 1.0, when it has. {@code reason} says why
     * there is no projection.
     */
    public record Completion(String projected, String earliest, String latest, String completedOn,
            Double remainingProgress, Double activeDaysNeeded, Double activeDaysPerCalendarDay, String reason) {
    }

    /**
     * Engagement: active days (days with events) in the window, per week on average, per whole week
     * ending at {@code to} (days before the first whole week count in the total only), and the trend:
     * the regression of the weekly counts over the weeks, in active days per week gained or lost per week.
     */
    public record Engagement(int activeDays, double activeDaysPerWeek, List<Week> weeks, Slope slope) {
    }

    public record Week(String from, String to, int activeDays) {
    }
}
