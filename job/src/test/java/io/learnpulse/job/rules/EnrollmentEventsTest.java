package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.firing;
import static io.learnpulse.job.testutils.RulesHarness.midnight;
import static io.learnpulse.model.AlertType.ENGAGEMENT_DROP;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.DeadLetter;
import io.learnpulse.model.EventType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code enrollment} and {@code withdrawal} are not activity (docs/events.md): the activity rules, their
 * forgetting and the daily figures ignore them; lateness applies to them as to any event. (Here
 * the learner stays enrolled in the course of their activity, {@code course-1}: a withdrawal that
 * leaves them in no course forgets them at once, as the last test shows.)
 */
class EnrollmentEventsTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static RulesHarness lifecycle(RulesHarness h, String user, EventType type, long time) throws Exception {
        ActivityEvent e = h.event(user, type, time);
        e.courseId = "course-2";
        return h.send(e);
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
    void aWithdrawalThatLeavesNoCourseForgetsTheLearnerAtOnce() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            for (String user : List.of("left-all", "still-in-one")) {
                h.assessment(user, at(0, "09:00"), 0.2).assessment(user, at(0, "10:00"), 0.2);
            }
            h.withdrawal("left-all", "course-1", at(0, "11:00"));
            h.enrollment("still-in-one", "course-2", at(0, "08:00")).withdrawal("still-in-one", "course-2", at(0, "11:00"));
            for (String user : List.of("left-all", "still-in-one")) {
                h.assessment(user, at(0, "12:00"), 0.2);
            }
            h.watermark(midnight(1));
            // forgotten: the third low score starts a new streak
            assertThat(h.alerts()).extracting(a -> a.userId + " " + a.type)
                    .containsExactly("still-in-one CONSECUTIVE_LOW_SCORES");
            h.assertNothingLeftAfterEndOfInput();
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
