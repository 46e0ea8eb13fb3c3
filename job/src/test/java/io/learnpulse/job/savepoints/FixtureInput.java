package io.learnpulse.job.savepoints;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The fixed input every savepoint fixture was taken from ({@code savepoints/input/}): the activity
 * lines, the course calendar and the settings overrides, and where the job was stopped. A fixture's
 * savepoint holds the position of the events source in these lines, so they never change.
 */
final class FixtureInput {
    /** The events, one JSON object a line, in the order the source emits them. */
    final List<String> events;
    final List<String> calendar;
    final List<String> settings;
    /** How many events the job had read when it was stopped with a savepoint. */
    final int stopAfter;
    /** The line of the event repeated after the stop with the id of one accepted before it. */
    final int repeatAcrossStop;

    FixtureInput(List<String> events, List<String> calendar, List<String> settings, int stopAfter,
            int repeatAcrossStop) {
        this.events = List.copyOf(events);
        this.calendar = List.copyOf(calendar);
        this.settings = List.copyOf(settings);
        this.stopAfter = stopAfter;
        this.repeatAcrossStop = repeatAcrossStop;
    }

    static FixtureInput read(Path dir) {
        try {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(dir.resolve("input.properties"))) {
                p.load(in);
            }
            return new FixtureInput(lines(dir.resolve("events.jsonl")), lines(dir.resolve("calendar.jsonl")),
                    lines(dir.resolve("settings.jsonl")), Integer.parseInt(p.getProperty("stop-after")),
                    Integer.parseInt(p.getProperty("repeat-across-stop")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same events with no calendar and no settings (the job had no such input before 2026-11-30). */
    FixtureInput withoutCalendarAndSettings() {
        return new FixtureInput(events, List.of(), List.of(), stopAfter, repeatAcrossStop);
    }

    /**
     * The same input with the repeat across the stop under an id of its own: what a job that forgot
     * the ids it had seen before the stop makes of it (a new event, processed).
     */
    FixtureInput withTheRepeatAsANewEvent() {
        List<String> renamed = new ArrayList<>(events);
        String line = renamed.get(repeatAcrossStop);
        String renamedLine = line.replaceFirst("\"eventId\":\"([^\"]*)\"", "\"eventId\":\"$1-again\"");
        if (renamedLine.equals(line)) {
            throw new IllegalStateException("no eventId in line " + repeatAcrossStop + ": " + line);
        }
        renamed.set(repeatAcrossStop, renamedLine);
        return new FixtureInput(renamed, calendar, settings, stopAfter, repeatAcrossStop);
    }

    private static List<String> lines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
