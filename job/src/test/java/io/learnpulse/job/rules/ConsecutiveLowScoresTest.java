package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.firing;
import static io.learnpulse.model.AlertType.CONSECUTIVE_LOW_SCORES;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.job.testutils.TestClock;
import io.learnpulse.model.Alert;
import io.learnpulse.model.Severity;
import org.junit.jupiter.api.Test;

/** CONSECUTIVE_LOW_SCORES (docs/rules.md) at its boundaries, in the operator harness. */
class ConsecutiveLowScoresTest {

    @Test
    void threeLowScoresFireAtTheThirdAssessment() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.59).assessment("u", at(0, "10:00"), 0.10)
                    .assessment("u", at(0, "11:00"), 0.0).watermark(at(0, "12:00"));

            assertThat(h.firings()).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "11:00")));
            Alert alert = h.alerts().get(0);
            assertThat(alert.severity).isEqualTo(Severity.HIGH);
            assertThat(alert.metrics.scores).containsExactly(0.59, 0.10, 0.0);
            assertThat(alert.metrics.threshold).isEqualTo(0.60);
            assertThat(alert.courseId).isEqualTo("course-1");
            assertThat(alert.cohortId).isEqualTo("cohort-A");
            assertThat(alert.message).contains("u").contains("3 assessments");
            assertThat(alert.recommendation).isNotBlank();
            assertThat(alert.detectedAt).as("from the injected clock").isEqualTo(TestClock.DETECTED_AT.toEpochMilli());
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aScoreOfExactlyPoint60IsNotLowAndBreaksTheStreak() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.5).assessment("u", at(0, "10:00"), 0.5)
                    .assessment("u", at(0, "11:00"), 0.60).assessment("u", at(0, "12:00"), 0.5)
                    .assessment("u", at(0, "13:00"), 0.5).watermark(at(0, "14:00"));

            assertThat(h.firings()).isEmpty();
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void otherEventTypesDoNotBreakAStreak() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.5).activity("u", at(0, "09:30")).progress("u", at(0, "09:40"), 0.2)
                    .assessment("u", at(0, "10:00"), 0.5).assessment("u", at(0, "11:00"), 0.5)
                    .watermark(at(0, "12:00"));

            assertThat(h.firings()).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "11:00")));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void anEpisodeFiresOnceAndReArmsOnlyAfterAPassingScore() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            for (int hour = 8; hour <= 12; hour++) {
                h.assessment("u", at(0, String.format("%02d:00", hour)), 0.3);
            }
            h.assessment("u", at(0, "13:00"), 0.7);
            for (int hour = 14; hour <= 16; hour++) {
                h.assessment("u", at(0, String.format("%02d:00", hour)), 0.3);
            }
            h.watermark(at(0, "17:00"));

            assertThat(h.firings()).containsExactly(
                    firing(CONSECUTIVE_LOW_SCORES, at(0, "10:00")),
                    firing(CONSECUTIVE_LOW_SCORES, at(0, "16:00")));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void consecutiveMeansEventTimeOrderNotArrivalOrder() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            // by event time: low, PASS, low, low; the pass arrives last but within the 1-minute bound
            h.assessment("u", at(0, "10:00"), 0.3).assessment("u", at(0, "10:00") + 20_000, 0.3)
                    .assessment("u", at(0, "10:00") + 30_000, 0.3).assessment("u", at(0, "10:00") + 10_000, 0.9)
                    .watermark(at(0, "11:00"));
            assertThat(h.firings()).isEmpty();
            h.assertNothingLeftAfterEndOfInput();
        }
        try (RulesHarness h = new RulesHarness()) {
            // arriving third-first, all low: fires at the latest of them
            h.assessment("u", at(0, "10:00") + 30_000, 0.3).assessment("u", at(0, "10:00"), 0.3)
                    .assessment("u", at(0, "10:00") + 15_000, 0.3).watermark(at(0, "11:00"));
            assertThat(h.firings()).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "10:00") + 30_000));
            h.assertNothingLeftAfterEndOfInput();
        }
    }
}
