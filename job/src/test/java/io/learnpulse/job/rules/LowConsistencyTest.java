package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.midnight;
import static io.learnpulse.model.AlertType.LOW_CONSISTENCY;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.model.Alert;
import org.junit.jupiter.api.Test;

/** LOW_CONSISTENCY (docs/rules.md) at its boundaries, in the operator harness. */
class LowConsistencyTest {

    @Test
    void lowConsistencyIsFirstEvaluatedSixDaysAfterTheFirstEvent() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            // active on days 0, 1, 2 and 6: 4 of days 0..6 -> not low; days 1..7 hold 3 of 7 -> low
            h.activity("u", at(0, "10:00")).activity("u", at(1, "10:00")).activity("u", at(2, "10:00"))
                    .activity("u", at(6, "10:00")).activity("u", at(7, "10:00")).watermark(midnight(7));
            assertThat(h.alerts()).noneMatch(a -> a.type == LOW_CONSISTENCY);

            h.watermark(midnight(8));
            assertThat(h.alerts().stream().filter(a -> a.type == LOW_CONSISTENCY)).hasSize(0);
            // days 2..8 hold 2, 6, 7 = 3 of 7: fires at the end of day 8
            h.activity("u", at(9, "10:00")).watermark(midnight(9));
            assertThat(h.alerts().stream().filter(a -> a.type == LOW_CONSISTENCY))
                    .extracting(a -> a.eventTime).containsExactly(midnight(9));
            Alert alert = h.alerts().stream().filter(a -> a.type == LOW_CONSISTENCY).findFirst().orElseThrow();
            assertThat(alert.metrics.activeDays).isEqualTo(3);
            assertThat(alert.metrics.windowDays).isEqualTo(7);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aLearnerYoungerThanTheWindowIsNotJudged() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            // first event on day 0, one active day: the end of day 5 is not judged, the end of day 6 is
            h.activity("u", at(0, "10:00")).watermark(midnight(6));
            assertThat(h.alerts()).noneMatch(a -> a.type == LOW_CONSISTENCY);
            h.watermark(midnight(7));
            assertThat(h.alerts().stream().filter(a -> a.type == LOW_CONSISTENCY))
                    .extracting(a -> a.eventTime).containsExactly(midnight(7));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void lowConsistencyReArmsOnlyAfterADayEndAtHalfOrMore() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("u", at(0, "10:00"));
            h.activity("u", at(6, "10:00")); // end of day 6: 2 of 7 -> fires
            for (int day = 7; day <= 9; day++) {
                h.activity("u", at(day, "10:00")); // end of day 9: days 3..9 hold 6,7,8,9 = 4 -> clears
            }
            h.activity("u", at(13, "10:00")); // ends of days 10..13 hold 4 of 7
            h.activity("u", at(17, "10:00")).watermark(midnight(18)); // end of day 14: 8, 9, 13 -> fires
            assertThat(h.alerts().stream().filter(a -> a.type == LOW_CONSISTENCY))
                    .extracting(a -> a.eventTime).containsExactly(midnight(7), midnight(15));
            h.assertNothingLeftAfterEndOfInput();
        }
    }
}
