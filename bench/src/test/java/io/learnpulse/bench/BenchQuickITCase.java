package io.learnpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code learnpulse bench --quick} end to end and checks that it writes its table; no figure is asserted. */
class BenchQuickITCase {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a guard against a hang, not a speed requirement
    void quickRunWritesTheTable(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("quick.md");

        Path written = BenchMain.run("--quick", "--output", output.toString());

        assertThat(written).isEqualTo(output).exists();
        String table = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(table)
                .contains("| # | Measurement | Figure | Per CPU-second actually used | Compared with | Spread / sample |")
                .contains("- cores: ", "- memory: ", "- Java: ", "- Flink: 2.2.1")
                .contains("## Notes", "## Raw figures");
        for (String row : new String[] {"| 1 | Ceiling", "| 2 | Replay", "| 2b | Replay of the real OULAD history", "| 3a | Live", "| 3b | Live", "| 3c | Live",
                "| 4 | Alert latency", "| 5 | State", "| 6 | Gateway fan-out", "| 7 | Cron baseline"}) {
            assertThat(table).contains(row);
        }
        assertThat(table).doesNotContain("NaN");
    }
}
