package io.learnpulse.job.testutils;

import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.synthetic.SyntheticLearners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A generated stream of learner activity for the live tests: the synthetic learners' events in
 * file order, then one closing event per partition of the activity topic.
 *
 * <p>Why the closing events: a live stream never ends, so the live job only evaluates what its
 * watermark has passed, while a replay processes every buffered event at the end of its file
 * (but fires no deadline beyond the last event). The closing events, of separate "sentinel"
 * learners, lie {@link #CLOSING_GAP} after the last real event and go to every partition, so the
 * live job's watermark (the minimum over partitions) reaches exactly the watermark that the replay
 * of the same lines reaches when it reads them: closing time minus the out-of-orderness. Both
 * then fire every deadline up to that watermark and nothing after it; each sentinel learner has
 * one event and raises no alert. So live and replay must give exactly the same alerts and daily
 * figures, with no tolerance.
 */
public final class LearnerStream {
    /** Far enough after the last event that every rule's deadline (and forgetting) has passed. */
    public static final Duration CLOSING_GAP = Duration.ofDays(40);
    public static final Instant START = Instant.parse("2026-09-07T00:00:00Z");

    /** One input record: its key, the partition it must go to (or -1 for the key's), its JSON. */
    public static final class Line {
        public final String key;
        public final int partition;
        public final long timestamp;
        public final String json;

        Line(String key, int partition, long timestamp, String json) {
            this.key = key;
            this.partition = partition;
            this.timestamp = timestamp;
            this.json = json;
        }
    }

    public final List<Line> events;
    public final List<Line> closing;
    /** The course calendar (JSON lines) the stream's learners are judged against; may be empty. */
    public final List<String> calendar;
    /** The settings overrides (JSON lines) of the stream's cohorts and learners; may be empty. */
    public final List<String> settings;

    private LearnerStream(List<Line> events, List<Line> closing, List<String> calendar, List<String> settings) {
        this.events = events;
        this.closing = closing;
        this.calendar = calendar;
        this.settings = settings;
    }

    /**
     * The same stream with settings overrides effective from {@code from} on: cohort-A's and
     * cohort-B's thresholds, counts and durations; learner-00003's own, over cohort-A's, removed
     * five days later; cohort-C's from two days later. They change which alerts fire.
     */
    public LearnerStream withSettings(Instant from) {
        long f = from.toEpochMilli();
        long day = Duration.ofDays(1).toMillis();
        List<String> overrides = List.of(
                override("cohort", "cohort-A", f, "\"low-score.threshold\":0.7,\"engagement.empty-days\":2,"
                        + "\"consistency.min-fraction\":0.7"),
                override("cohort", "cohort-B", f, "\"decline.threshold\":0.5,\"low-score.count\":2,"
                        + "\"missed-deadline.grace\":\"6 h\""),
                override("learner", "learner-00003", f, "\"low-score.threshold\":0.4,\"stagnation.after\":\"PT72H\""),
                override("learner", "learner-00003", f + 5 * day, ""),
                override("cohort", "cohort-C", f + 2 * day, "\"high-score.threshold\":0.8,\"high-score.count\":2"));
        return new LearnerStream(events, closing, calendar, overrides);
    }

    private static String override(String scope, String id, long from, String rules) {
        return "{\"scope\":\"" + scope + "\",\"id\":\"" + id + "\",\"effectiveFrom\":\"" + Instant.ofEpochMilli(from)
                + "\",\"rules\":{" + rules + "}}";
    }

    /**
     * The same stream with a course calendar: weekly items of course-1 and course-2 (course-3 has
     * none), and one of course-1 due after the last event, which the then silent learners miss.
     * Nobody submits: every learner of those courses misses the items due after their first event.
     */
    public LearnerStream withCalendar() {
        List<String> items = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            items.add(item("course-1", "W" + k, START.plus(Duration.ofDays(7L * k - 2)).plus(Duration.ofHours(23))));
            items.add(item("course-2", "W" + k, START.plus(Duration.ofDays(7L * k - 3)).plus(Duration.ofHours(12))));
        }
        items.add(item("course-1", "X", START.plus(Duration.ofDays(35)).plus(Duration.ofHours(12))));
        return new LearnerStream(events, closing, items, settings);
    }

    private static String item(String course, String assessmentId, Instant dueAt) {
        CalendarItem item = new CalendarItem(course, assessmentId, dueAt.toEpochMilli());
        item.title = "Week " + assessmentId;
        return JsonCodec.calendarItem(item);
    }

    /** {@code learners} seeded synthetic learners over {@code days} days, closed for {@code partitions}. */
    public static LearnerStream generate(long seed, int learners, int days, int partitions) {
        List<Line> events = new ArrayList<>();
        new SyntheticLearners(seed, learners, START).generate(days,
                e -> events.add(new Line(e.userId, -1, e.timestamp, e.json)));
        long last = events.stream().mapToLong(l -> l.timestamp).max().orElseThrow();
        Instant closingTime = Instant.ofEpochMilli(last).plus(CLOSING_GAP);
        List<Line> closing = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            String userId = "sentinel-" + p;
            closing.add(new Line(userId, p, closingTime.toEpochMilli(), String.format(
                    "{\"eventId\":\"%s-close\",\"userId\":\"%s\",\"type\":\"activity\",\"timestamp\":\"%s\"}",
                    userId, userId, closingTime)));
        }
        return new LearnerStream(events, closing, List.of(), List.of());
    }

    /** Every line, events then closing events: what the live job reads and the replay replays. */
    public List<Line> all() {
        List<Line> all = new ArrayList<>(events);
        all.addAll(closing);
        return all;
    }

    /** The events before {@code fraction} of them, and the rest. */
    public List<List<Line>> split(double... fractions) {
        List<List<Line>> parts = new ArrayList<>();
        int from = 0;
        for (double f : fractions) {
            int to = (int) Math.round(events.size() * f);
            parts.add(events.subList(from, to));
            from = to;
        }
        List<Line> rest = new ArrayList<>(events.subList(from, events.size()));
        rest.addAll(closing);
        parts.add(rest);
        return parts;
    }

    /** Writes {@link #calendar} as a JSON-lines file. */
    public Path writeCalendarTo(Path file) {
        return writeLines(file, calendar);
    }

    /** Writes {@link #settings} as a JSON-lines file. */
    public Path writeSettingsTo(Path file) {
        return writeLines(file, settings);
    }

    private static Path writeLines(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes {@link #all()} as a JSON-lines file. */
    public Path writeTo(Path file) {
        try {
            Files.writeString(file, all().stream().map(l -> l.json).collect(Collectors.joining("\n", "", "\n")),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
