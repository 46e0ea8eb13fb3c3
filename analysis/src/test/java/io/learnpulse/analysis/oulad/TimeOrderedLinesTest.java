package io.learnpulse.analysis.oulad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external sort: (time, id) order across spilled runs and the buffer, and no run files left. */
class TimeOrderedLinesTest {
    @TempDir
    Path dir;

    @Test
    void mergesSpilledRunsWithTheBufferInTimeThenIdOrder() throws IOException {
        Path out = dir.resolve("sorted.jsonl");
        TimeOrderedLines lines = new TimeOrderedLines(out, 2);
        lines.add(30, "c", "{\"n\":5}");
        lines.add(10, "b", "{\"n\":2}");
        lines.add(20, "a", "{\"n\":3}");
        lines.add(10, "a", "{\"n\":1}");
        lines.add(20, "b", "{\"n\":4}");
        assertThat(lines.finish()).isEqualTo(5);
        assertThat(Files.readAllLines(out)).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void aSmallInputIsSortedInMemory() throws IOException {
        Path out = dir.resolve("sorted.jsonl");
        TimeOrderedLines lines = new TimeOrderedLines(out, 100);
        lines.add(2, "x", "second");
        lines.add(1, "y", "first");
        assertThat(lines.finish()).isEqualTo(2);
        assertThat(Files.readAllLines(out)).containsExactly("first", "second");
    }
}
