package io.learnpulse.job.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.cli.Cli;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind goes to the dead-letter file with its reason and raw text, is counted in
 * the summary, and the replay goes on to raise the alerts of the good input around it. Runs the
 * command-line entry point, as {@code bin/learnpulse replay} does.
 */
class DeadLetterITCase {
    @TempDir
    Path dir;

    private static String assessment(String id, String time, double score) {
        return "{\"eventId\":\"" + id + "\",\"userId\":\"u\",\"type\":\"assessment\",\"timestamp\":\"" + time + "\",\"score\":" + score + "}";
    }

    @Test
    void everyReasonIsDeadLetteredCountedAndTheJobGoesOn() throws Exception {
        List<String> input = List.of(
                assessment("1", "2026-11-24T10:00:00Z", 0.3),
                "{this is not json",
                "{\"userId\":\"u\",\"type\":\"activity\",\"timestamp\":\"2026-11-24T10:01:00Z\"}",
                assessment("2", "2026-11-24T10:02:00Z", 0.3),
                "{\"eventId\":\"x\",\"userId\":\"u\",\"type\":\"assessment\",\"timestamp\":\"2026-11-24T10:03:00Z\",\"score\":7}",
                "{\"eventId\":\"x\",\"userId\":\"u\",\"type\":\"assessment\",\"timestamp\":\"2026-11-24T10:03:00Z\",\"score\":\"low\"}",
                "{\"eventId\":\"y\",\"userId\":\"u\",\"type\":\"click\",\"timestamp\":\"2026-11-24T10:04:00Z\"}",
                "{\"eventId\":\"z\",\"userId\":\"u\",\"type\":\"activity\",\"timestamp\":\"24/11/2026 10:05\"}",
                "",
                assessment("3", "2026-11-24T10:10:00Z", 0.3),
                // more than the 1-minute bound behind 10:10: late, and its low score must not count
                assessment("late", "2026-11-24T10:05:00Z", 0.95),
                assessment("4", "2026-11-24T10:20:00Z", 0.95));
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, input, StandardCharsets.UTF_8);
        Path output = dir.resolve("alerts.jsonl");

        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = Cli.run(Cli.commandLine(new ReplayCommand()), System.out, new PrintStream(stderr, true, StandardCharsets.UTF_8),
                "--input", file.toString(), "--output", output.toString(), "--parallelism", "2");

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        Path deadLetters = dir.resolve("alerts.dlq.jsonl");
        List<String> dead = Files.readAllLines(deadLetters);
        Map<String, Long> byReason = dead.stream()
                .map(line -> line.replaceAll(".*\"reason\":\"([a-z_]+)\".*", "$1"))
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertThat(byReason).containsOnly(
                Map.entry(DeadLetter.MALFORMED_JSON, 1L), Map.entry(DeadLetter.MISSING_FIELD, 1L),
                Map.entry(DeadLetter.OUT_OF_RANGE, 1L), Map.entry(DeadLetter.INVALID_VALUE, 1L),
                Map.entry(DeadLetter.UNKNOWN_TYPE, 1L), Map.entry(DeadLetter.BAD_TIMESTAMP, 1L),
                Map.entry(DeadLetter.LATE, 1L));
        assertThat(dead).anyMatch(line -> line.contains("\"raw\":\"{this is not json\""));
        assertThat(dead).anyMatch(line -> line.contains("\"reason\":\"late\"") && line.contains("\\\"eventId\\\":\\\"late\\\""));

        assertThat(Files.readAllLines(output)).singleElement().satisfies(line -> assertThat(line)
                .contains(AlertType.CONSECUTIVE_LOW_SCORES.name()).contains("\"eventTime\":\"2026-11-24T10:10:00Z\""));
        String summary = stderr.toString(StandardCharsets.UTF_8);
        assertThat(summary).contains("dead letters: 7").contains("late=1").contains("malformed_json=1")
                .contains("CONSECUTIVE_LOW_SCORES=1").contains("events: 5 valid");
    }

    @Test
    void badCalendarLinesAreDeadLetteredWithTheirReasonAndTheRestCounts() throws Exception {
        Path events = dir.resolve("enrolled.jsonl");
        Files.write(events, List.of(
                "{\"eventId\":\"e1\",\"userId\":\"u\",\"courseId\":\"c\",\"type\":\"enrollment\",\"timestamp\":\"2026-11-20T09:00:00Z\"}",
                "{\"eventId\":\"e2\",\"userId\":\"v\",\"type\":\"activity\",\"timestamp\":\"2026-11-30T09:00:00Z\"}"),
                StandardCharsets.UTF_8);
        Path calendar = dir.resolve("calendar.jsonl");
        Files.write(calendar, List.of(
                "{\"courseId\":\"c\",\"assessmentId\":\"A3\",\"dueAt\":\"2026-11-24T12:00:00Z\",\"title\":\"Assignment 3\"}",
                "{\"courseId\":\"c\",\"assessmentId\":\"A4\"}",
                "{\"courseId\":\"c\",\"assessmentId\":\"A5\",\"dueAt\":\"soon\"}",
                "{\"courseId\":\"c\",\"assessmentId\":\"A6\",\"dueAt\":\"2026-11-25T12:00:00Z\",\"weight\":140}",
                "not json", ""), StandardCharsets.UTF_8);
        Path output = dir.resolve("calendar-alerts.jsonl");
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = Cli.run(Cli.commandLine(new ReplayCommand()), System.out, new PrintStream(stderr, true, StandardCharsets.UTF_8),
                "--input", events.toString(), "--output", output.toString(), "--calendar", calendar.toString());

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        List<String> dead = Files.readAllLines(dir.resolve("calendar-alerts.dlq.jsonl"));
        assertThat(dead.stream().map(line -> line.replaceAll(".*\"reason\":\"([a-z_]+)\".*", "$1")).sorted())
                .containsExactly(DeadLetter.BAD_TIMESTAMP, DeadLetter.MALFORMED_JSON, DeadLetter.MISSING_FIELD,
                        DeadLetter.OUT_OF_RANGE);
        assertThat(dead).anyMatch(line -> line.contains("\"raw\":\"not json\""));
        assertThat(Files.readAllLines(output)).singleElement().satisfies(line -> assertThat(line)
                .contains(AlertType.MISSED_DEADLINE.name()).contains("\"eventTime\":\"2026-11-25T12:00:00Z\"")
                .contains("u has not submitted Assignment 3, due Tue 24 Nov."));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("calendar: 1 items, 4 rejected")
                .contains("events: 2 valid").contains("dead letters: 4");
    }

    @Test
    void badSettingsLinesAreDeadLetteredWithTheirReasonAndTheRestApply() throws Exception {
        Path events = dir.resolve("scores.jsonl");
        Files.write(events, List.of(assessment("1", "2026-11-24T10:00:00Z", 0.3),
                assessment("2", "2026-11-24T10:02:00Z", 0.3)), StandardCharsets.UTF_8);
        String from = "\"effectiveFrom\":\"2026-11-24T00:00:00Z\"";
        Path settings = dir.resolve("settings.jsonl");
        Files.write(settings, List.of(
                "{\"scope\":\"learner\",\"id\":\"u\"," + from + ",\"rules\":{\"low-score.count\":2}}",
                "not json",
                "{\"scope\":\"cohort\",\"id\":\"k\"," + from + ",\"rules\":{\"low-score.cuont\":2}}",
                "{\"scope\":\"cohort\",\"id\":\"k\"," + from + ",\"rules\":{\"low-score.threshold\":1.5}}",
                "{\"scope\":\"team\",\"id\":\"k\"," + from + ",\"rules\":{}}",
                "{\"scope\":\"cohort\",\"id\":\"k\",\"rules\":{}}",
                // in range, but not with the job's 30-day forget period
                "{\"scope\":\"cohort\",\"id\":\"k\"," + from + ",\"rules\":{\"engagement.empty-days\":40}}",
                ""), StandardCharsets.UTF_8);
        Path output = dir.resolve("settings-alerts.jsonl");
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = Cli.run(Cli.commandLine(new ReplayCommand()), System.out, new PrintStream(stderr, true, StandardCharsets.UTF_8),
                "--input", events.toString(), "--output", output.toString(), "--settings", settings.toString());

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        List<String> dead = Files.readAllLines(dir.resolve("settings-alerts.dlq.jsonl"));
        assertThat(dead.stream().map(line -> line.replaceAll(".*\"reason\":\"([a-z_]+)\".*", "$1")).sorted())
                .containsExactly(DeadLetter.INVALID_VALUE, DeadLetter.MALFORMED_JSON, DeadLetter.MISSING_FIELD,
                        DeadLetter.OUT_OF_RANGE, DeadLetter.OUT_OF_RANGE, DeadLetter.UNKNOWN_SETTING);
        assertThat(dead).allMatch(line -> line.contains("\"detail\":\"settings: "));
        assertThat(dead).anyMatch(line -> line.contains("forget-after") && line.contains("engagement.empty-days\\\":40"));
        assertThat(Files.readAllLines(output)).singleElement().satisfies(line -> assertThat(line)
                .contains(AlertType.CONSECUTIVE_LOW_SCORES.name()).contains("\"eventTime\":\"2026-11-24T10:02:00Z\"")
                .contains("\"count\":2"));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("settings: 1 overrides, 6 rejected")
                .contains("events: 2 valid").contains("dead letters: 6");
    }

    @Test
    void anLrsExportArrayReplaysAsXapi() throws Exception {
        String statement = "{\"id\":\"s%d\",\"actor\":{\"account\":{\"name\":\"ada\"}},"
                + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":\"q\"},"
                + "\"timestamp\":\"2026-11-24T10:0%d:00Z\",\"result\":{\"score\":{\"scaled\":0.2}}}";
        String export = "[\n  " + String.format(statement, 1, 1) + ",\n  " + String.format(statement, 2, 2) + ",\n  "
                + String.format(statement, 3, 3) + "\n]\n";
        Path file = dir.resolve("lrs.json");
        Files.writeString(file, export);
        Path output = dir.resolve("xapi-alerts.jsonl");

        int status = Cli.run(Cli.commandLine(new ReplayCommand()), System.out, new PrintStream(new ByteArrayOutputStream()),
                "--input", file.toString(), "--output", output.toString(),
                "--format", "xapi", "--dead-letter", dir.resolve("x.dlq").toString());

        assertThat(status).isZero();
        assertThat(Files.readAllLines(output)).singleElement().satisfies(line -> assertThat(line)
                .contains("\"userId\":\"ada\"").contains(AlertType.CONSECUTIVE_LOW_SCORES.name()));
        assertThat(Files.readAllLines(dir.resolve("x.dlq"))).isEmpty();
    }

    @Test
    void unusableArgumentsExitWithOneLine() {
        assertThat(runAndCapture("--output", "x.jsonl")).isEqualTo("2:learnpulse replay: missing required option --input");
        assertThat(runAndCapture("--input", "/no/such/file", "--output", "x.jsonl"))
                .isEqualTo("2:learnpulse replay: cannot read input file /no/such/file");
        assertThat(runAndCapture("--inptu", "f")).startsWith("2:learnpulse replay: unknown option --inptu")
                .doesNotContain("\n");
        assertThat(runAndCapture("--input", "pom.xml", "--output", "x.jsonl", "--calendar", "/no/such/file"))
                .isEqualTo("2:learnpulse replay: cannot read calendar file /no/such/file");
        assertThat(runAndCapture("--input", "pom.xml", "--output", "x.jsonl", "--settings", "/no/such/file"))
                .isEqualTo("2:learnpulse replay: cannot read settings file /no/such/file");
        assertThat(runAndCapture("--input", "pom.xml", "--output", "x.jsonl", "--format", "csv"))
                .isEqualTo("2:learnpulse replay: unknown format 'csv' (expected jsonl or xapi)");
        assertThat(runAndCapture("--input", "pom.xml", "--output", "x.jsonl", "--rules.low-score.count", "0"))
                .isEqualTo("2:learnpulse replay: 'rules.low-score.count' must be a whole number from 1 to 100, was 0");
        assertThat(runAndCapture("--input", "pom.xml", "--output", "x.jsonl", "--rules.forget-after", "soon"))
                .startsWith("2:learnpulse replay: bad value 'soon' for rules.forget-after");
    }

    private static String runAndCapture(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(Cli.commandLine(new ReplayCommand()), System.out, new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return status + ":" + err.toString(StandardCharsets.UTF_8).trim();
    }
}
