package io.learnpulse.job.rules;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;

/** The thresholds, counts and durations of the rules (docs/rules.md gives the defaults). */
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
    }

    public static RuleConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a config; {@link #build()} rejects values no rule can work with. */
    public static final class Builder {
        private ZoneId zone = ZoneId.of("UTC");
        private double lowScoreThreshold = 0.60;
        private int lowScoreCount = 3;
        private double highScoreThreshold = 0.90;
        private int highScoreCount = 3;
        private double declineThreshold = 0.60;
        private int declineDays = 2;
        private int engagementEmptyDays = 3;
        private Duration stagnation = Duration.ofHours(120);
        private double completeProgress = 1.0;
        private int consistencyWindowDays = 7;
        private double consistencyMinFraction = 0.5;
        private Duration missedDeadlineGrace = Duration.ofHours(24);
        private Duration dedupWindow = Duration.ofHours(24);
        private Duration forgetAfter = Duration.ofDays(30);

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

        public RuleConfig build() {
            requireFraction("low-score threshold", lowScoreThreshold);
            requireFraction("high-score threshold", highScoreThreshold);
            requireFraction("decline threshold", declineThreshold);
            requireFraction("complete progress", completeProgress);
            requireFraction("consistency minimum fraction", consistencyMinFraction);
            requireAtLeastOne("low-score count", lowScoreCount);
            requireAtLeastOne("high-score count", highScoreCount);
            requireAtLeastOne("decline days", declineDays);
            requireAtLeastOne("engagement empty days", engagementEmptyDays);
            if (consistencyWindowDays < 1 || consistencyWindowDays > 63) {
                throw new IllegalArgumentException("consistency window must be 1 to 63 days, was " + consistencyWindowDays);
            }
            requirePositive("stagnation", stagnation);
            if (missedDeadlineGrace.isNegative()) {
                throw new IllegalArgumentException("missed-deadline grace must not be negative, was " + missedDeadlineGrace);
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

        private static void requireFraction(String name, double v) {
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
            }
        }

        private static void requireAtLeastOne(String name, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + v);
            }
        }

        private static void requirePositive(String name, Duration v) {
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + v);
            }
        }
    }
}
