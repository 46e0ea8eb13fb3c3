package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.firing;
import static io.learnpulse.model.AlertType.HIGH_PERFORMANCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.model.Severity;
import org.junit.jupiter.api.Test;

/** HIGH_PERFORMANCE (docs/rules.md) at its boundaries, in the operator harness. */
class HighPerformanceTest {

    @Test
    void aScoreOfExactlyPoint90IsHigh() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.90).assessment("u", at(0, "10:00"), 1.0)
                    .assessment("u", at(0, "11:00"), 0.90).watermark(at(0, "12:00"));

            assertThat(h.firings()).containsExactly(firing(HIGH_PERFORMANCE, at(0, "11:00")));
            assertThat(h.alerts().get(0).severity).isEqualTo(Severity.LOW);
            h.assertNothingLeftAfterEndOfInput();
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
            h.assertNothingLeftAfterEndOfInput();
        }
    }
}
