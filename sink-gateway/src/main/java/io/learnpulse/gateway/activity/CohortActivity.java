package io.learnpulse.gateway.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * What one cohort's learners are doing now, from the activity received by this gateway (by the time
 * it arrived, not the event time, so a replayed backlog does not look live): the learners with a
 * session open (an event within the last {@link #SESSION_TIMEOUT}) and the submissions (assessment
 * events) of the last hour. Only what these two figures need is kept, and pruned as it ages.
 */
final class CohortActivity {

    /** A learner with no event for this long has ended their session (the usual web-analytics timeout). */
    static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);
    static final Duration SUBMISSION_WINDOW = Duration.ofHours(1);

    private final Map<String, Instant> lastSeen = new HashMap<>();
    private final ArrayDeque<Instant> submissions = new ArrayDeque<>();
    private Instant lastEvent;

    synchronized void record(String userId, boolean submission, Instant at) {
        lastSeen.put(userId, at);
        if (submission) {
            submissions.addLast(at);
        }
        lastEvent = at;
        prune(at);
    }

    /** The figures at {@code now}; empty when nothing is left (the cohort can be forgotten). */
    synchronized Now now(Instant now) {
        prune(now);
        return new Now(lastSeen.size(), submissions.size(), lastEvent == null ? null : lastEvent.toString());
    }

    synchronized boolean isEmpty(Instant now) {
        prune(now);
        return lastSeen.isEmpty() && submissions.isEmpty();
    }

    private void prune(Instant now) {
        Instant sessionCutoff = now.minus(SESSION_TIMEOUT);
        lastSeen.values().removeIf(seen -> seen.isBefore(sessionCutoff));
        Instant submissionCutoff = now.minus(SUBMISSION_WINDOW);
        while (!submissions.isEmpty() && submissions.peekFirst().isBefore(submissionCutoff)) {
            submissions.removeFirst();
        }
    }

    /** {@code GET /api/cohorts/{cohortId}/activity}'s figures. */
    record Now(int sessionsOpen, int submissionsLastHour, String lastEventAt) {
    }
}
