package io.learnpulse.job.functions;

import static io.learnpulse.job.functions.RulesHarness.at;
import static io.learnpulse.job.functions.RulesHarness.firing;
import static io.learnpulse.job.functions.RulesHarness.midnight;
import static io.learnpulse.model.AlertType.LOW_CONSISTENCY;
import static io.learnpulse.model.AlertType.PERFORMANCE_DECLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.Alert;
import io.learnpulse.model.DailyFigures;
import org.junit.jupiter.api.Test;

/** PERFORMANCE_DECLINE, LOW_CONSISTENCY and the daily figures (DESIGN §2, §3) at their boundaries. */
class DayRulesTest {

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
        }
    }

    @Test
    void aMeanOfExactlyPoint60IsNotLow() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "10:00"), 0.5).assessment("u", at(1, "10:00"), 0.5)
                    .assessment("u", at(1, "11:00"), 0.7).watermark(midnight(3));
            assertThat(h.firings()).isEmpty();
        }
    }

    @Test
    void anEventAtMidnightBelongsToTheDayItStarts() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            // the 0.9 at 00:00 of day 1 is day 1's, so day 0 stays low (0.5) and day 1's mean is 0.5
            h.assessment("u", at(0, "10:00"), 0.5).assessment("u", midnight(1), 0.9)
                    .assessment("u", at(1, "10:00"), 0.1).watermark(midnight(2));
            assertThat(h.firings()).containsExactly(firing(PERFORMANCE_DECLINE, midnight(2)));
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
        }
    }

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
        }
    }

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
        }
    }

    @Test
    void aDayIsNotClosedByTheEndOfInput() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "10:00"), 0.3).assessment("u", at(1, "10:00"), 0.3).endOfInput();
            assertThat(h.dailyFigures()).extracting(f -> f.day).containsExactly("2026-11-02");
            assertThat(h.alerts()).isEmpty();
        }
    }
}
