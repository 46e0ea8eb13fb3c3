package io.learnpulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The real OULAD history for row 2b: the directory {@code learnpulse import-oulad --out DIR} wrote
 * ({@code events.jsonl} and {@code calendar.jsonl}), or why there is none ({@link #missing}).
 */
record Oulad(Path dir, String missing) {
    static final String HOW = "make it with bin/learnpulse import-oulad --data <the OULAD CSVs> --out DIR, then pass --oulad DIR";

    /** The history in {@code dir} (the value of {@code --oulad}, null when not given). */
    static Oulad at(Path dir) {
        if (dir == null) {
            return new Oulad(null, "no --oulad DIR given (" + HOW + ")");
        }
        if (!dir.isAbsolute()) {
            return at(dir.toAbsolutePath());
        }
        for (String file : new String[] {"events.jsonl", "calendar.jsonl"}) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                return new Oulad(dir, dir + " has no " + file + " (" + HOW + ")");
            }
        }
        return new Oulad(dir, null);
    }

    Path events() {
        return dir.resolve("events.jsonl");
    }

    Path calendar() {
        return dir.resolve("calendar.jsonl");
    }

    /** "236,000 events, 206 calendar items, 45 MB" */
    String describe() {
        try {
            return String.format(Locale.ROOT, "%,d events, %,d calendar items, %.0f MB", lines(events()), lines(calendar()),
                    Files.size(events()) / 1e6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).count();
        }
    }
}
