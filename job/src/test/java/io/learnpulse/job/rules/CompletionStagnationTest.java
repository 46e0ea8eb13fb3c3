package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.firing;
import static io.learnpulse.model.AlertType.COMPLETION_STAGNATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** COMPLETION_STAGNATION (docs/rules.md): its deadline, what counts as an increase, its episodes. */
class CompletionStagnationTest {
    private static final long HOURS_120 = Duration.ofHours(120).toMillis();

    @Test
    void stagnationFiresExactly120HoursAfterTheLastIncrease() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            long increase = at(0, "10:00");
            // daily activity keeps other absence rules quiet; a repeated 0.3 is no increase
            for (int day = 0; day <= 6; day++) {
                h.activity("u", at(day, "08:00"));
            }
            h.progress("u", increase, 0.3).progress("u", at(2, "10:00"), 0.3).watermark(increase + HOURS_120 - 1);
            assertThat(h.firingsOf(COMPLETION_STAGNATION)).isEmpty();
            h.watermark(increase + HOURS_120);
            assertThat(h.firingsOf(COMPLETION_STAGNATION))
                    .containsExactly(firing(COMPLETION_STAGNATION, increase + HOURS_120));
            assertThat(h.alerts().get(0).metrics.progress).isEqualTo(0.3);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void anIncreaseJustBeforeTheDeadlineRestartsTheClock() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            long first = at(0, "10:00");
            h.progress("u", first, 0.3).progress("u", first + HOURS_120 - 1, 0.4)
                    .watermark(first + HOURS_120 + 1000);
            assertThat(h.firingsOf(COMPLETION_STAGNATION)).isEmpty();
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void anIncreaseExactlyAtTheDeadlineComesTooLate() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            long first = at(0, "10:00");
            h.progress("u", first, 0.3).progress("u", first + HOURS_120, 0.4).watermark(first + HOURS_120);
            assertThat(h.firingsOf(COMPLETION_STAGNATION))
                    .containsExactly(firing(COMPLETION_STAGNATION, first + HOURS_120));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void completeProgressNeverStagnatesAndEpisodesReArmOnIncrease() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            long first = at(0, "10:00");
            h.progress("u", first, 0.3).watermark(first + 2 * HOURS_120);
            h.progress("u", first + 2 * HOURS_120 + 1000, 0.5).watermark(first + 3 * HOURS_120 + 2000);
            h.progress("u", first + 3 * HOURS_120 + 3000, 1.0).watermark(first + 5 * HOURS_120);
            assertThat(h.firingsOf(COMPLETION_STAGNATION)).containsExactly(
                    firing(COMPLETION_STAGNATION, first + HOURS_120),
                    firing(COMPLETION_STAGNATION, first + 3 * HOURS_120 + 1000));
            h.assertNothingLeftAfterEndOfInput();
        }
    }
}
