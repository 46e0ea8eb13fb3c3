package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.midnight;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.model.DailyFigures;
import org.junit.jupiter.api.Test;

/** The daily figures (docs/alerts.md): one per day with events, once its end has passed. */
class DailyFiguresRuleTest {

    @Test
    void dailyFiguresForEachDayWithEvents() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.progress("u", at(0, "09:00"), 0.2).assessment("u", at(0, "10:00"), 0.5)
                    .assessment("u", at(0, "11:00"), 0.7).activity("u", at(2, "10:00"))
                    .watermark(midnight(3));

            assertThat(h.dailyFigures()).hasSize(2);
            DailyFigures day0 = h.dailyFigures().get(0);
            assertThat(day0.day).isEqualTo("2026-11-02");
            assertThat(day0.events).isEqualTo(3);
            assertThat(day0.assessments).isEqualTo(2);
            assertThat(day0.meanScore).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(day0.progress).isEqualTo(0.2);
            assertThat(day0.consistency7d).isEqualTo(1 / 7.0);
            assertThat(day0.cohortId).isEqualTo("cohort-A");
            DailyFigures day2 = h.dailyFigures().get(1);
            assertThat(day2.day).isEqualTo("2026-11-04");
            assertThat(day2.meanScore).isNull();
            assertThat(day2.progress).isEqualTo(0.2); // the latest progress, from an earlier day
            assertThat(day2.consistency7d).isEqualTo(2 / 7.0);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aDayIsNotClosedByTheEndOfInput() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "10:00"), 0.3).assessment("u", at(1, "10:00"), 0.3).endOfInput();
            assertThat(h.dailyFigures()).extracting(f -> f.day).containsExactly("2026-11-02");
            assertThat(h.alerts()).isEmpty();
            h.assertNothingLeft();
        }
    }
}
