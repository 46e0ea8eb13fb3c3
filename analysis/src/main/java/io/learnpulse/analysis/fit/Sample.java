package io.learnpulse.analysis.fit;

/** One learner's features at one checkpoint of their course, and whether they went on to fail or withdraw. */
final class Sample {
    final String userId;
    /** Days after the course's start. */
    final int day;
    /** Indexed by {@link io.learnpulse.risk.Feature#ordinal()}; NaN where not defined yet. */
    final double[] values;
    final boolean positive;

    Sample(String userId, int day, double[] values, boolean positive) {
        this.userId = userId;
        this.day = day;
        this.values = values;
        this.positive = positive;
    }
}
