package io.learnpulse.synthetic;

import io.learnpulse.model.CalendarItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The courses of the synthetic learners, each with a weekly deadline (docs/events.md): item
 * {@code week-N} of every course is due at 23:59 UTC of the last day of week N after the start.
 * Learners with courses enroll on their first day, answer the item of the current week with each
 * assessment, and some of those who drop out withdraw ({@link SyntheticLearners#withCourses}).
 */
public final class SyntheticCourses {
    public static final int COURSES = 3;

    private final Instant start;
    private final int weeks;

    /** {@code weeks} weekly items per course, the first due at the end of the seventh day after {@code start}. */
    public SyntheticCourses(Instant start, int weeks) {
        this.start = start;
        this.weeks = weeks;
    }

    public static String courseId(int learner) {
        return "course-" + (1 + learner % COURSES);
    }

    /** Every course's items, course by course, earliest first. */
    public List<CalendarItem> calendar() {
        List<CalendarItem> items = new ArrayList<>();
        for (int course = 1; course <= COURSES; course++) {
            for (int week = 1; week <= weeks; week++) {
                CalendarItem item = new CalendarItem("course-" + course, assessmentId(week),
                        start.plus(Duration.ofDays(7L * week)).minus(Duration.ofMinutes(1)).toEpochMilli());
                item.title = String.format(Locale.ROOT, "Week %d assignment", week);
                item.weight = 100.0 / weeks;
                items.add(item);
            }
        }
        return items;
    }

    /** The item an assessment on day {@code day} (0 is the start day) answers: its week's; null after the last. */
    String assessmentIdOn(int day) {
        int week = day / 7 + 1;
        return week <= weeks ? assessmentId(week) : null;
    }

    private static String assessmentId(int week) {
        return "week-" + week;
    }
}
