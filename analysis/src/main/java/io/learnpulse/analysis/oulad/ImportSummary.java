package io.learnpulse.analysis.oulad;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What one {@code import-oulad} run wrote and what it left out, with counts. */
public final class ImportSummary {
    private final Map<String, Long> eventsByType = new TreeMap<>();
    private final Map<String, Long> outcomesByResult = new TreeMap<>();
    private final Map<Omission, Long> omitted = new EnumMap<>(Omission.class);
    private long calendarItems;
    private int courses;
    private long bankedSubmissions;
    private String clickFile;
    private Duration took = Duration.ZERO;

    void event(String type) {
        eventsByType.merge(type, 1L, Long::sum);
    }

    void outcome(String result) {
        outcomesByResult.merge(result, 1L, Long::sum);
    }

    void omit(Omission why) {
        omitted.merge(why, 1L, Long::sum);
    }

    void calendarItems(long count) {
        calendarItems = count;
    }

    void courses(int count) {
        courses = count;
    }

    void bankedSubmission() {
        bankedSubmissions++;
    }

    void clickFile(String name) {
        clickFile = name;
    }

    void took(Duration duration) {
        took = duration;
    }

    public long events() {
        return eventsByType.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Events written of one wire type ({@code enrollment}, {@code assessment}, ...). */
    public long events(String type) {
        return eventsByType.getOrDefault(type, 0L);
    }

    public long calendarItems() {
        return calendarItems;
    }

    public long outcomes() {
        return outcomesByResult.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Outcomes written with one result ({@code pass}, {@code withdrawn}, ...). */
    public long outcomes(String result) {
        return outcomesByResult.getOrDefault(result, 0L);
    }

    long omitted(Omission why) {
        return omitted.getOrDefault(why, 0L);
    }

    long bankedSubmissions() {
        return bankedSubmissions;
    }

    void print(PrintWriter out, Path outDir) {
        out.printf(Locale.ROOT, "import-oulad: wrote %s in %.1f s%n", outDir, took.toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  events.jsonl    %,9d events: %s%n", events(), breakdown(eventsByType));
        out.printf(Locale.ROOT, "  calendar.jsonl  %,9d items of %d courses%n", calendarItems, courses);
        out.printf(Locale.ROOT, "  outcomes.jsonl  %,9d learners: %s%n", outcomes(), breakdown(outcomesByResult));
        out.printf(Locale.ROOT, "  included: %,d banked submissions (results carried over from an earlier"
                + " presentation; OULAD gives them a submission day in this one)%n", bankedSubmissions);
        out.println(clickFile == null
                ? "  no click table (studentVle.csv or studentVle_first20000rows.csv): no activity events"
                : "  activity events from " + clickFile + ": one per row");
        if (omitted.isEmpty()) {
            out.println("left out: nothing");
            return;
        }
        out.println("left out:");
        omitted.forEach((why, count) -> out.printf(Locale.ROOT, "  %,9d  %-24s %s%n", count, why.file, why.why));
    }

    private static String breakdown(Map<String, Long> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((name, count) -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(String.format(Locale.ROOT, "%,d %s", count, name));
        });
        return text.toString();
    }
}
