package io.learnpulse.synthetic;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.EventType;
import io.learnpulse.model.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A seeded population of synthetic learners of the {@link LearnerKind}s, generating their activity
 * day by day as learnpulse event JSON (docs/events.md), in event-time order. The same settings give the
 * same events. Activity is Zipf-skewed across learners: learner of rank r is about r^-s as busy as
 * the busiest.
 */
public final class SyntheticLearners {
    private static final LearnerKind[] KINDS = LearnerKind.values();

    private final long seed;
    private final int learners;
    private final Instant start;
    private final double zipfExponent;
    private final double eventsPerActiveDay;
    /** Null: learners without enrollment or calendar items (the tests' and the benchmark's population). */
    private final SyntheticCourses courses;

    /** One generated event: its time, its learner, and its JSON line. */
    public static final class Event {
        public final long timestamp;
        public final String userId;
        public final String json;

        public Event(long timestamp, String userId, String json) {
            this.timestamp = timestamp;
            this.userId = userId;
            this.json = json;
        }
    }

    public SyntheticLearners(long seed, int learners, Instant start) {
        this(seed, learners, start, 0.0, 6.0);
    }

    /**
     * @param zipfExponent 0 for evenly busy learners; about 1 for a realistic skew
     * @param eventsPerActiveDay mean events of the busiest learner on a day it is active
     */
    public SyntheticLearners(long seed, int learners, Instant start, double zipfExponent, double eventsPerActiveDay) {
        this(seed, learners, start, zipfExponent, eventsPerActiveDay, null);
    }

    private SyntheticLearners(long seed, int learners, Instant start, double zipfExponent, double eventsPerActiveDay,
            SyntheticCourses courses) {
        this.seed = seed;
        this.learners = learners;
        this.start = start;
        this.zipfExponent = zipfExponent;
        this.eventsPerActiveDay = eventsPerActiveDay;
        this.courses = courses;
    }

    /**
     * The same learners enrolled in {@code courses}: an {@code enrollment} event on day 0, each
     * assessment answering its week's item, and every other learner who drops out withdrawing on day
     * 5 (so only the others miss the deadlines that follow). Their activity is otherwise the same.
     */
    public SyntheticLearners withCourses(SyntheticCourses courses) {
        return new SyntheticLearners(seed, learners, start, zipfExponent, eventsPerActiveDay, courses);
    }

    public static LearnerKind kindOf(int learner) {
        return KINDS[learner % KINDS.length];
    }

    public static String userId(int learner) {
        return String.format(Locale.ROOT, "learner-%05d", learner);
    }

    public static String cohortId(int learner) {
        return "cohort-" + (char) ('A' + (learner / KINDS.length) % 4);
    }

    /** Generates {@code days} days of activity, passing each day's events on in event-time order. */
    public void generate(int days, Consumer<Event> out) {
        for (int day = 0; day < days; day++) {
            generateDay(day, out);
        }
    }

    /** Generates day {@code day} (0 is the start day) of every learner, in event-time order. */
    public void generateDay(int day, Consumer<Event> out) {
        List<Event> today = new ArrayList<>();
        for (int learner = 0; learner < learners; learner++) {
            generateDay(learner, day, today);
        }
        today.sort(Comparator.comparingLong((Event e) -> e.timestamp).thenComparing(e -> e.userId));
        today.forEach(out);
    }

    /** Writes {@code days} days of activity as JSON lines; returns how many. */
    public long write(int days, Writer out) {
        long[] count = {0};
        generate(days, e -> {
            try {
                out.write(e.json);
                out.write('\n');
                count[0]++;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        return count[0];
    }

    private void generateDay(int learner, int day, List<Event> out) {
        // one generator per learner and day: a learner's activity does not depend on the others
        Random random = new Random(seed * 1_000_003L + learner * 7_919L + day);
        LearnerKind kind = kindOf(learner);
        long dayStart = start.plus(Duration.ofDays(day)).toEpochMilli();
        if (courses != null) {
            enrollment(learner, kind, day, dayStart, out);
        }
        if (!activeOn(kind, day, random)) {
            return;
        }
        double busy = Math.pow(1 + learner, -zipfExponent);
        int events = 1 + (int) Math.round(random.nextDouble() * 2 * (eventsPerActiveDay - 1) * busy);
        long time = dayStart + Duration.ofHours(7).toMillis() + random.nextInt(10 * 3_600_000);
        for (int i = 0; i < events; i++) {
            EventType type = i == 0 ? EventType.SESSION : typeOf(random);
            ActivityEvent event = new ActivityEvent(userId(learner) + "-d" + day + "-" + i, userId(learner), type, time);
            event.courseId = SyntheticCourses.courseId(learner);
            event.cohortId = cohortId(learner);
            if (type == EventType.ASSESSMENT) {
                event.score = round(score(kind, day, random));
                event.assessmentId = courses != null ? courses.assessmentIdOn(day) : null;
            } else if (type == EventType.PROGRESS) {
                event.progress = round(progress(kind, day, learner));
            }
            event.durationSeconds = (double) (30 + random.nextInt(900));
            out.add(new Event(time, userId(learner), JsonCodec.event(event)));
            time += 60_000L + random.nextInt(20 * 60_000);
            if (time >= dayStart + Duration.ofDays(1).toMillis()) {
                break;
            }
        }
    }

    /** Enrollment on day 0, before any activity; the withdrawal of every other learner who drops out on day 5. */
    private static void enrollment(int learner, LearnerKind kind, int day, long dayStart, List<Event> out) {
        EventType type = day == 0 ? EventType.ENROLLMENT
                : day == 5 && kind == LearnerKind.DROPPING_OUT && (learner / KINDS.length) % 2 == 1
                        ? EventType.WITHDRAWAL : null;
        if (type == null) {
            return;
        }
        long time = dayStart + Duration.ofHours(6).toMillis();
        ActivityEvent event = new ActivityEvent(userId(learner) + "-" + type.name().toLowerCase(Locale.ROOT),
                userId(learner), type, time);
        event.courseId = SyntheticCourses.courseId(learner);
        event.cohortId = cohortId(learner);
        out.add(new Event(time, userId(learner), JsonCodec.event(event)));
    }

    private static boolean activeOn(LearnerKind kind, int day, Random random) {
        switch (kind) {
            case DROPPING_OUT:
                return day < 5 && random.nextDouble() < 0.9;
            case SPORADIC:
                return random.nextDouble() < 0.25;
            case STAGNATING:
            case STRUGGLING:
                return random.nextDouble() < 0.8;
            default:
                return random.nextDouble() < 0.9;
        }
    }

    private static EventType typeOf(Random random) {
        double r = random.nextDouble();
        return r < 0.45 ? EventType.ACTIVITY : r < 0.75 ? EventType.ASSESSMENT
                : r < 0.9 ? EventType.PROGRESS : EventType.SESSION;
    }

    private static double score(LearnerKind kind, int day, Random random) {
        switch (kind) {
            case STRUGGLING:
                return clamp(0.42 + random.nextGaussian() * 0.12);
            case STAR:
                return clamp(0.95 + random.nextGaussian() * 0.03);
            default:
                return clamp(0.74 + random.nextGaussian() * 0.12);
        }
    }

    /** Progress rises a little every active day; a stagnating learner stops rising after day 3. */
    private static double progress(LearnerKind kind, int day, int learner) {
        int effectiveDay = kind == LearnerKind.STAGNATING ? Math.min(day, 3) : day;
        return Math.min(1.0, 0.02 * (1 + effectiveDay) + (learner % 5) * 0.01);
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
