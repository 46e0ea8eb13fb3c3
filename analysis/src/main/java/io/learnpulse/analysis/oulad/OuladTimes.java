package io.learnpulse.analysis.oulad;

import java.time.Duration;

/**
 * The time of day given to each kind of OULAD row, whose dates are whole days. Fixed, so the import
 * is deterministic, and chosen so that one day's rows of a learner fall in a sensible order:
 * enrolled from the start of the registration day, submissions and clicks at midday, withdrawn at
 * the end of the unregistration day, and a deadline at the end of its due day (a submission on the
 * due day is on time; a withdrawal on the due day lands exactly on {@code dueAt}).
 */
final class OuladTimes {
    static final Duration ENROLLMENT = Duration.ZERO;
    static final Duration SUBMISSION = Duration.ofHours(12);
    static final Duration CLICKS = Duration.ofHours(12);
    static final Duration WITHDRAWAL = Duration.ofDays(1).minusSeconds(1);
    static final Duration DEADLINE = Duration.ofDays(1).minusSeconds(1);

    private OuladTimes() {}
}
