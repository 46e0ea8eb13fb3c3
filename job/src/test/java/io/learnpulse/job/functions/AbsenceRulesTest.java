package io.learnpulse.job.functions;

import static io.learnpulse.job.functions.RulesHarness.at;
import static io.learnpulse.job.functions.RulesHarness.firing;
import static io.learnpulse.job.functions.RulesHarness.midnight;
import static io.learnpulse.model.AlertType.COMPLETION_STAGNATION;
import static io.learnpulse.model.AlertType.ENGAGEMENT_DROP;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.AlertType;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ENGAGEMENT_DROP and COMPLETION_STAGNATION (DESIGN §3): deadlines, proofs by later events, episodes. */
class AbsenceRulesTest {
    private static final long HOURS_120 = Duration.ofHours(120).toMillis();

    private static List<String> of(RulesHarness h, AlertType type) {
        return h.alerts().stream().filter(a -> a.type == type)
                .map(a -> firing(a.type, a.eventTime)).collect(Collectors.toList());
    }

    @Test
    void threeWholeEmptyDaysFireAtTheEndOfTheThird() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("u", at(0, "23:00")).watermark(midnight(4) - 1);
            assertThat(of(h, ENGAGEMENT_DROP)).isEmpty();
            h.watermark(midnight(4));
            assertThat(of(h, ENGAGEMENT_DROP)).containsExactly(firing(ENGAGEMENT_DROP, midnight(4)));
            assertThat(h.alerts().get(0).metrics.emptyDays).isEqualTo(3);
        }
    }

    @Test
    void aNextEventAtMidnightAfterThreeEmptyDaysProvesTheAbsence() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            // the watermark is far behind the deadline: the learner's own event at 00:00 proves it
            h.activity("u", at(0, "10:00")).activity("u", midnight(4)).watermark(midnight(4));
            assertThat(of(h, ENGAGEMENT_DROP)).containsExactly(firing(ENGAGEMENT_DROP, midnight(4)));
        }
    }

    @Test
    void aNextEventJustBeforeTheEndOfTheThirdDayPreventsIt() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("u", at(0, "10:00")).activity("u", midnight(4) - 1).watermark(midnight(4) + 1000);
            assertThat(of(h, ENGAGEMENT_DROP)).isEmpty();
        }
    }

    @Test
    void engagementDropFiresOncePerSilenceAndAgainAfterTheNextEvent() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("u", at(0, "10:00")).watermark(midnight(9));
            h.activity("u", at(10, "10:00")).watermark(midnight(15));
            assertThat(of(h, ENGAGEMENT_DROP)).containsExactly(
                    firing(ENGAGEMENT_DROP, midnight(4)), firing(ENGAGEMENT_DROP, midnight(14)));
        }
    }

    @Test
    void theEndOfAFiniteInputIsNoEvidenceOfAbsence() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("u", at(0, "10:00")).progress("u", at(0, "11:00"), 0.2).endOfInput();
            assertThat(h.alerts()).isEmpty();
        }
    }

    @Test
    void stagnationFiresExactly120HoursAfterTheLastIncrease() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            long increase = at(0, "10:00");
            // daily activity keeps other absence rules quiet; a repeated 0.3 is no increase
            for (int day = 0; day <= 6; day++) {
                h.activity("u", at(day, "08:00"));
            }
            h.progress("u", increase, 0.3).progress("u", at(2, "10:00"), 0.3).watermark(increase + HOURS_120 - 1);
            assertThat(of(h, COMPLETION_STAGNATION)).isEmpty();
            h.watermark(increase + HOURS_120);
            assertThat(of(h, COMPLETION_STAGNATION)).containsExactly(firing(COMPLETION_STAGNATION, increase + HOURS_120));
            assertThat(h.alerts().get(0).metrics.progress).isEqualTo(0.3);
        }
    }

    @Test
    void anIncreaseJustBeforeTheDeadlineRestartsTheClock() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            long first = at(0, "10:00");
            h.progress("u", first, 0.3).progress("u", first + HOURS_120 - 1, 0.4)
                    .watermark(first + HOURS_120 + 1000);
            assertThat(of(h, COMPLETION_STAGNATION)).isEmpty();
        }
    }

    @Test
    void anIncreaseExactlyAtTheDeadlineComesTooLate() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            long first = at(0, "10:00");
            h.progress("u", first, 0.3).progress("u", first + HOURS_120, 0.4).watermark(first + HOURS_120);
            assertThat(of(h, COMPLETION_STAGNATION)).containsExactly(firing(COMPLETION_STAGNATION, first + HOURS_120));
        }
    }

    @Test
    void completeProgressNeverStagnatesAndEpisodesReArmOnIncrease() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            long first = at(0, "10:00");
            h.progress("u", first, 0.3).watermark(first + 2 * HOURS_120);
            h.progress("u", first + 2 * HOURS_120 + 1000, 0.5).watermark(first + 3 * HOURS_120 + 2000);
            h.progress("u", first + 3 * HOURS_120 + 3000, 1.0).watermark(first + 5 * HOURS_120);
            assertThat(of(h, COMPLETION_STAGNATION)).containsExactly(
                    firing(COMPLETION_STAGNATION, first + HOURS_120),
                    firing(COMPLETION_STAGNATION, first + 3 * HOURS_120 + 1000));
        }
    }
}
