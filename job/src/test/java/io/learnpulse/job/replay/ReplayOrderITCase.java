package io.learnpulse.job.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --order} on an LRS export as an LRS returns it: a JSON array of ten statements from
 * Moodle and Blackboard Learn (after their public xAPI recipes), newest first. In file order all but
 * the newest are late and the summary names {@code --order time}; sorted by time, the whole export
 * replays and raises its alerts.
 */
class ReplayOrderITCase {
    @TempDir
    Path dir;
    private Path export;

    @BeforeEach
    void copyExport() throws Exception {
        export = dir.resolve("lrs-export.json");
        try (InputStream in = getClass().getResourceAsStream("/xapi/lrs-export-newest-first.json")) {
            Files.copy(in, export);
        }
    }

    @Test
    void inFileOrderNineOfTenAreLateAndTheSummaryNamesOrderTime() throws Exception {
        String summary = replay("file-alerts.jsonl");

        assertThat(Files.readAllLines(dir.resolve("file-alerts.jsonl"))).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("file-alerts.dlq.jsonl"))).hasSize(9)
                .allMatch(line -> line.contains("\"reason\":\"late\""));
        assertThat(summary).contains("late=9")
                .contains("warning: 9 of 10 inputs (90.0%) were late in file order")
                .contains("--order time");
    }

    @Test
    void inTimeOrderTheWholeExportReplays() throws Exception {
        String summary = replay("time-alerts.jsonl", "--order", "time");

        // AT_RISK scores every enrolled learner (1024 is in a course): the order is the other rules' matter here
        List<String> alerts = Files.readAllLines(dir.resolve("time-alerts.jsonl")).stream()
                .filter(a -> !a.contains("\"type\":\"AT_RISK\"")).collect(Collectors.toList());
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0)).contains("\"userId\":\"1024\"").contains("\"type\":\"CONSECUTIVE_LOW_SCORES\"")
                .contains("\"courseId\":\"https://moodle.example.edu/course/view.php?id=42\"")
                .contains("\"eventTime\":\"2026-11-07T09:48:02Z\"");
        assertThat(alerts.get(1)).contains("\"userId\":\"grace.hopper@example.edu\"")
                .contains("\"type\":\"HIGH_PERFORMANCE\"").contains("\"cohortId\":\"CS201-section-B\"")
                .contains("\"eventTime\":\"2026-11-07T14:10:33Z\"");
        assertThat(Files.readAllLines(dir.resolve("time-alerts.dlq.jsonl"))).isEmpty();
        assertThat(summary).contains("events: 10 valid").doesNotContain("warning");
    }

    @Test
    void anUnknownOrderIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(Cli.commandLine(new ReplayCommand()), System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                "--input", export.toString(), "--output", dir.resolve("x.jsonl").toString(), "--order", "newest");
        assertThat(status + ":" + err.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("2:learnpulse replay: unknown order 'newest' (expected file or time)");
    }

    private String replay(String output, String... more) {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--input", export.toString(),
                "--output", dir.resolve(output).toString(), "--format", "xapi", "--parallelism", "2"));
        args.addAll(List.of(more));
        int status = Cli.run(Cli.commandLine(new ReplayCommand()), System.out,
                new PrintStream(stderr, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        String summary = stderr.toString(StandardCharsets.UTF_8);
        assertThat(status).as(summary).isZero();
        return summary;
    }
}
