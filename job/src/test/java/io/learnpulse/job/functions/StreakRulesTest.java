package io.learnpulse.job.functions;

import static io.learnpulse.job.functions.RulesHarness.at;
import static io.learnpulse.job.functions.RulesHarness.firing;
import static io.learnpulse.model.AlertType.CONSECUTIVE_LOW_SCORES;
import static io.learnpulse.model.AlertType.HIGH_PERFORMANCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.Alert;
import io.learnpulse.model.Severity;
import org.junit.jupiter.api.Test;

/** CONSECUTIVE_LOW_SCORES and HIGH_PERFORMANCE (DESIGN §3) at their boundaries, in the operator harness. */
class StreakRulesTest {

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
        }
    }

    @Test
    void aScoreOfExactlyPoint60IsNotLowAndBreaksTheStreak() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.5).assessment("u", at(0, "10:00"), 0.5)
                    .assessment("u", at(0, "11:00"), 0.60).assessment("u", at(0, "12:00"), 0.5)
                    .assessment("u", at(0, "13:00"), 0.5).watermark(at(0, "14:00"));

            assertThat(h.firings()).isEmpty();
        }
    }

    @Test
    void otherEventTypesDoNotBreakAStreak() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.5).activity("u", at(0, "09:30")).progress("u", at(0, "09:40"), 0.2)
                    .assessment("u", at(0, "10:00"), 0.5).assessment("u", at(0, "11:00"), 0.5)
                    .watermark(at(0, "12:00"));

            assertThat(h.firings()).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "11:00")));
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
        }
        try (RulesHarness h = new RulesHarness()) {
            // arriving third-first, all low: fires at the latest of them
            h.assessment("u", at(0, "10:00") + 30_000, 0.3).assessment("u", at(0, "10:00"), 0.3)
                    .assessment("u", at(0, "10:00") + 15_000, 0.3).watermark(at(0, "11:00"));
            assertThat(h.firings()).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "10:00") + 30_000));
        }
    }

    @Test
    void aScoreOfExactlyPoint90IsHigh() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.90).assessment("u", at(0, "10:00"), 1.0)
                    .assessment("u", at(0, "11:00"), 0.90).watermark(at(0, "12:00"));

            assertThat(h.firings()).containsExactly(firing(HIGH_PERFORMANCE, at(0, "11:00")));
            assertThat(h.alerts().get(0).severity).isEqualTo(Severity.LOW);
        }
    }

    @Test
    void aScoreJustBelowPoint90BreaksTheHighStreakAndReArmsIt() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "08:00"), 0.95).assessment("u", at(0, "09:00"), 0.95)
                    .assessment("u", at(0, "10:00"), 0.8999).assessment("u", at(0, "11:00"), 0.95)
                    .assessment("u", at(0, "12:00"), 0.95).assessment("u", at(0, "13:00"), 0.95)
                    .assessment("u", at(0, "14:00"), 0.95).assessment("u", at(0, "15:00"), 0.5)
                    .assessment("u", at(0, "16:00"), 0.95).assessment("u", at(0, "17:00"), 0.95)
                    .assessment("u", at(0, "18:00"), 0.95).watermark(at(0, "19:00"));

            assertThat(h.firings()).containsExactly(
                    firing(HIGH_PERFORMANCE, at(0, "13:00")), firing(HIGH_PERFORMANCE, at(0, "18:00")));
        }
    }

    @Test
    void nothingFiresBeforeTheWatermarkPassesTheEvent() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", at(0, "10:00"), 0.3)
                    .assessment("u", at(0, "11:00"), 0.3).watermark(at(0, "11:00") - 1);
            assertThat(h.firings()).isEmpty();
            h.watermark(at(0, "11:00"));
            assertThat(h.firings()).hasSize(1);
        }
    }

    @Test
    void theEndOfInputStillAppliesTheWaitingEvents() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", at(0, "10:00"), 0.3)
                    .assessment("u", at(0, "11:00"), 0.3).endOfInput();
            assertThat(h.firings()).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "11:00")));
        }
    }

    @Test
    void alertIdsAreDeterministic() throws Exception {
        String first;
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", at(0, "10:00"), 0.3)
                    .assessment("u", at(0, "11:00"), 0.3).endOfInput();
            first = h.alerts().get(0).alertId;
        }
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", at(0, "10:00"), 0.3)
                    .assessment("u", at(0, "11:00"), 0.3).endOfInput();
            assertThat(h.alerts().get(0).alertId).isEqualTo(first);
        }
    }
}
