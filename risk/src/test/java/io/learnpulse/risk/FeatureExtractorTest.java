package io.learnpulse.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A learner's features from their events and the course's items, at the boundaries. */
class FeatureExtractorTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    private static final double EXACT = 1e-12;

    private final FeatureExtractor extractor = new FeatureExtractor(ZoneOffset.UTC);

    @Test
    void beforeTheFirstDeadlineNothingIsDueAndScoresAreNotDefined() {
        RiskFeatures f = extractor.start("C", T0);
        extractor.onActivity(f, T0 + DAY + 3_600_000L);

        double[] v = extractor.values(f, T0 + 2 * DAY);
        assertThat(v[Feature.ITEMS_DUE.ordinal()]).isZero();
        assertThat(v[Feature.ITEMS_MISSED.ordinal()]).isZero();
        assertThat(v[Feature.SHARE_MISSED.ordinal()]).isNaN();
        assertThat(v[Feature.MEAN_SCORE.ordinal()]).isNaN();
        assertThat(v[Feature.LOWEST_SCORE.ordinal()]).isNaN();
        assertThat(v[Feature.GRADE_SHARE.ordinal()]).isNaN();
        assertThat(v[Feature.MEAN_LATENESS_DAYS.ordinal()]).isNaN();
        assertThat(v[Feature.SCORE_TREND.ordinal()]).isNaN();
        assertThat(v[Feature.DAYS_SINCE_ACTIVITY.ordinal()]).isCloseTo(23.0 / 24, within(EXACT));
        // No submission yet: counted from the enrollment.
        assertThat(v[Feature.DAYS_SINCE_SUBMISSION.ordinal()]).isEqualTo(2.0);
        assertThat(v[Feature.ACTIVE_DAYS_7.ordinal()]).isEqualTo(1.0);
    }

    @Test
    void itemsSubmittedAndMissedScoresLatenessAndActivity() {
        RiskFeatures f = extractor.start("C", T0);
        extractor.onItemJudged(f, "A0", T0 - DAY, 10.0); // due before the enrollment: does not count
        activity(f, T0 + DAY);
        submit(f, T0 + 4 * DAY, 0.8, "A1", T0 + 5 * DAY); // one day early
        extractor.onItemJudged(f, "A1", T0 + 5 * DAY, 20.0);
        activity(f, T0 + 8 * DAY);
        extractor.onItemJudged(f, "A2", T0 + 10 * DAY, 30.0); // missed
        submit(f, T0 + 15 * DAY + DAY / 2, 0.4, "A3", T0 + 15 * DAY); // half a day late, within the grace
        extractor.onItemJudged(f, "A3", T0 + 15 * DAY, 50.0);

        double[] v = extractor.values(f, T0 + 20 * DAY);
        assertThat(v[Feature.ITEMS_DUE.ordinal()]).isEqualTo(3.0);
        assertThat(v[Feature.ITEMS_MISSED.ordinal()]).isEqualTo(1.0);
        assertThat(v[Feature.SHARE_MISSED.ordinal()]).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(v[Feature.MEAN_SCORE.ordinal()]).isCloseTo(0.6, within(EXACT));
        assertThat(v[Feature.LOWEST_SCORE.ordinal()]).isEqualTo(0.4);
        assertThat(v[Feature.GRADE_SHARE.ordinal()]).isCloseTo((0.8 * 20 + 0.4 * 50) / 100, within(EXACT));
        assertThat(v[Feature.DAYS_SINCE_ACTIVITY.ordinal()]).isEqualTo(4.5);
        assertThat(v[Feature.DAYS_SINCE_SUBMISSION.ordinal()]).isEqualTo(4.5);
        assertThat(v[Feature.MEAN_LATENESS_DAYS.ordinal()]).isCloseTo(-0.25, within(EXACT));
        assertThat(v[Feature.SCORE_TREND.ordinal()]).isCloseTo(-0.4, within(EXACT));
        // Days 13..19 of the course had activity on day 15 only; days 6..19 on days 8 and 15.
        assertThat(v[Feature.ACTIVE_DAYS_7.ordinal()]).isEqualTo(1.0);
        assertThat(v[Feature.ACTIVE_DAYS_14.ordinal()]).isEqualTo(2.0);
    }

    @Test
    void aLearnerSilentForWeeksHasNoRecentActivity() {
        RiskFeatures f = extractor.start("C", T0);
        activity(f, T0);
        double[] v = extractor.values(f, T0 + 70 * DAY);
        assertThat(v[Feature.DAYS_SINCE_ACTIVITY.ordinal()]).isEqualTo(70.0);
        assertThat(v[Feature.ACTIVE_DAYS_7.ordinal()]).isZero();
        assertThat(v[Feature.ACTIVE_DAYS_14.ordinal()]).isZero();
    }

    @Test
    void theTrendIsTheSlopeOfTheLastFiveScores() {
        RiskFeatures f = extractor.start("C", T0);
        double[] scores = {0.1, 0.9, 0.8, 0.7, 0.6, 0.5};
        for (int i = 0; i < scores.length; i++) {
            submit(f, T0 + i * DAY, scores[i], null, null);
        }
        assertThat(f.recentScores).containsExactly(0.9, 0.8, 0.7, 0.6, 0.5);
        assertThat(extractor.values(f, T0 + 7 * DAY)[Feature.SCORE_TREND.ordinal()]).isCloseTo(-0.1, within(EXACT));
    }

    private void activity(RiskFeatures f, long at) {
        extractor.onActivity(f, at);
    }

    private void submit(RiskFeatures f, long at, double score, String assessmentId, Long dueAt) {
        extractor.onActivity(f, at);
        extractor.onSubmission(f, at, score, assessmentId, dueAt);
    }
}
