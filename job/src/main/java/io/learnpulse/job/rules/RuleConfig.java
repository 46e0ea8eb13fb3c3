package io.learnpulse.job.rules;

import io.learnpulse.model.RuleSettings;
import io.learnpulse.risk.RiskModel;
import io.learnpulse.risk.RiskModelFile;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * The thresholds, counts and durations of the rules (docs/rules.md gives the defaults): the job's
 * configuration, or that configuration with a cohort's or a learner's overrides ({@link #with}).
 */
public final class RuleConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public final ZoneId zone;
    public final double lowScoreThreshold;
    public final int lowScoreCount;
    public final double highScoreThreshold;
    public final int highScoreCount;
    public final double declineThreshold;
    public final int declineDays;
    public final int engagementEmptyDays;
    public final long stagnationMillis;
    public final double completeProgress;
    public final int consistencyWindowDays;
    public final double consistencyMinFraction;
    public final long missedDeadlineGraceMillis;
    public final long dedupWindowMillis;
    public final long forgetAfterMillis;
    /** AT_RISK's model (job-wide), and the band limits it uses (the options', not the model file's). */
    public final RiskModel riskModel;
    public final double riskMedium;
    public final double riskHigh;

    private RuleConfig(Builder b) {
        zone = b.zone;
        lowScoreThreshold = b.lowScoreThreshold;
        lowScoreCount = b.lowScoreCount;
        highScoreThreshold = b.highScoreThreshold;
        highScoreCount = b.highScoreCount;
        declineThreshold = b.declineThreshold;
        declineDays = b.declineDays;
        engagementEmptyDays = b.engagementEmptyDays;
        stagnationMillis = b.stagnation.toMillis();
        completeProgress = b.completeProgress;
        consistencyWindowDays = b.consistencyWindowDays;
        consistencyMinFraction = b.consistencyMinFraction;
        missedDeadlineGraceMillis = b.missedDeadlineGrace.toMillis();
        dedupWindowMillis = b.dedupWindow.toMillis();
        forgetAfterMillis = b.forgetAfter.toMillis();
        riskModel = b.riskModel != null ? b.riskModel : BundledModel.MODEL;
        riskMedium = b.riskMedium;
        riskHigh = b.riskHigh;
    }

    /** The model shipped with learnpulse, read once. */
    private static final class BundledModel {
        static final RiskModel MODEL = RiskModelFile.readDefault();
    }

    public static RuleConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This configuration with {@code values} (settings of {@link RuleSettings}, held as numbers)
     * in place of its own; an {@link IllegalArgumentException} if the result is not usable.
     */
    public RuleConfig with(Map<String, Double> values) {
        Builder b = new Builder(this);
        for (Map.Entry<String, Double> v : values.entrySet()) {
            b.set(v.getKey(), v.getValue());
        }
        return b.build();
    }

    /**
     * Builds a config; {@link #build()} rejects values no rule can work with: each overridable
     * setting outside its range ({@link RuleSettings}), and combinations no rule can work with.
     */
    public static final class Builder {
        private ZoneId zone = ZoneId.of("UTC");
        private double lowScoreThreshold = RuleSettings.LOW_SCORE_THRESHOLD.defaultValue();
        private int lowScoreCount = RuleSettings.LOW_SCORE_COUNT.defaultCount();
        private double highScoreThreshold = RuleSettings.HIGH_SCORE_THRESHOLD.defaultValue();
        private int highScoreCount = RuleSettings.HIGH_SCORE_COUNT.defaultCount();
        private double declineThreshold = RuleSettings.DECLINE_THRESHOLD.defaultValue();
        private int declineDays = RuleSettings.DECLINE_DAYS.defaultCount();
        private int engagementEmptyDays = RuleSettings.ENGAGEMENT_EMPTY_DAYS.defaultCount();
        private Duration stagnation = RuleSettings.STAGNATION_AFTER.defaultDuration();
        private double completeProgress = RuleSettings.COMPLETE_PROGRESS.defaultValue();
        private int consistencyWindowDays = RuleSettings.CONSISTENCY_WINDOW_DAYS.defaultCount();
        private double consistencyMinFraction = RuleSettings.CONSISTENCY_MIN_FRACTION.defaultValue();
        private Duration missedDeadlineGrace = RuleSettings.MISSED_DEADLINE_GRACE.defaultDuration();
        private Duration dedupWindow = Duration.ofHours(24);
        private Duration forgetAfter = Duration.ofDays(30);
        private RiskModel riskModel;
        private double riskMedium = RuleSettings.RISK_MEDIUM.defaultValue();
        private double riskHigh = RuleSettings.RISK_HIGH.defaultValue();

        private Builder() {}

        private Builder(RuleConfig c) {
            zone = c.zone;
            lowScoreThreshold = c.lowScoreThreshold;
            lowScoreCount = c.lowScoreCount;
            highScoreThreshold = c.highScoreThreshold;
            highScoreCount = c.highScoreCount;
            declineThreshold = c.declineThreshold;
            declineDays = c.declineDays;
            engagementEmptyDays = c.engagementEmptyDays;
            stagnation = Duration.ofMillis(c.stagnationMillis);
            completeProgress = c.completeProgress;
            consistencyWindowDays = c.consistencyWindowDays;
            consistencyMinFraction = c.consistencyMinFraction;
            missedDeadlineGrace = Duration.ofMillis(c.missedDeadlineGraceMillis);
            dedupWindow = Duration.ofMillis(c.dedupWindowMillis);
            forgetAfter = Duration.ofMillis(c.forgetAfterMillis);
            riskModel = c.riskModel;
            riskMedium = c.riskMedium;
            riskHigh = c.riskHigh;
        }

        public Builder zone(ZoneId v) { zone = v; return this; }
        public Builder lowScoreThreshold(double v) { lowScoreThreshold = v; return this; }
        public Builder lowScoreCount(int v) { lowScoreCount = v; return this; }
        public Builder highScoreThreshold(double v) { highScoreThreshold = v; return this; }
        public Builder highScoreCount(int v) { highScoreCount = v; return this; }
        public Builder declineThreshold(double v) { declineThreshold = v; return this; }
        public Builder declineDays(int v) { declineDays = v; return this; }
        public Builder engagementEmptyDays(int v) { engagementEmptyDays = v; return this; }
        public Builder stagnation(Duration v) { stagnation = v; return this; }
        public Builder completeProgress(double v) { completeProgress = v; return this; }
        public Builder consistencyWindowDays(int v) { consistencyWindowDays = v; return this; }
        public Builder consistencyMinFraction(double v) { consistencyMinFraction = v; return this; }
        public Builder missedDeadlineGrace(Duration v) { missedDeadlineGrace = v; return this; }
        public Builder dedupWindow(Duration v) { dedupWindow = v; return this; }
        public Builder forgetAfter(Duration v) { forgetAfter = v; return this; }
        /** The risk model; default: the bundled one ({@link RiskModelFile#readDefault}). */
        public Builder riskModel(RiskModel v) { riskModel = v; return this; }
        public Builder riskMedium(double v) { riskMedium = v; return this; }
        public Builder riskHigh(double v) { riskHigh = v; return this; }

        /** Sets the overridable setting {@code key} ({@link RuleSettings}) to {@code value}, held as a number. */
        public Builder set(String key, double value) {
            RuleSettings.Setting s = RuleSettings.byKey(key);
            if (s == null) {
                throw new IllegalArgumentException("unknown setting '" + key + "'");
            }
            check(s, value);
            if (s == RuleSettings.LOW_SCORE_THRESHOLD) {
                lowScoreThreshold = value;
            } else if (s == RuleSettings.LOW_SCORE_COUNT) {
                lowScoreCount = (int) value;
            } else if (s == RuleSettings.HIGH_SCORE_THRESHOLD) {
                highScoreThreshold = value;
            } else if (s == RuleSettings.HIGH_SCORE_COUNT) {
                highScoreCount = (int) value;
            } else if (s == RuleSettings.DECLINE_THRESHOLD) {
                declineThreshold = value;
            } else if (s == RuleSettings.DECLINE_DAYS) {
                declineDays = (int) value;
            } else if (s == RuleSettings.ENGAGEMENT_EMPTY_DAYS) {
                engagementEmptyDays = (int) value;
            } else if (s == RuleSettings.STAGNATION_AFTER) {
                stagnation = Duration.ofMillis((long) value);
            } else if (s == RuleSettings.COMPLETE_PROGRESS) {
                completeProgress = value;
            } else if (s == RuleSettings.CONSISTENCY_WINDOW_DAYS) {
                consistencyWindowDays = (int) value;
            } else if (s == RuleSettings.CONSISTENCY_MIN_FRACTION) {
                consistencyMinFraction = value;
            } else if (s == RuleSettings.MISSED_DEADLINE_GRACE) {
                missedDeadlineGrace = Duration.ofMillis((long) value);
            } else if (s == RuleSettings.RISK_MEDIUM) {
                riskMedium = value;
            } else if (s == RuleSettings.RISK_HIGH) {
                riskHigh = value;
            } else {
                throw new IllegalStateException("no field for setting '" + key + "'");
            }
            return this;
        }

        public RuleConfig build() {
            check(RuleSettings.LOW_SCORE_THRESHOLD, lowScoreThreshold);
            check(RuleSettings.LOW_SCORE_COUNT, lowScoreCount);
            check(RuleSettings.HIGH_SCORE_THRESHOLD, highScoreThreshold);
            check(RuleSettings.HIGH_SCORE_COUNT, highScoreCount);
            check(RuleSettings.DECLINE_THRESHOLD, declineThreshold);
            check(RuleSettings.DECLINE_DAYS, declineDays);
            check(RuleSettings.ENGAGEMENT_EMPTY_DAYS, engagementEmptyDays);
            check(RuleSettings.STAGNATION_AFTER, stagnation.toMillis());
            check(RuleSettings.COMPLETE_PROGRESS, completeProgress);
            check(RuleSettings.CONSISTENCY_WINDOW_DAYS, consistencyWindowDays);
            check(RuleSettings.CONSISTENCY_MIN_FRACTION, consistencyMinFraction);
            check(RuleSettings.MISSED_DEADLINE_GRACE, missedDeadlineGrace.toMillis());
            check(RuleSettings.RISK_MEDIUM, riskMedium);
            check(RuleSettings.RISK_HIGH, riskHigh);
            if (!(0 < riskMedium && riskMedium <= riskHigh && riskHigh < 1)) {
                throw new IllegalArgumentException("risk bands must satisfy 0 < medium <= high < 1, were medium "
                        + riskMedium + ", high " + riskHigh);
            }
            requirePositive("dedup window", dedupWindow);
            requirePositive("forget-after", forgetAfter);
            long longestWatch = Math.max(stagnation.toMillis(),
                    Duration.ofDays(Math.max(engagementEmptyDays, consistencyWindowDays) + 2L).toMillis());
            if (forgetAfter.toMillis() <= longestWatch) {
                throw new IllegalArgumentException("forget-after (" + forgetAfter
                        + ") must be longer than the longest absence a rule watches for");
            }
            return new RuleConfig(this);
        }

        private static void check(RuleSettings.Setting s, double v) {
            String problem = s.problemWith(s.optionKey(), v);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }

        private static void requirePositive(String name, Duration v) {
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + v);
            }
        }
    }
}
