package io.learnpulse.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.EventType;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The synthetic learners' courses: weekly deadlines, enrollment on day 0, withdrawals of some who
 * drop out, assessments answering the week's item, and otherwise the same activity as without courses.
 */
class SyntheticCoursesTest {
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    @Test
    void everyCourseHasOneItemAWeekDueAtTheEndOfTheWeeksLastDay() {
        List<CalendarItem> calendar = new SyntheticCourses(START, 4).calendar();

        assertThat(calendar).hasSize(3 * 4);
        assertThat(calendar.get(0).key()).isEqualTo("course-1/week-1");
        assertThat(Instant.ofEpochMilli(calendar.get(0).dueAt)).isEqualTo(Instant.parse("2026-11-08T23:59:00Z"));
        assertThat(Instant.ofEpochMilli(calendar.get(3).dueAt)).isEqualTo(Instant.parse("2026-11-29T23:59:00Z"));
        assertThat(calendar.get(3).title).isEqualTo("Week 4 assignment");
        assertThat(calendar.get(11).key()).isEqualTo("course-3/week-4");
    }

    @Test
    void learnersWithCoursesEnrollWithdrawAndAnswerTheWeeksItem() {
        SyntheticLearners plain = new SyntheticLearners(42, 24, START);
        List<ActivityEvent> with = events(plain.withCourses(new SyntheticCourses(START, 2)), 21);
        List<ActivityEvent> without = events(plain, 21);

        List<ActivityEvent> enrollments = with.stream().filter(e -> e.type == EventType.ENROLLMENT).toList();
        assertThat(enrollments).hasSize(24).allMatch(e -> e.courseId.equals(SyntheticCourses.courseId(
                Integer.parseInt(e.userId.substring("learner-".length())))));
        // learners 8 and 20 drop out (kind 2) in an odd block of six: they withdraw on day 5
        assertThat(with.stream().filter(e -> e.type == EventType.WITHDRAWAL).map(e -> e.userId))
                .containsExactly("learner-00008", "learner-00020");
        assertThat(with.stream().filter(e -> e.type == EventType.ASSESSMENT))
                .allSatisfy(e -> assertThat(e.assessmentId).isEqualTo(expectedItem(e.timestamp)));
        assertThat(with.stream().filter(e -> e.type.isActivity()).map(SyntheticCoursesTest::withoutItem)
                .collect(Collectors.toList())).isEqualTo(without.stream().map(SyntheticCoursesTest::withoutItem).toList());
        assertThat(events(plain.withCourses(new SyntheticCourses(START, 2)), 21)).isEqualTo(with);
    }

    private static String expectedItem(long timestamp) {
        long week = (timestamp - START.toEpochMilli()) / (7 * 24 * 3_600_000L) + 1;
        return week <= 2 ? "week-" + week : null;
    }

    private static String withoutItem(ActivityEvent event) {
        ActivityEvent copy = event.copy();
        copy.assessmentId = null;
        return JsonCodec.event(copy);
    }

    private static List<ActivityEvent> events(SyntheticLearners learners, int days) {
        List<ActivityEvent> events = new ArrayList<>();
        learners.generate(days, e -> {
            try {
                events.add(JsonCodec.readEvent(e.json));
            } catch (InvalidRecordException ex) {
                throw new IllegalStateException(ex);
            }
        });
        return events;
    }
}
