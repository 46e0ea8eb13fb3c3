package io.learnpulse.job.functions;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.midnight;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.EventType;
import org.junit.jupiter.api.Test;

/** The rule operator's own part: late events at the rules, one timer per learner, state dropped at the end. */
class LearnerAlertFunctionTest {

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
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aSilenceOfEveryPartitionStopsTimeAndDropsNothing() throws Exception {
        // a quiet night: every partition idle, while the calendar's input stays at its highest
        // watermark; the rules' time must stand still, not jump to the end of time
        try (RulesHarness h = new RulesHarness()) {
            h.assessment("u", at(0, "09:00"), 0.2).assessment("u", at(0, "09:30"), 0.2)
                    .activity("v", at(0, "09:40")).watermark(at(0, "10:00"));
            int learners = h.stateEntries();
            h.eventsIdle();
            assertThat(h.dailyFigures()).as("no day end passed").isEmpty();
            assertThat(h.stateEntries()).as("learners kept").isEqualTo(learners);
            h.eventsActive().assessment("u", at(1, "08:00"), 0.2).watermark(at(1, "09:00"));
            assertThat(h.firings()).containsExactly(
                    RulesHarness.firing(io.learnpulse.model.AlertType.CONSECUTIVE_LOW_SCORES, at(1, "08:00")));
            h.assertNothingLeftAfterEndOfInput();
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
            // waiting for the watermark, they have no timer yet: they wait in the subtask's index
            assertThat(h.timers()).isLessThanOrEqualTo(2);
            h.watermark(at(0, "11:00"));
            assertThat(h.timers()).isEqualTo(2);
            h.assertNothingLeftAfterEndOfInput();
        }
    }
}
