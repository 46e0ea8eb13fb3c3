package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.firing;
import static io.learnpulse.job.testutils.RulesHarness.midnight;
import static io.learnpulse.model.AlertType.ENGAGEMENT_DROP;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.EventType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code enrollment} and {@code withdrawal} are not activity (DESIGN §1): the activity rules, their
 * forgetting and the daily figures ignore them; lateness applies to them as to any event.
 */
class EnrollmentEventsTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static RulesHarness lifecycle(RulesHarness h, String user, EventType type, long time) throws Exception {
        return h.send(h.event(user, type, time));
    }

    @Test
    void joiningOrLeavingACourseNeitherCountsNorClearsAnAbsence() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("u", at(0, "10:00"));
            lifecycle(h, "u", EventType.ENROLLMENT, at(1, "10:00"));
            lifecycle(h, "u", EventType.WITHDRAWAL, at(3, "10:00"));
            h.watermark(midnight(5));
            // days 1, 2 and 3 had no activity, whatever else they had
            assertThat(h.firingsOf(ENGAGEMENT_DROP)).containsExactly(firing(ENGAGEMENT_DROP, midnight(4)));
            assertThat(h.dailyFigures()).extracting(f -> f.day).containsExactly("2026-11-02");
            assertThat(h.dailyFigures().get(0).events).isEqualTo(1);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aLearnerWithOnlyEnrollmentsAndWithdrawalsLeavesNoStateAndNoTimer() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            lifecycle(h, "u", EventType.ENROLLMENT, at(0, "10:00"));
            lifecycle(h, "u", EventType.WITHDRAWAL, at(2, "10:00"));
            h.watermark(midnight(40));
            assertThat(h.alerts()).isEmpty();
            assertThat(h.dailyFigures()).isEmpty();
            h.assertNothingLeft();
        }
    }

    @Test
    void forgettingCountsThirtyDaysFromTheLastActivity() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            long last = at(0, "10:00");
            h.activity("u", last);
            lifecycle(h, "u", EventType.WITHDRAWAL, at(10, "10:00"));
            h.watermark(last + 30 * DAY);
            assertThat(h.stateEntries()).isPositive();
            h.watermark(last + 30 * DAY + 1);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void aLateEnrollmentIsDeadLetteredAsLate() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("u", at(1, "10:00")).watermark(at(1, "10:00"));
            lifecycle(h, "u", EventType.ENROLLMENT, at(0, "10:00"));
            assertThat(h.lateEvents()).extracting(d -> d.reason).containsExactly(DeadLetter.LATE);
            h.assertNothingLeftAfterEndOfInput();
        }
    }
}
