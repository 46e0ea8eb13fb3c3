package io.learnpulse.job.testutils;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The wall clock of the tests' rule operators, replays and live jobs: fixed, so that every alert's
 * {@code detectedAt} is known and two runs over the same events give identical alerts.
 */
public final class TestClock {
    /** The wall-clock time every alert is detected at. */
    public static final Instant DETECTED_AT = Instant.parse("2026-12-01T08:00:00Z");
    public static final Clock FIXED = Clock.fixed(DETECTED_AT, ZoneOffset.UTC);

    private TestClock() {}
}
