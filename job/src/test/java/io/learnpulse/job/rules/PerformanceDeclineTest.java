package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.firing;
import static io.learnpulse.job.testutils.RulesHarness.midnight;
import static io.learnpulse.model.AlertType.PERFORMANCE_DECLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.model.Alert;
import org.junit.jupiter.api.Test;

/** PERFORMANCE_DECLINE (docs/rules.md) at its boundaries, in the operator harness. */
class PerformanceDeclineTest {

    @Test
    void twoAdjacentLowDaysFireAtTheEndOfTheSecond() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "10:00"), 0.5).assessment("u", at(0, "11:00"), 0.65)
                    .assessment("u", at(1, "10:00"), 0.2).watermark(midnight(2) - 1);
            assertThat(h.firings()).isEmpty();

            h.watermark(midnight(2));
            assertThat(h.firings()).containsExactly(firing(PERFORMANCE_DECLINE, midnight(2)));
            Alert alert = h.alerts().get(0);
            assertThat(alert.metrics.days).containsExactly("2026-11-02", "2026-11-03");
            assertThat(alert.metrics.dailyMeans).containsExactly(0.575, 0.2);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aMeanOfExactlyPoint60IsNotLow() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "10:00"), 0.5).assessment("u", at(1, "10:00"), 0.5)
                    .assessment("u", at(1, "11:00"), 0.7).watermark(midnight(3));
            assertThat(h.firings()).isEmpty();
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void anEventAtMidnightBelongsToTheDayItStarts() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            // the 0.9 at 00:00 of day 1 is day 1's, so day 0 stays low (0.5) and day 1's mean is 0.5
            h.assessment("u", at(0, "10:00"), 0.5).assessment("u", midnight(1), 0.9)
                    .assessment("u", at(1, "10:00"), 0.1).watermark(midnight(2));
            assertThat(h.firings()).containsExactly(firing(PERFORMANCE_DECLINE, midnight(2)));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void lowDaysMustBeAdjacent() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            // day 1 has activity but no assessment: days 0 and 2 are not adjacent
            h.assessment("u", at(0, "10:00"), 0.5).activity("u", at(1, "10:00"))
                    .assessment("u", at(2, "10:00"), 0.5).watermark(midnight(3));
            assertThat(h.firings()).doesNotContain(firing(PERFORMANCE_DECLINE, midnight(3)));
            assertThat(h.alerts()).noneMatch(a -> a.type == PERFORMANCE_DECLINE);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void declineFiresOncePerEpisodeAndReArmsAfterAGoodDay() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            for (int day = 0; day < 4; day++) {
                h.assessment("u", at(day, "10:00"), 0.4);
            }
            h.assessment("u", at(4, "10:00"), 0.6);
            h.assessment("u", at(5, "10:00"), 0.4).assessment("u", at(6, "10:00"), 0.4).watermark(midnight(7));

            assertThat(h.alerts().stream().filter(a -> a.type == PERFORMANCE_DECLINE))
                    .extracting(a -> a.eventTime).containsExactly(midnight(2), midnight(7));
            h.assertNothingLeftAfterEndOfInput();
        }
    }
}
