package io.learnpulse.analysis.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code evaluate --alerts FILE --outcomes FILE [--report FILE] [--json FILE] [--course-days N]}
 * (DESIGN §5): reads the outcomes, then streams the alerts, and reports {@link Evaluation}'s
 * figures on the console, as HTML and as JSON.
 */
public final class Evaluate {
    /** Course length for outcomes without an {@code end}: OULAD's presentations run 234-269 days. */
    public static final int DEFAULT_COURSE_DAYS = 270;
    private static final Set<String> OUTCOMES = Set.of("pass", "distinction", "fail", "withdrawn");
    private static final List<String> KNOWN_TYPES = List.of("CONSECUTIVE_LOW_SCORES", "PERFORMANCE_DECLINE",
            "ENGAGEMENT_DROP", "COMPLETION_STAGNATION", "LOW_CONSISTENCY", "HIGH_PERFORMANCE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Evaluate() {}

    /**
     * Runs the evaluation and writes what was asked for.
     *
     * @param report     the HTML report to write, or null
     * @param json       the JSON figures to write, or null
     * @param courseDays course length for the lead time of outcomes that do not say when the course ends
     */
    public static Evaluation run(Path alerts, Path outcomes, Path report, Path json, int courseDays,
            PrintStream console) {
        Evaluation evaluation = new Evaluation(KNOWN_TYPES, Duration.ofDays(courseDays));
        readLines(outcomes, (number, node) -> evaluation.outcome(outcome(node)));
        readLines(alerts, (number, node) -> evaluation.alert(
                text(node, "userId"), text(node, "type"), instant(node, "eventTime")));
        TextReport.print(evaluation, console);
        if (report != null) {
            HtmlReport.write(evaluation, report);
            console.println("evaluate: wrote " + report);
        }
        if (json != null) {
            JsonReport.write(evaluation, json);
            console.println("evaluate: wrote " + json);
        }
        return evaluation;
    }

    private static LearnerOutcome outcome(JsonNode node) {
        String outcome = text(node, "outcome");
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("outcome '" + outcome + "' is not pass, distinction, fail or withdrawn");
        }
        return new LearnerOutcome(text(node, "userId"), instant(node, "start"), optionalInstant(node, "end"),
                outcome, optionalInstant(node, "withdrawnAt"));
    }

    private static void readLines(Path file, BiConsumer<Long, JsonNode> lines) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    lines.accept(number, JSON.readTree(line));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("no string field '" + field + "'");
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an ISO instant");
        }
    }

    private static Instant optionalInstant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : instant(node, field);
    }
}
