package io.learnpulse.gateway.store;

/**
 * One item of a course's calendar as {@code GET /api/courses/{courseId}/calendar} answers it: the
 * item (docs/events.md, {@code dueAt} as ISO text) and {@code missed}, how many learners the caller
 * may see have a MISSED_DEADLINE alert for it.
 */
public record CalendarEntry(String assessmentId, String title, String dueAt, Double weight, long missed) {
}
