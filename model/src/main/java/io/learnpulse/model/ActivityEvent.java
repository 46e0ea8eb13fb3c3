package io.learnpulse.model;

import java.util.Objects;

/**
 * One learner activity (docs/events.md), validated. Times are epoch milliseconds.
 *
 * <p>{@code raw} is the input text it was parsed from; it rides along only until the late check
 * next to the source (a late event goes to the dead-letter output with its raw input).
 */
public class ActivityEvent {
    public String eventId;
    public String userId;
    public String courseId;
    public String cohortId;
    public EventType type;
    public long timestamp;
    public Double score;
    public Double progress;
    public Double durationSeconds;
    /** On an assessment: the course-calendar item it answers (docs/events.md); null if none. */
    public String assessmentId;
    public String raw;

    public ActivityEvent() {}

    public ActivityEvent(String eventId, String userId, EventType type, long timestamp) {
        this.eventId = eventId;
        this.userId = userId;
        this.type = type;
        this.timestamp = timestamp;
    }

    /** A copy, for keeping an event beyond the call that received it (objects are reused). */
    public ActivityEvent copy() {
        ActivityEvent c = new ActivityEvent(eventId, userId, type, timestamp);
        c.courseId = courseId;
        c.cohortId = cohortId;
        c.score = score;
        c.progress = progress;
        c.durationSeconds = durationSeconds;
        c.assessmentId = assessmentId;
        c.raw = raw;
        return c;
    }

    /** Event-time order per learner; ties broken by event id so the order never depends on arrival. */
    public static int compareByTime(ActivityEvent a, ActivityEvent b) {
        int byTime = Long.compare(a.timestamp, b.timestamp);
        return byTime != 0 ? byTime : a.eventId.compareTo(b.eventId);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ActivityEvent)) {
            return false;
        }
        ActivityEvent e = (ActivityEvent) o;
        return timestamp == e.timestamp
                && Objects.equals(eventId, e.eventId)
                && Objects.equals(userId, e.userId)
                && Objects.equals(courseId, e.courseId)
                && Objects.equals(cohortId, e.cohortId)
                && type == e.type
                && Objects.equals(score, e.score)
                && Objects.equals(progress, e.progress)
                && Objects.equals(durationSeconds, e.durationSeconds)
                && Objects.equals(assessmentId, e.assessmentId)
                && Objects.equals(raw, e.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, userId, type, timestamp);
    }

    @Override
    public String toString() {
        return "ActivityEvent{" + eventId + ", " + userId + ", " + type + " @" + timestamp
                + (score != null ? ", score=" + score : "")
                + (progress != null ? ", progress=" + progress : "") + '}';
    }
}
