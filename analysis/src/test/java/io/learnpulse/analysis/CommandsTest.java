package io.learnpulse.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verbs on the command line: their exit codes and their one-line refusals. */
class CommandsTest {
    @TempDir
    Path dir;

    @Test
    void importOuladRefusesADirectoryWithoutTheCsvs() {
        Run run = run(new ImportOuladCommand(), "--data", dir.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.status).isEqualTo(Cli.UNUSABLE_ARGUMENTS);
        assertThat(run.err).contains("learnpulse import-oulad: no courses.csv in " + dir);
        assertThat(run(new ImportOuladCommand(), "--data", dir.resolve("nowhere").toString(), "--out", "x").err)
                .contains("is not a directory");
    }

    @Test
    void evaluatePrintsTheTableOnStdoutAndSaysWhichLineIsBad() throws IOException {
        Path outcomes = Files.writeString(dir.resolve("outcomes.jsonl"),
                "{\"userId\":\"u\",\"start\":\"2024-01-01T00:00:00Z\",\"outcome\":\"fail\",\"withdrawnAt\":null}\n");
        Path alerts = Files.writeString(dir.resolve("alerts.jsonl"),
                "{\"userId\":\"u\",\"type\":\"MISSED_DEADLINE\",\"eventTime\":\"2024-01-05T00:00:00Z\"}\n");
        Run done = run(new EvaluateCommand(), "--alerts", alerts.toString(), "--outcomes", outcomes.toString(),
                "--json", dir.resolve("figures.json").toString());
        assertThat(done.status).isEqualTo(Cli.DONE);
        assertThat(done.out).contains("day 60: 1 learners").containsPattern("MISSED_DEADLINE +1 +1.000 +1.000 +266.0");
        assertThat(done.err).contains("evaluate: wrote " + dir.resolve("figures.json"));

        Files.writeString(alerts, "{\"userId\":\"u\",\"type\":\"MISSED_DEADLINE\",\"eventTime\":\"yesterday\"}\n",
                java.nio.file.StandardOpenOption.APPEND);
        Run bad = run(new EvaluateCommand(), "--alerts", alerts.toString(), "--outcomes", outcomes.toString());
        assertThat(bad.status).isEqualTo(Cli.UNUSABLE_ARGUMENTS);
        assertThat(bad.err).contains(alerts + " line 2: 'eventTime' is not an ISO-8601 instant");
    }

    @Test
    void fitRiskRefusesAFileItCannotReadAndEventsOutOfOrder() throws IOException {
        Path calendar = Files.writeString(dir.resolve("calendar.jsonl"), "");
        Path outcomes = Files.writeString(dir.resolve("outcomes.jsonl"),
                "{\"userId\":\"u\",\"courseId\":\"C\",\"start\":\"2024-01-01T00:00:00Z\",\"outcome\":\"fail\"}\n");
        Run missing = run(new FitRiskCommand(), "--events", dir.resolve("nowhere.jsonl").toString(), "--calendar",
                calendar.toString(), "--outcomes", outcomes.toString(), "--out", dir.resolve("m.json").toString());
        assertThat(missing.status).isEqualTo(Cli.UNUSABLE_ARGUMENTS);
        assertThat(missing.err).contains("learnpulse fit-risk: cannot read " + dir.resolve("nowhere.jsonl"));

        Path events = Files.writeString(dir.resolve("events.jsonl"),
                "{\"eventId\":\"b\",\"userId\":\"u\",\"courseId\":\"C\",\"type\":\"activity\",\"timestamp\":\"2024-01-02T00:00:00Z\"}\n"
                + "{\"eventId\":\"a\",\"userId\":\"u\",\"courseId\":\"C\",\"type\":\"activity\",\"timestamp\":\"2024-01-01T00:00:00Z\"}\n");
        Run unordered = run(new FitRiskCommand(), "--events", events.toString(), "--calendar", calendar.toString(),
                "--outcomes", outcomes.toString(), "--out", dir.resolve("m.json").toString());
        assertThat(unordered.status).isEqualTo(Cli.UNUSABLE_ARGUMENTS);
        assertThat(unordered.err).contains(events + " line 2: events must come in time order");
    }

    private static Run run(Object verb, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(Cli.commandLine(verb), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {}
}
