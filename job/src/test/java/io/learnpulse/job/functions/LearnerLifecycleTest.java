package io.learnpulse.job.functions;

import static io.learnpulse.job.functions.RulesHarness.at;
import static io.learnpulse.job.functions.RulesHarness.firing;
import static io.learnpulse.job.functions.RulesHarness.midnight;
import static io.learnpulse.model.AlertType.CONSECUTIVE_LOW_SCORES;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.EventType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Duplicates, late events, forgetting silent learners, and that state and timers are cleaned up. */
class LearnerLifecycleTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

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
        }
    }

    @Test
    void anEventBehindTheRulesWatermarkIsDeadLetteredNotApplied() throws Exception {
        // possible only when an idle partition wakes up behind the others (see RejectionRouterTest)
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.2).assessment("u", at(0, "09:30"), 0.2).watermark(at(0, "10:00"));
            ActivityEvent late = h.event("u", EventType.ASSESSMENT, at(0, "10:00"));
            late.score = 0.2;
            late.raw = null;
            h.send(late).watermark(at(0, "11:00"));
            assertThat(h.alerts()).isEmpty();
            assertThat(h.lateEvents()).singleElement().satisfies(dead -> {
                assertThat(dead.reason).isEqualTo(DeadLetter.LATE);
                assertThat(dead.raw).contains("\"eventId\":\"" + late.eventId + "\"").contains("\"score\":0.2");
                assertThat(dead.detail).contains("behind the watermark");
            });
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
        }
        try (RulesHarness h = new RulesHarness()) {
            long last = at(0, "10:00");
            h.assessment("u", at(0, "09:00"), 0.3).assessment("u", last, 0.3)
                    .assessment("u", last + 30 * DAY, 0.3).watermark(last + 31 * DAY);
            // exactly 30 days of silence is not "more than 30": still the same learner
            assertThat(h.alerts()).anyMatch(a -> a.type == CONSECUTIVE_LOW_SCORES);
        }
    }

    @Test
    void theEndOfInputLeavesNoStateBehind() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.activity("a", at(0, "10:00")).activity("b", at(0, "11:00")).progress("b", at(1, "11:00"), 0.1)
                    .watermark(midnight(1)).endOfInput();
            assertThat(h.stateEntries()).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void eachLearnerHoldsAtMostOneTimer() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            for (int i = 0; i < 20; i++) {
                h.activity("a", at(0, "10:00") + i * 1000).activity("b", at(0, "10:00") + i * 1000);
            }
            assertThat(h.timers()).isEqualTo(2);
            h.watermark(at(0, "11:00"));
            assertThat(h.timers()).isEqualTo(2);
        }
    }

    private static ActivityEvent copy(ActivityEvent e, long timestamp) {
        ActivityEvent c = new ActivityEvent(e.eventId, e.userId, e.type, timestamp);
        c.score = e.score;
        c.raw = e.raw;
        return c;
    }
}
