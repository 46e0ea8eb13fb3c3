package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.firing;
import static io.learnpulse.job.testutils.RulesHarness.midnight;
import static io.learnpulse.model.AlertType.ENGAGEMENT_DROP;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import org.junit.jupiter.api.Test;

/** ENGAGEMENT_DROP (docs/rules.md): its deadline, its proof by a later event, its episodes. */
class EngagementDropTest {

    @Test
    void threeWholeEmptyDaysFireAtTheEndOfTheThird() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("u", at(0, "23:00")).watermark(midnight(4) - 1);
            assertThat(h.firingsOf(ENGAGEMENT_DROP)).isEmpty();
            h.watermark(midnight(4));
            assertThat(h.firingsOf(ENGAGEMENT_DROP)).containsExactly(firing(ENGAGEMENT_DROP, midnight(4)));
            assertThat(h.alerts().get(0).metrics.emptyDays).isEqualTo(3);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aNextEventAtMidnightAfterThreeEmptyDaysProvesTheAbsence() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            // the watermark is far behind the deadline: the learner's own event at 00:00 proves it
            h.activity("u", at(0, "10:00")).activity("u", midnight(4)).watermark(midnight(4));
            assertThat(h.firingsOf(ENGAGEMENT_DROP)).containsExactly(firing(ENGAGEMENT_DROP, midnight(4)));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aNextEventJustBeforeTheEndOfTheThirdDayPreventsIt() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("u", at(0, "10:00")).activity("u", midnight(4) - 1).watermark(midnight(4) + 1000);
            assertThat(h.firingsOf(ENGAGEMENT_DROP)).isEmpty();
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void engagementDropFiresOncePerSilenceAndAgainAfterTheNextEvent() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("u", at(0, "10:00")).watermark(midnight(9));
            h.activity("u", at(10, "10:00")).watermark(midnight(15));
            assertThat(h.firingsOf(ENGAGEMENT_DROP)).containsExactly(
                    firing(ENGAGEMENT_DROP, midnight(4)), firing(ENGAGEMENT_DROP, midnight(14)));
            h.assertNothingLeftAfterEndOfInput();
        }
    }
}
