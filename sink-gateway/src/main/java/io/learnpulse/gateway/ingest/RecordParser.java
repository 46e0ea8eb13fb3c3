package io.learnpulse.gateway.ingest;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.DailyFigures;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/** Turns the job's JSON records into {@link Alert}s and {@link DailyFigures}, rejecting anything invalid. */
public final class RecordParser {

    private static final int MAX_ID_LENGTH = 256;

    private final ObjectMapper mapper;

    public RecordParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Alert alert(byte[] value) throws PoisonRecordException {
        JsonNode node = object(value);
        String eventTime = instant(node, "eventTime", true);
        String detectedAt = instant(node, "detectedAt", false);
        AlertType type = constant(node, "type", AlertType.class, true);
        Severity severity = constant(node, "severity", Severity.class, true);
        AlertStatus status = constant(node, "status", AlertStatus.class, false);
        if (status == null) {
            status = AlertStatus.OPEN;
        }
        JsonNode metrics = node.get("metrics");
        if (metrics == null || metrics.isNull()) {
            metrics = mapper.createObjectNode();
        } else if (!metrics.isObject()) {
            throw new PoisonRecordException("metrics is not an object");
        }
        return new Alert(id(node, "alertId", true), id(node, "userId", true), id(node, "courseId", false),
                id(node, "cohortId", false), type, severity, eventTime, detectedAt, status, metrics,
                text(node, "message", false), text(node, "recommendation", false));
    }

    DailyFigures dailyFigures(byte[] value) throws PoisonRecordException {
        JsonNode node = object(value);
        String day = text(node, "day", true);
        try {
            LocalDate.parse(day);
        } catch (DateTimeException e) {
            throw new PoisonRecordException("day is not a date: " + day);
        }
        return new DailyFigures(id(node, "userId", true), id(node, "courseId", false), id(node, "cohortId", false),
                day, count(node, "events"), count(node, "assessments"), fraction(node, "meanScore"),
                fraction(node, "progress"), fraction(node, "consistency7d"));
    }

    private JsonNode object(byte[] value) throws PoisonRecordException {
        if (value == null) {
            throw new PoisonRecordException("empty record");
        }
        JsonNode node;
        try {
            node = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PoisonRecordException("unreadable: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new PoisonRecordException("not a JSON object");
        }
        return node;
    }

    private static String text(JsonNode node, String field, boolean required) throws PoisonRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new PoisonRecordException("missing " + field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new PoisonRecordException(field + " is not a string");
        }
        return value.asText();
    }

    /** The constant of {@code type} named by the field; an unknown name makes the record poison. */
    private static <E extends Enum<E>> E constant(JsonNode node, String field, Class<E> type, boolean required)
            throws PoisonRecordException {
        String value = text(node, field, required);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException("unknown " + field + " " + value);
        }
    }

    private static String id(JsonNode node, String field, boolean required) throws PoisonRecordException {
        String value = text(node, field, required);
        if (value != null && (value.isEmpty() || value.length() > MAX_ID_LENGTH)) {
            throw new PoisonRecordException(field + " must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    private static String instant(JsonNode node, String field, boolean required) throws PoisonRecordException {
        String value = text(node, field, required);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value).toString();
        } catch (DateTimeException e) {
            throw new PoisonRecordException(field + " is not an ISO-8601 instant: " + value);
        }
    }

    private static int count(JsonNode node, String field) throws PoisonRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new PoisonRecordException(field + " is not a non-negative integer");
        }
        return value.asInt();
    }

    private static Double fraction(JsonNode node, String field) throws PoisonRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new PoisonRecordException(field + " is not a number");
        }
        return value.asDouble();
    }
}
