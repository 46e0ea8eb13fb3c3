package io.learnpulse.risk;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Computes a learner's {@link Feature}s in one course from their events and the course calendar
 * (issue 13 item 1): the one implementation that the job's AT_RISK rule runs live and that
 * {@code fit-risk} runs over history, so that the model is fitted on exactly the figures it is
 * later fed. The caller delivers, in event-time order, the learner's activity and assessments in
 * the course and each calendar item's judgement (its {@code dueAt} + grace passing), then asks for
 * the values at a moment. Plain arithmetic in a fixed order: the same calls give the same values.
 */
public final class FeatureExtractor implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double DAY_MILLIS = 86_400_000.0;
    /** How many of the last scores the trend is fitted over. */
    static final int TREND_ITEMS = 5;
    /** {@code Feature.values()} copies its array at every call; the values are asked for at every score. */
    private static final int FEATURES = Feature.values().length;

    /** Calendar days for "active on N of the last 7 days" are days in this zone. */
    private final ZoneId zone;

    public FeatureExtractor(ZoneId zone) {
        this.zone = zone;
    }

    /** A fresh learner in {@code courseId}, enrolled (or first seen) at {@code since}. */
    public RiskFeatures start(String courseId, long since) {
        RiskFeatures f = new RiskFeatures();
        f.courseId = courseId;
        f.since = since;
        return f;
    }

    /** Any activity of the learner in the course at {@code time} (an assessment is activity too). */
    public void onActivity(RiskFeatures f, long time) {
        f.lastActivity = Math.max(f.lastActivity, time);
        long day = dayOf(time);
        if (f.maskDay == RiskFeatures.NONE) {
            f.maskDay = day;
        } else if (day > f.maskDay) {
            long shift = day - f.maskDay;
            f.activeDays = shift >= 64 ? 0L : f.activeDays << shift;
            f.maskDay = day;
        }
        long back = f.maskDay - day;
        if (back < 64) {
            f.activeDays |= 1L << back;
        }
    }

    /**
     * An assessment at {@code time} with {@code score} in [0, 1]; {@code assessmentId} may be null
     * (a score that answers no calendar item), {@code dueAt} is that item's deadline if the calendar
     * knows it, else null. Call {@link #onActivity} for it as well.
     */
    public void onSubmission(RiskFeatures f, long time, double score, String assessmentId, Long dueAt) {
        f.scores++;
        f.scoreSum += score;
        f.lowestScore = Double.isNaN(f.lowestScore) ? score : Math.min(f.lowestScore, score);
        f.recentScores.add(score);
        if (f.recentScores.size() > TREND_ITEMS) {
            f.recentScores.remove(0);
        }
        f.lastSubmission = Math.max(f.lastSubmission, time);
        if (dueAt != null) {
            f.latenessCount++;
            f.latenessDaysSum += (time - dueAt) / DAY_MILLIS;
        }
        if (assessmentId != null) {
            f.awaiting.removeIf(s -> s.assessmentId.equals(assessmentId));
            f.awaiting.add(new RiskFeatures.Submission(assessmentId, score));
        }
    }

    /**
     * The item {@code assessmentId}, due at {@code dueAt} with {@code weight} (null: none), was judged
     * (its {@code dueAt} + grace passed): submitted by then or missed. An item due before the learner
     * enrolled does not count, as MISSED_DEADLINE does not fire for it.
     */
    public void onItemJudged(RiskFeatures f, String assessmentId, long dueAt, Double weight) {
        if (dueAt < f.since) {
            return;
        }
        double w = weight == null ? 0.0 : weight;
        f.itemsDue++;
        f.weightDue += w;
        RiskFeatures.Submission submitted = null;
        for (RiskFeatures.Submission s : f.awaiting) {
            if (s.assessmentId.equals(assessmentId)) {
                submitted = s;
            }
        }
        if (submitted == null) {
            f.itemsMissed++;
        } else {
            f.weightEarned += submitted.score * w;
            f.awaiting.remove(submitted);
        }
    }

    /** The learner's values at {@code at}, indexed by {@link Feature#ordinal()}. */
    public double[] values(RiskFeatures f, long at) {
        double[] v = new double[FEATURES];
        v[Feature.ITEMS_DUE.ordinal()] = f.itemsDue;
        v[Feature.ITEMS_MISSED.ordinal()] = f.itemsMissed;
        v[Feature.SHARE_MISSED.ordinal()] = f.itemsDue == 0 ? Double.NaN : (double) f.itemsMissed / f.itemsDue;
        v[Feature.MEAN_SCORE.ordinal()] = f.scores == 0 ? Double.NaN : f.scoreSum / f.scores;
        v[Feature.LOWEST_SCORE.ordinal()] = f.lowestScore;
        v[Feature.GRADE_SHARE.ordinal()] = f.weightDue == 0 ? Double.NaN : f.weightEarned / f.weightDue;
        v[Feature.DAYS_SINCE_ACTIVITY.ordinal()] = daysSince(f, f.lastActivity, at);
        v[Feature.DAYS_SINCE_SUBMISSION.ordinal()] = daysSince(f, f.lastSubmission, at);
        v[Feature.MEAN_LATENESS_DAYS.ordinal()] =
                f.latenessCount == 0 ? Double.NaN : f.latenessDaysSum / f.latenessCount;
        v[Feature.SCORE_TREND.ordinal()] = trend(f);
        long lastDay = dayOf(at - 1);
        v[Feature.ACTIVE_DAYS_7.ordinal()] = activeDaysIn(f, lastDay, 7);
        v[Feature.ACTIVE_DAYS_14.ordinal()] = activeDaysIn(f, lastDay, 14);
        return v;
    }

    private static double daysSince(RiskFeatures f, long last, long at) {
        long from = last == RiskFeatures.NONE ? f.since : Math.max(last, f.since);
        return Math.max(0L, at - from) / DAY_MILLIS;
    }

    /** Least-squares slope of the recent scores against their position. */
    private static double trend(RiskFeatures f) {
        int n = f.recentScores.size();
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double y : f.recentScores) {
            meanY += y;
        }
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - meanX) * (f.recentScores.get(i) - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        return sxy / sxx;
    }

    /** Days with activity among the {@code window} days ending with {@code lastDay}. */
    private static int activeDaysIn(RiskFeatures f, long lastDay, int window) {
        if (f.maskDay == RiskFeatures.NONE) {
            return 0;
        }
        long shift = lastDay - f.maskDay;
        long mask;
        if (shift >= 0) {
            mask = shift >= 64 ? 0L : f.activeDays << shift;
        } else {
            // Asked about a moment before the latest activity (not in time order): none of it is seen.
            mask = -shift >= 64 ? 0L : f.activeDays >>> -shift;
        }
        return Long.bitCount(mask & ((1L << window) - 1));
    }

    private long dayOf(long millis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone).toEpochDay();
    }
}
