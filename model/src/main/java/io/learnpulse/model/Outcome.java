package io.learnpulse.model;

import java.util.Locale;
import java.util.Objects;

/**
 * How one learner's course ended (docs/cli.md): a line of {@code outcomes.jsonl}, the ground truth
 * that {@code evaluate} measures alerts against. Times are epoch milliseconds.
 */
public class Outcome {
    /** The final result; written by its lower-case name. */
    public enum Result {
        PASS,
        DISTINCTION,
        FAIL,
        WITHDRAWN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The result with that wire name ({@code pass}, ...), or null if there is none. */
        public static Result fromWireName(String name) {
            for (Result result : values()) {
                if (result.wireName().equals(name)) {
                    return result;
                }
            }
            return null;
        }
    }

    public String userId;
    public String courseId;
    public String cohortId;
    /** The course presentation's first day. */
    public long start;
    /**
     * When the course ended, if known (learnpulse's addition to docs/cli.md: the end of a lead time
     * for a learner who did not withdraw); null if not known.
     */
    public Long end;
    public Result outcome;
    /** When the learner withdrew; null if they did not (or the date is not known). */
    public Long withdrawnAt;

    public Outcome() {}

    public Outcome(String userId, long start, Result outcome) {
        this.userId = userId;
        this.start = start;
        this.outcome = outcome;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Outcome)) {
            return false;
        }
        Outcome x = (Outcome) o;
        return start == x.start
                && Objects.equals(userId, x.userId)
                && Objects.equals(courseId, x.courseId)
                && Objects.equals(cohortId, x.cohortId)
                && Objects.equals(end, x.end)
                && outcome == x.outcome
                && Objects.equals(withdrawnAt, x.withdrawnAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, start, outcome);
    }

    @Override
    public String toString() {
        return "Outcome{" + userId + " " + outcome + '}';
    }
}
