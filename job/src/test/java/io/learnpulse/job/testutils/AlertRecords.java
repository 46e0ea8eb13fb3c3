package io.learnpulse.job.testutils;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.model.Alert;
import io.learnpulse.model.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compares alerts read from Kafka with a replay's, as their wire JSON. The tests' jobs and replays
 * detect alerts at one fixed clock ({@link TestClock}), so their alerts compare whole.
 */
public final class AlertRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertRecords() {}

    /** The alerts' JSON, sorted. */
    public static List<String> sorted(List<String> alertJson) {
        return alertJson.stream().sorted().collect(Collectors.toList());
    }

    /** A replay's alerts as their wire JSON, sorted. */
    public static List<String> ofReplay(List<Alert> alerts) {
        return sorted(alerts.stream().map(JsonCodec::alert).collect(Collectors.toList()));
    }

    /**
     * The alerts' JSON without {@code detectedAt}, sorted: only for a job whose clock a test cannot
     * fix, one submitted to a standalone cluster as its jar, which detects by the system clock.
     */
    public static List<String> withoutDetectedAt(List<String> alertJson) {
        return alertJson.stream().map(AlertRecords::withoutDetectedAt).sorted().collect(Collectors.toList());
    }

    /** The contract's identity of an alert (docs/time-and-delivery.md): id, type, user and event time. */
    public static String identity(String alertJson) {
        ObjectNode node = read(alertJson);
        return node.path("alertId").asText() + " " + node.path("type").asText() + " "
                + node.path("userId").asText() + " " + node.path("eventTime").asText();
    }

    public static String alertId(String alertJson) {
        return read(alertJson).path("alertId").asText();
    }

    private static String withoutDetectedAt(String alertJson) {
        ObjectNode node = read(alertJson);
        node.remove("detectedAt");
        return node.toString();
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
