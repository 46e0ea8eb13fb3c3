package io.learnpulse.bench;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.InvalidRecordException;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.synthetic.SyntheticLearners;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A seeded workload written to a file of activity events (docs/events.md), in event-time order, from
 * {@link SyntheticLearners} with Zipf-skewed activity. Either one population of learners active
 * until the event budget is spent, or <em>waves</em>: each wave's learners are active for a few
 * days and then fall silent for good, so that a run shows learners being forgotten. The file's
 * figures per day (events so far, learners seen, learners not yet forgotten) are kept for the
 * state measurement.
 */
final class Workload {
    static final long DAY = Duration.ofDays(1).toMillis();

    final Path file;
    final long events;
    final int days;
    final long startMillis;
    final long lastEventMillis;
    final long learnersSeen;
    /** Per day d (0 = start day): events up to the end of day d. */
    final long[] eventsByDayEnd;
    /** Per day d: learners with at least one event up to the end of day d. */
    final long[] seenByDayEnd;
    /**
     * Per day d: learners not yet forgotten once day d's events are in, i.e. whose last event lies
     * within the forget-after window before the watermark that day's last event raises (its time
     * minus the default out-of-orderness of 1 minute).
     */
    final long[] rememberedByDayEnd;

    private Workload(Path file, long events, int days, long startMillis, long lastEventMillis, long learnersSeen,
            long[] eventsByDayEnd, long[] seenByDayEnd, long[] rememberedByDayEnd) {
        this.file = file;
        this.events = events;
        this.days = days;
        this.startMillis = startMillis;
        this.lastEventMillis = lastEventMillis;
        this.learnersSeen = learnersSeen;
        this.eventsByDayEnd = eventsByDayEnd;
        this.seenByDayEnd = seenByDayEnd;
        this.rememberedByDayEnd = rememberedByDayEnd;
    }

    /** One population of {@code learners}, day after day, until {@code maxEvents} events are written. */
    static Workload steady(Path file, long seed, int learners, long maxEvents, double zipf, double eventsPerDay,
            Instant start, Duration forgetAfter) throws IOException {
        return write(file, seed, learners, Integer.MAX_VALUE, 1, maxEvents, 10_000, zipf, eventsPerDay, start,
                forgetAfter);
    }

    /** {@code waves} populations of {@code learners}, each active for {@code waveDays} days in turn. */
    static Workload waves(Path file, long seed, int learners, int waveDays, int waves, double zipf, double eventsPerDay,
            Instant start, Duration forgetAfter) throws IOException {
        return write(file, seed, learners, waveDays, waves, Long.MAX_VALUE, waveDays * waves, zipf, eventsPerDay, start,
                forgetAfter);
    }

    private static Workload write(Path file, long seed, int learners, int waveDays, int waves, long maxEvents,
            int maxDays, double zipf, double eventsPerDay, Instant start, Duration forgetAfter) throws IOException {
        long forget = forgetAfter.toMillis();
        Map<String, Long> lastEvent = new HashMap<>();
        List<Long> eventsByDay = new ArrayList<>();
        List<Long> seenByDay = new ArrayList<>();
        List<Long> rememberedByDay = new ArrayList<>();
        long[] count = {0};
        long[] last = {start.toEpochMilli()};
        boolean renamed = waves > 1;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int day = 0; day < maxDays && count[0] < maxEvents; day++) {
                int wave = waveDays == Integer.MAX_VALUE ? 0 : day / waveDays;
                int dayOfWave = waveDays == Integer.MAX_VALUE ? day : day % waveDays;
                SyntheticLearners population = new SyntheticLearners(seed + wave, learners,
                        start.plus(Duration.ofDays((long) wave * (waveDays == Integer.MAX_VALUE ? 0 : waveDays))),
                        zipf, eventsPerDay);
                String prefix = "w" + wave + "-";
                population.generateDay(dayOfWave, event -> {
                    if (count[0] >= maxEvents) {
                        return;
                    }
                    String json = renamed ? renamed(event.json, prefix) : event.json;
                    String userId = renamed ? prefix + event.userId : event.userId;
                    try {
                        out.write(json);
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    lastEvent.put(userId, event.timestamp);
                    last[0] = Math.max(last[0], event.timestamp);
                    count[0]++;
                });
                long watermark = last[0] - Duration.ofMinutes(1).toMillis() - 1;
                long remembered = 0;
                for (long t : lastEvent.values()) {
                    if (t > watermark - forget) {
                        remembered++;
                    }
                }
                eventsByDay.add(count[0]);
                seenByDay.add((long) lastEvent.size());
                rememberedByDay.add(remembered);
            }
        }
        return new Workload(file, count[0], eventsByDay.size(), start.toEpochMilli(), last[0], lastEvent.size(),
                toArray(eventsByDay), toArray(seenByDay), toArray(rememberedByDay));
    }

    /** The day index (0 = start day) of an event time, clamped to the workload's days. */
    int dayOf(long eventTime) {
        long d = Math.floorDiv(eventTime - startMillis, DAY);
        return (int) Math.max(0, Math.min(days - 1, d));
    }

    private static long[] toArray(List<Long> values) {
        long[] array = new long[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    /** An event line of a workload file, which holds only valid events. */
    static ActivityEvent read(String line) {
        try {
            return JsonCodec.readEvent(line);
        } catch (InvalidRecordException e) {
            throw new IllegalStateException("not an event of the workload (" + e.getMessage() + "): " + line);
        }
    }

    /** The event with its learner and id prefixed, so that each wave is a population of new learners. */
    private static String renamed(String line, String prefix) {
        ActivityEvent event = read(line);
        event.eventId = prefix + event.eventId;
        event.userId = prefix + event.userId;
        return JsonCodec.event(event);
    }
}
