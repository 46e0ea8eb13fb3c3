package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.firing;
import static io.learnpulse.model.AlertType.CONSECUTIVE_LOW_SCORES;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.EventType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The timeline's own part, whatever the rule: events wait for the watermark, the end of an input,
 * duplicates, forgetting silent learners, deterministic alert ids.
 */
class LearnerTimelineTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void nothingFiresBeforeTheWatermarkPassesTheEvent() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", at(0, "10:00"), 0.3)
                    .assessment("u", at(0, "11:00"), 0.3).watermark(at(0, "11:00") - 1);
            assertThat(h.firings()).isEmpty();
            h.watermark(at(0, "11:00"));
            assertThat(h.firings()).hasSize(1);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void theEndOfInputStillAppliesTheWaitingEvents() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", at(0, "10:00"), 0.3)
                    .assessment("u", at(0, "11:00"), 0.3).endOfInput();
            assertThat(h.firings()).containsExactly(firing(CONSECUTIVE_LOW_SCORES, at(0, "11:00")));
            h.assertNothingLeft();
        }
    }

    @Test
    void theEndOfAFiniteInputIsNoEvidenceOfAbsence() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("u", at(0, "10:00")).progress("u", at(0, "11:00"), 0.2).endOfInput();
            assertThat(h.alerts()).isEmpty();
            h.assertNothingLeft();
        }
    }

    @Test
    void aRepeatedEventIdWithin24HoursIsIgnored() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            ActivityEvent low = h.event("u", EventType.ASSESSMENT, at(0, "10:00"));
            low.score = 0.3;
            ActivityEvent again = copy(low, low.timestamp + DAY); // exactly 24 h later: still a duplicate
            h.send(low).send(again).assessment("u", at(1, "11:00"), 0.3).watermark(at(1, "12:00"));
            assertThat(h.alerts()).isEmpty(); // two low scores, not three

            ActivityEvent later = copy(low, low.timestamp + 2 * DAY + 1); // > 24 h after the last accepted
            h.send(later).watermark(at(2, "12:00"));
            assertThat(h.firings()).contains(firing(CONSECUTIVE_LOW_SCORES, later.timestamp));
            assertThat(h.alerts()).filteredOn(a -> a.type == CONSECUTIVE_LOW_SCORES).hasSize(1);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aLearnerSilentForMoreThan30DaysIsForgottenWithAllStateAndTimers() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            long last = at(0, "10:00");
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", last, 0.3)
                    .watermark(last + 30 * DAY);
            assertThat(h.stateEntries()).isPositive();
            assertThat(h.timers()).isEqualTo(1);

            h.watermark(last + 30 * DAY + 1);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void aLearnerBackAfterMoreThan30DaysStartsAfresh() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            long last = at(0, "10:00");
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", last, 0.3)
                    .assessment("u", last + 30 * DAY + 1, 0.3).watermark(last + 31 * DAY);
            // the streak restarted: one low score is no alert
            assertThat(h.alerts()).noneMatch(a -> a.type == CONSECUTIVE_LOW_SCORES);
            h.assertNothingLeftAfterEndOfInput();
        }
        try (RulesHarness h = new RulesHarness()) {
            long last = at(0, "10:00");
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", last, 0.3)
                    .assessment("u", last + 30 * DAY, 0.3).watermark(last + 31 * DAY);
            // exactly 30 days of silence is not "more than 30": still the same learner
            assertThat(h.alerts()).anyMatch(a -> a.type == CONSECUTIVE_LOW_SCORES);
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void alertIdsAreDeterministic() throws Exception {
        String first;
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", at(0, "10:00"), 0.3)
                    .assessment("u", at(0, "11:00"), 0.3).endOfInput();
            first = h.alerts().get(0).alertId;
            h.assertNothingLeft();
        }
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", at(0, "10:00"), 0.3)
                    .assessment("u", at(0, "11:00"), 0.3).endOfInput();
            assertThat(h.alerts().get(0).alertId).isEqualTo(first);
            h.assertNothingLeft();
        }
    }

    private static ActivityEvent copy(ActivityEvent e, long timestamp) {
        ActivityEvent c = new ActivityEvent(e.eventId, e.userId, e.type, timestamp);
        c.score = e.score;
        c.raw = e.raw;
        return c;
    }
}
