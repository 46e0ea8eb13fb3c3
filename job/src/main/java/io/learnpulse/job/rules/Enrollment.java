package io.learnpulse.job.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * One course the learner is enrolled in (docs/rules.md): since when, the cohort of their latest event
 * in it, and the calendar items they have submitted. Kept by the timeline, not by a rule: forgetting
 * a silent learner keeps it; a withdrawal ends it, and so does the course's last deadline passing,
 * or, in a course without deadlines ahead, the forget period passing without an event in it.
 */
public class Enrollment {
    public String courseId;
    /** The enrollment event's time, or that of the first event with this course (implicit enrollment). */
    public long since;
    /** The time of the learner's latest event with this course. */
    public long lastEventAt;
    public String cohortId;
    /** The {@code assessmentId}s of the learner's assessments in this course, in the order submitted. */
    public List<String> submitted = new ArrayList<>();

    public Enrollment() {}

    Enrollment(String courseId, long since) {
        this.courseId = courseId;
        this.since = since;
        this.lastEventAt = since;
    }

    boolean hasSubmitted(String assessmentId) {
        return submitted.contains(assessmentId);
    }
}
