package io.learnpulse.risk;

import java.util.Locale;

/**
 * The figures a risk model may weigh (issue 13 item 1), as {@link FeatureExtractor} computes them
 * from a learner's events in one course and the course calendar. A value is {@link Double#NaN}
 * where it is not defined yet (a mean score before any score); the model file says what such a
 * value counts as. Each feature says itself in words for the alert's message.
 */
public enum Feature {
    /** Calendar items whose deadline (and grace) has passed while the learner was enrolled. */
    ITEMS_DUE("itemsDue"),
    /** Of those, the items the learner did not submit in time. */
    ITEMS_MISSED("itemsMissed"),
    /** itemsMissed / itemsDue; NaN before the first item is due. */
    SHARE_MISSED("shareMissed"),
    /** Mean of the learner's scores in [0, 1]; NaN before the first. */
    MEAN_SCORE("meanScore"),
    LOWEST_SCORE("lowestScore"),
    /** Score × weight earned on the items due so far over their weight; NaN before any weight is due. */
    GRADE_SHARE("gradeShare"),
    /** Days since the learner's last activity in the course, or since they enrolled. */
    DAYS_SINCE_ACTIVITY("daysSinceActivity"),
    /** Days since the learner's last assessment in the course, or since they enrolled. */
    DAYS_SINCE_SUBMISSION("daysSinceSubmission"),
    /** Mean days from an item's deadline to its submission (negative: early); NaN before the first. */
    MEAN_LATENESS_DAYS("meanLatenessDays"),
    /** Least-squares slope of the last scores per item (score points of [0, 1]); NaN before two scores. */
    SCORE_TREND("scoreTrend"),
    /** Days with activity among the last 7 and 14 calendar days. */
    ACTIVE_DAYS_7("activeDays7"),
    ACTIVE_DAYS_14("activeDays14");

    private final String wireName;

    Feature(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the model file and in the alert's metrics. */
    public String wireName() {
        return wireName;
    }

    /** The feature with that wire name, or null. */
    public static Feature fromWireName(String name) {
        for (Feature f : values()) {
            if (f.wireName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** This figure in words ("missed 2 of 4 assignments"), from all of the learner's values. */
    public String describe(double[] values) {
        double v = values[ordinal()];
        switch (this) {
            case ITEMS_DUE:
                return count(v, "assignment") + " due so far";
            case ITEMS_MISSED:
            case SHARE_MISSED:
                return "missed " + whole(values[ITEMS_MISSED.ordinal()]) + " of "
                        + count(values[ITEMS_DUE.ordinal()], "assignment");
            case MEAN_SCORE:
                return Double.isNaN(v) ? "no score yet" : "mean score " + percent(v);
            case LOWEST_SCORE:
                return Double.isNaN(v) ? "no score yet" : "lowest score " + percent(v);
            case GRADE_SHARE:
                return Double.isNaN(v) ? "no graded work due yet" : "earned " + percent(v) + " of the grade due so far";
            case DAYS_SINCE_ACTIVITY:
                return "no activity for " + count(v, "day");
            case DAYS_SINCE_SUBMISSION:
                return "no submission for " + count(v, "day");
            case MEAN_LATENESS_DAYS:
                return Double.isNaN(v) ? "no submission yet"
                        : v >= 0 ? "submits " + count(v, "day") + " late on average"
                                : "submits " + count(-v, "day") + " early on average";
            case SCORE_TREND:
                return Double.isNaN(v) ? "too few scores for a trend"
                        : "scores " + (v < 0 ? "falling" : "rising") + " by " + whole(Math.abs(v) * 100.0)
                                + " points an assignment";
            case ACTIVE_DAYS_7:
                return "active on " + whole(v) + " of the last 7 days";
            case ACTIVE_DAYS_14:
                return "active on " + whole(v) + " of the last 14 days";
            default:
                throw new AssertionError(this);
        }
    }

    private static String count(double v, String noun) {
        long n = Math.round(v);
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String whole(double v) {
        return Long.toString(Math.round(v));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%d%%", Math.round(fraction * 100.0));
    }
}
