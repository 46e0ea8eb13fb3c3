package io.learnpulse.model;

import java.util.Objects;

/**
 * One deadline of a course calendar (docs/events.md): a record of topic {@code course-calendar} (key
 * {@code courseId/assessmentId}) or a line of a replay's {@code --calendar} file. A later item with
 * the same (courseId, assessmentId) replaces the earlier one; a deleted one removes it. Times are
 * epoch milliseconds.
 */
public class CalendarItem {
    public String courseId;
    public String assessmentId;
    /** The deadline; null only on a deletion. */
    public Long dueAt;
    /** Shown in alerts ("TMA 2"); may be null. */
    public String title;
    /** Share of the course grade in [0, 100]; may be null. */
    public Double weight;
    public boolean deleted;

    public CalendarItem() {}

    public CalendarItem(String courseId, String assessmentId, Long dueAt) {
        this.courseId = courseId;
        this.assessmentId = assessmentId;
        this.dueAt = dueAt;
    }

    /** The topic's record key, which compaction keeps one record of. */
    public String key() {
        return courseId + "/" + assessmentId;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CalendarItem)) {
            return false;
        }
        CalendarItem c = (CalendarItem) o;
        return deleted == c.deleted
                && Objects.equals(courseId, c.courseId)
                && Objects.equals(assessmentId, c.assessmentId)
                && Objects.equals(dueAt, c.dueAt)
                && Objects.equals(title, c.title)
                && Objects.equals(weight, c.weight);
    }

    @Override
    public int hashCode() {
        return Objects.hash(courseId, assessmentId, dueAt);
    }

    @Override
    public String toString() {
        return "CalendarItem{" + key() + (deleted ? " deleted" : " due " + java.time.Instant.ofEpochMilli(dueAt)) + '}';
    }
}
