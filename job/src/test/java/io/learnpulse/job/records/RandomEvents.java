package io.learnpulse.job.records;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.EventType;
import java.util.Random;

/**
 * Events of any shape for serializer tests, the same for the same seed: each nullable field null a
 * third of the time, strings of ASCII, accented, CJK, astral (surrogate pairs) and control
 * characters, doubles and times at their extremes as well as ordinary ones.
 */
final class RandomEvents {
    private static final EventType[] TYPES = EventType.values();
    private static final double[] ODD_DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -1.0};
    private static final long[] ODD_TIMES = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE};
    private static final String[] PIECES = {"a", "learner-00042", " ", "é", "ß", "学习", "\u0000", "\n", "\uD834\uDD1E",
        "\uFFFF", "\"", "\\"};

    private final Random random;

    RandomEvents(long seed) {
        this.random = new Random(seed);
    }

    ActivityEvent next() {
        ActivityEvent event = new ActivityEvent();
        event.eventId = maybe(string());
        event.userId = maybe(string());
        event.courseId = maybe(string());
        event.cohortId = maybe(string());
        event.type = maybe(TYPES[random.nextInt(TYPES.length)]);
        event.timestamp = random.nextInt(8) == 0 ? ODD_TIMES[random.nextInt(ODD_TIMES.length)]
                : 1_764_000_000_000L + random.nextInt(1_000_000_000);
        event.score = maybe(number());
        event.progress = maybe(number());
        event.durationSeconds = maybe(number());
        event.assessmentId = maybe(string());
        event.raw = maybe(string());
        return event;
    }

    private <T> T maybe(T value) {
        return random.nextInt(3) == 0 ? null : value;
    }

    private String string() {
        int pieces = random.nextInt(6) == 0 ? 0 : random.nextInt(40);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    private Double number() {
        return random.nextInt(8) == 0 ? ODD_DOUBLES[random.nextInt(ODD_DOUBLES.length)] : random.nextDouble() * 100;
    }
}
