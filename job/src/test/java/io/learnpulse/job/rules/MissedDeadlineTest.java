package io.learnpulse.job.rules;

import static io.learnpulse.job.testutils.RulesHarness.at;
import static io.learnpulse.job.testutils.RulesHarness.deletion;
import static io.learnpulse.job.testutils.RulesHarness.firing;
import static io.learnpulse.job.testutils.RulesHarness.item;
import static io.learnpulse.job.testutils.RulesHarness.midnight;
import static io.learnpulse.model.AlertType.MISSED_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.job.testutils.RulesHarness;
import io.learnpulse.model.Alert;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.Severity;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * MISSED_DEADLINE (docs/rules.md) at its boundaries, with the calendar arriving live (learned at the
 * operator's watermark) or known before the first event (a replay's file). Day 0 is Monday 2 Nov.
 */
class MissedDeadlineTest {
    private static final long GRACE = Duration.ofHours(24).toMillis();
    private static final long DUE = at(3, "12:00");
    private static final long MISSED_AT = DUE + GRACE;

    /** "userId TYPE@time courseId/assessmentId" of each alert, in emission order. */
    private static List<String> missed(RulesHarness h) {
        return h.alerts().stream().filter(a -> a.type == MISSED_DEADLINE)
                .map(a -> a.userId + " " + firing(a.type, a.eventTime) + " " + a.courseId + "/" + a.metrics.assessmentId)
                .collect(Collectors.toList());
    }

    private static String missed(String user, long at, String course, String assessmentId) {
        return user + " " + firing(MISSED_DEADLINE, at) + " " + course + "/" + assessmentId;
    }

    @Test
    void anItemNotSubmittedByDueAtPlusGraceFiresThenWithItsFigures() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            CalendarItem a1 = item("course-1", "A1", DUE);
            a1.title = "Assignment 3";
            h.calendar(a1).enrollment("u", "course-1", at(0, "09:00"));
            h.watermark(MISSED_AT);
            assertThat(missed(h)).as("not yet: a submission at exactly dueAt + grace still counts").isEmpty();
            h.watermark(MISSED_AT + 1);
            assertThat(missed(h)).containsExactly(missed("u", MISSED_AT, "course-1", "A1"));
            Alert alert = h.alerts().get(0);
            assertThat(alert.severity).isEqualTo(Severity.HIGH);
            assertThat(alert.metrics.title).isEqualTo("Assignment 3");
            assertThat(alert.metrics.dueAt).isEqualTo("2026-11-05T12:00:00Z");
            assertThat(alert.metrics.graceHours).isEqualTo(24.0);
            assertThat(alert.metrics.missedInCourse).isEqualTo(1);
            assertThat(alert.message).isEqualTo("u has not submitted Assignment 3, due Thu 5 Nov.");
            assertThat(alert.recommendation).contains("Assignment 3");
            // the course's last deadline has passed: its enrollment ended, so nothing is left
            h.assertNothingLeft();
        }
    }

    @Test
    void aSubmissionAtExactlyDueAtPlusGraceCountsAsSubmittedOneMillisecondLaterNot() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.calendar(item("course-1", "A1", DUE));
            h.activity("on-time", "course-1", at(0, "10:00")).submission("on-time", "course-1", "A1", MISSED_AT);
            h.activity("late", "course-1", at(0, "10:00")).submission("late", "course-1", "A1", MISSED_AT + 1);
            h.activity("other-item", "course-1", at(0, "10:00")).submission("other-item", "course-1", "A2", DUE);
            h.watermark(midnight(10));
            assertThat(missed(h)).containsExactlyInAnyOrder(missed("late", MISSED_AT, "course-1", "A1"),
                    missed("other-item", MISSED_AT, "course-1", "A1"));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void aWithdrawalAtOrBeforeDueAtPlusGracePreventsItAfterwardsNot() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.calendar(item("course-1", "A1", DUE));
            for (String user : List.of("at-due", "at-grace", "after")) {
                h.enrollment(user, "course-1", at(0, "09:00"));
            }
            h.withdrawal("at-due", "course-1", DUE);
            h.withdrawal("at-grace", "course-1", MISSED_AT);
            h.withdrawal("after", "course-1", MISSED_AT + 1);
            h.watermark(midnight(10));
            assertThat(missed(h)).containsExactly(missed("after", MISSED_AT, "course-1", "A1"));
            h.assertNothingLeft();
        }
    }

    @Test
    void enrolledAtDueAtMeansAnEnrollmentAtOrBeforeIt() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.calendar(item("course-1", "A1", DUE));
            h.enrollment("at-due", "course-1", DUE).enrollment("after-due", "course-1", DUE + 1);
            h.watermark(midnight(10));
            assertThat(missed(h)).containsExactly(missed("at-due", MISSED_AT, "course-1", "A1"));
            h.assertNothingLeft();
        }
    }

    @Test
    void implicitEnrollmentByTheFirstEventWithTheCourse() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.calendar(item("course-1", "A0", at(0, "08:00"))).calendar(item("course-1", "A1", DUE));
            // an activity with course-1 enrolls; an event without a course does not
            h.activity("u", "course-1", at(0, "10:00"));
            h.activity("no-course", null, at(0, "10:00"));
            h.watermark(midnight(10));
            assertThat(missed(h)).as("A0 was due before the learner's first event")
                    .containsExactly(missed("u", MISSED_AT, "course-1", "A1"));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void reEnrollmentStartsAfresh() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.calendar(item("course-1", "A1", DUE));
            // withdrawn, then enrolled again before dueAt: enrolled at dueAt, and an earlier submission is gone
            h.enrollment("back-in-time", "course-1", at(0, "09:00"))
                    .submission("back-in-time", "course-1", "A1", at(0, "10:00"))
                    .withdrawal("back-in-time", "course-1", at(1, "09:00"))
                    .enrollment("back-in-time", "course-1", at(2, "09:00"));
            // withdrawn, then enrolled again after dueAt: not enrolled at dueAt
            h.enrollment("back-too-late", "course-1", at(0, "09:00"))
                    .withdrawal("back-too-late", "course-1", at(1, "09:00"))
                    .enrollment("back-too-late", "course-1", DUE + 1);
            // withdrawn, then back with an activity in the course: enrolled again by it
            h.enrollment("back-by-activity", "course-1", at(0, "09:00"))
                    .withdrawal("back-by-activity", "course-1", at(1, "09:00"))
                    .activity("back-by-activity", "course-1", at(2, "09:00"));
            h.watermark(midnight(10));
            assertThat(missed(h)).containsExactlyInAnyOrder(missed("back-in-time", MISSED_AT, "course-1", "A1"),
                    missed("back-by-activity", MISSED_AT, "course-1", "A1"));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void anItemOfAnotherCourseWithTheSameIdIsAnotherItem() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.calendar(item("course-1", "A1", DUE)).calendar(item("course-2", "A1", DUE + 1000));
            h.enrollment("one", "course-1", at(0, "09:00")).submission("one", "course-1", "A1", at(1, "09:00"));
            h.enrollment("both", "course-1", at(0, "09:00")).enrollment("both", "course-2", at(0, "09:00"))
                    .submission("both", "course-1", "A1", at(1, "09:00"));
            // an assessment of A1 without a course answers no course's item, and enrolls in none
            h.enrollment("no-course", "course-2", at(0, "09:00")).submission("no-course", null, "A1", at(1, "09:00"));
            h.watermark(midnight(10));
            assertThat(missed(h)).containsExactlyInAnyOrder(missed("both", MISSED_AT + 1000, "course-2", "A1"),
                    missed("no-course", MISSED_AT + 1000, "course-2", "A1"));
            h.assertNothingLeftAfterEndOfInput();
        }
    }

    @Test
    void anItemMovedBeforeItsMomentCountsAtItsNewDueTimeOnly() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.calendar(item("course-1", "A1", DUE)).enrollment("u", "course-1", at(0, "09:00"));
            h.watermark(at(2, "00:00"));
            h.calendar(item("course-1", "A1", at(6, "12:00")));
            h.watermark(midnight(12));
            assertThat(missed(h)).containsExactly(missed("u", at(7, "12:00"), "course-1", "A1"));
            h.assertNothingLeft();
        }
    }

    @Test
    void anItemMovedAfterItsMomentHasFiredThereAndFiresNoMore() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.calendar(item("course-1", "A1", DUE)).calendar(item("course-1", "A2", at(8, "12:00")));
            h.enrollment("u", "course-1", at(0, "09:00"));
            h.watermark(MISSED_AT + 1);
            h.calendar(item("course-1", "A1", at(6, "12:00")));
            h.watermark(midnight(12));
            assertThat(missed(h)).containsExactly(missed("u", MISSED_AT, "course-1", "A1"),
                    missed("u", at(9, "12:00"), "course-1", "A2"));
            assertThat(h.alerts().get(1).metrics.missedInCourse).isEqualTo(2);
            h.assertNothingLeft();
        }
    }

    @Test
    void anItemMovedLaterAfterItsMomentStillCountsAtTheOldTimeForALearnerWhoWokeLate() throws Exception {
        // the calendar as the job knew it when the watermark passed the old moment had the old time,
        // even though this learner's timeline evaluates that moment only after the move arrived
        try (RulesHarness h = new RulesHarness()) {
            h.enrollment("u", "course-1", at(0, "09:00")).watermark(at(3, "00:00"));
            h.calendar(item("course-1", "A1", DUE)); // due within the day: found at the next day end
            h.watermark(MISSED_AT + 2);
            h.calendar(item("course-1", "A1", at(6, "12:00")));
            h.watermark(midnight(12));
            assertThat(missed(h)).containsExactly(missed("u", MISSED_AT, "course-1", "A1"));
            h.assertNothingLeft();
        }
    }

    @Test
    void aDeletedItemFiresNothing() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.calendar(item("course-1", "A1", DUE)).enrollment("u", "course-1", at(0, "09:00"));
            h.watermark(at(2, "00:00"));
            h.calendar(deletion("course-1", "A1"));
            h.watermark(midnight(10));
            assertThat(missed(h)).isEmpty();
            // a course without deadlines ahead: the enrollment ends after the forget period without an event in it
            h.watermark(at(30, "09:00"));
            assertThat(h.stateEntries()).isPositive();
            h.watermark(at(30, "09:00") + 1);
            h.assertNothingLeft();
        }
    }

    @Test
    void anItemPublishedAfterTheLearnersLastEventFiresAtItsOwnMoment() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.enrollment("u", "course-1", at(0, "09:00")).watermark(at(3, "11:00"));
            h.calendar(item("course-1", "A1", DUE));
            h.watermark(midnight(10));
            assertThat(missed(h)).containsExactly(missed("u", MISSED_AT, "course-1", "A1"));
            h.assertNothingLeft();
        }
    }

    @Test
    void anItemPublishedOnceItsMomentHasPassedFiresNothing() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.enrollment("known-in-time", "course-1", at(0, "09:00"));
            h.watermark(MISSED_AT);
            h.calendar(item("course-1", "A1", DUE)); // learned before the watermark passed dueAt + grace
            h.calendar(item("course-1", "A2", DUE - 1)); // learned once it had passed
            h.watermark(midnight(10));
            assertThat(missed(h)).containsExactly(missed("known-in-time", MISSED_AT, "course-1", "A1"));
            h.assertNothingLeft();
        }
    }

    @Test
    void aLearnerSilentFor40DaysWhoIsStillEnrolledMissesEveryItem() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.calendar(item("course-1", "A1", at(35, "12:00"))).calendar(item("course-1", "A2", at(38, "12:00")));
            h.enrollment("u", "course-1", at(0, "08:00")).activity("u", "course-1", at(0, "09:00"));
            h.watermark(midnight(34));
            assertThat(missed(h)).as("forgotten after 30 silent days, but still enrolled").isEmpty();
            h.calendar(item("course-1", "A3", at(39, "12:00"))); // published while the learner is silent
            h.watermark(midnight(41));
            assertThat(missed(h)).containsExactly(missed("u", at(36, "12:00"), "course-1", "A1"),
                    missed("u", at(39, "12:00"), "course-1", "A2"), missed("u", at(40, "12:00"), "course-1", "A3"));
            assertThat(h.alerts().stream().filter(a -> a.type == MISSED_DEADLINE).map(a -> a.metrics.missedInCourse))
                    .containsExactly(1, 2, 3);
            assertThat(h.alerts().get(h.alerts().size() - 1).cohortId).as("the cohort of the learner's events")
                    .isEqualTo("cohort-A");
            h.assertNothingLeft();
        }
    }

    @Test
    void aReplaysCalendarIsKnownBeforeTheFirstEvent() throws Exception {
        List<CalendarItem> file = List.of(item("course-1", "A1", at(1, "12:00")), item("course-1", "A2", at(2, "12:00")),
                item("course-1", "A1", DUE), deletion("course-1", "A2"));
        try (RulesHarness h = new RulesHarness(io.learnpulse.job.rules.RuleConfig.defaults(), file)) {
            h.enrollment("u", "course-1", at(0, "09:00"));
            h.watermark(midnight(10));
            assertThat(missed(h)).as("the file's last record of each item counts")
                    .containsExactly(missed("u", MISSED_AT, "course-1", "A1"));
            h.assertNothingLeft();
        }
    }

    @Test
    void theEndOfAFiniteInputIsNoEvidenceOfAMissedDeadline() throws Exception {
        try (RulesHarness h = new RulesHarness()) {
            h.calendar(item("course-1", "A1", DUE)).enrollment("u", "course-1", at(0, "09:00"));
            h.assertNothingLeftAfterEndOfInput();
            assertThat(missed(h)).isEmpty();
        }
    }

    @Test
    void theGraceIsAnOption() throws Exception {
        try (RulesHarness h = new RulesHarness(RuleConfig.builder().missedDeadlineGrace(Duration.ZERO).build())) {
            h.calendar(item("course-1", "A1", DUE)).enrollment("u", "course-1", at(0, "09:00"));
            h.watermark(midnight(10));
            assertThat(missed(h)).containsExactly(missed("u", DUE, "course-1", "A1"));
            assertThat(h.alerts().get(0).metrics.graceHours).isEqualTo(0.0);
            h.assertNothingLeft();
        }
    }
}
