package io.learnpulse.analysis.oulad;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One OULAD module presentation (a course): {@code AAA-2013J} starts on its first day at 00:00 UTC.
 * OULAD gives every date as whole days relative to that start; {@link #at} places such a day and a
 * time of day on the time line.
 *
 * @param courseId   {@code <code_module>-<code_presentation>}, e.g. {@code AAA-2013J}
 * @param start      00:00 UTC of the presentation's first day (day 0)
 * @param lengthDays module_presentation_length: the course ends at {@code start + lengthDays}
 */
record Presentation(String courseId, Instant start, int lengthDays) {

    static Presentation of(String module, String presentation, int lengthDays) {
        return new Presentation(module + "-" + presentation, startOf(presentation), lengthDays);
    }

    /** {@code 2013B} starts on 1 February 2013, {@code 2014J} on 1 October 2014 (docs/cli.md). */
    static Instant startOf(String presentation) {
        if (!presentation.matches("\\d{4}[BJ]")) {
            throw new IllegalArgumentException("presentation '" + presentation
                    + "' is not a year followed by B (February) or J (October)");
        }
        int year = Integer.parseInt(presentation.substring(0, 4));
        int month = presentation.charAt(4) == 'B' ? 2 : 10;
        return LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The instant {@code timeOfDay} into day {@code day} (0 = the first day; negative = before). */
    Instant at(int day, Duration timeOfDay) {
        return start.plus(Duration.ofDays(day)).plus(timeOfDay);
    }

    Instant end() {
        return start.plus(Duration.ofDays(lengthDays));
    }
}
