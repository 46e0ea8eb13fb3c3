package io.learnpulse.analysis.oulad;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Writes lines to a file sorted by (time, id), without holding them all: up to {@code runSize}
 * lines are sorted in memory; beyond that, sorted runs go to temporary files that are merged at the
 * end (an external merge sort). The shipped OULAD data needs one or two runs; the full 10.6 M-row
 * click table would need about fifty.
 */
final class TimeOrderedLines {
    static final int DEFAULT_RUN_SIZE = 200_000;

    private static final Comparator<Entry> ORDER =
            Comparator.comparingLong(Entry::time).thenComparing(Entry::id);

    private final Path out;
    private final int runSize;
    private final List<Entry> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();

    TimeOrderedLines(Path out, int runSize) {
        this.out = out;
        this.runSize = runSize;
    }

    /** Adds a line; {@code id} must not contain a tab (it is the run files' field separator). */
    void add(long time, String id, String line) {
        buffer.add(new Entry(time, id, line));
        if (buffer.size() >= runSize) {
            spill();
        }
    }

    /** Writes the output file and deletes the runs; returns the number of lines written. */
    long finish() {
        buffer.sort(ORDER);
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            if (runs.isEmpty()) {
                for (Entry entry : buffer) {
                    writeLine(writer, entry.line());
                }
                return buffer.size();
            }
            return merge(writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        } finally {
            buffer.clear();
            for (Path run : runs) {
                try {
                    Files.deleteIfExists(run);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless; the output is what matters
                }
            }
        }
    }

    private long merge(BufferedWriter writer) throws IOException {
        PriorityQueue<RunCursor> heads = new PriorityQueue<>(Comparator.comparing(RunCursor::head, ORDER));
        List<RunCursor> open = new ArrayList<>();
        try {
            for (Path run : runs) {
                RunCursor cursor = new RunCursor(Files.newBufferedReader(run, StandardCharsets.UTF_8));
                open.add(cursor);
                if (cursor.advance()) {
                    heads.add(cursor);
                }
            }
            // The last, unspilled buffer takes part in the merge as one more sorted run.
            RunCursor memory = RunCursor.of(buffer);
            if (memory.advance()) {
                heads.add(memory);
            }
            long written = 0;
            while (!heads.isEmpty()) {
                RunCursor cursor = heads.poll();
                writeLine(writer, cursor.head().line());
                written++;
                if (cursor.advance()) {
                    heads.add(cursor);
                }
            }
            return written;
        } finally {
            for (RunCursor cursor : open) {
                cursor.close();
            }
        }
    }

    private void spill() {
        buffer.sort(ORDER);
        try {
            Path run = Files.createTempFile(out.toAbsolutePath().getParent(), ".run-", ".tmp");
            runs.add(run);
            try (BufferedWriter writer = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
                for (Entry entry : buffer) {
                    writeLine(writer, entry.time() + "\t" + entry.id() + "\t" + entry.line());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sort run next to " + out, e);
        }
        buffer.clear();
    }

    private static void writeLine(BufferedWriter writer, String line) throws IOException {
        writer.write(line);
        writer.write('\n');
    }

    private record Entry(long time, String id, String line) {}

    /** The next entry of one sorted run: a run file, or the in-memory rest. */
    private static final class RunCursor {
        private final BufferedReader reader;
        private final java.util.Iterator<Entry> entries;
        private Entry head;

        private RunCursor(BufferedReader reader, java.util.Iterator<Entry> entries) {
            this.reader = reader;
            this.entries = entries;
        }

        RunCursor(BufferedReader reader) {
            this(reader, null);
        }

        static RunCursor of(List<Entry> sorted) {
            return new RunCursor(null, sorted.iterator());
        }

        Entry head() {
            return head;
        }

        boolean advance() throws IOException {
            if (entries != null) {
                head = entries.hasNext() ? entries.next() : null;
                return head != null;
            }
            String line = reader.readLine();
            if (line == null) {
                head = null;
                return false;
            }
            int afterTime = line.indexOf('\t');
            int afterId = line.indexOf('\t', afterTime + 1);
            head = new Entry(Long.parseLong(line.substring(0, afterTime)),
                    line.substring(afterTime + 1, afterId), line.substring(afterId + 1));
            return true;
        }

        void close() throws IOException {
            if (reader != null) {
                reader.close();
            }
        }
    }
}
