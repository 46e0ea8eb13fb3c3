package io.learnpulse.job.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnpulse.model.DeadLetter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Typed, validating access to the fields of one JSON input; every failure is a {@link Rejection}. */
final class Fields {
    private Fields() {}

    static String requiredText(JsonNode node, String field) throws Rejection {
        String value = optionalText(node, field);
        if (value == null || value.isBlank()) {
            throw new Rejection(DeadLetter.MISSING_FIELD, "missing required field '" + field + "'");
        }
        return value;
    }

    /** A string field; numbers are taken as their text. Null when absent or JSON null. */
    static String optionalText(JsonNode node, String field) throws Rejection {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new Rejection(DeadLetter.INVALID_VALUE, "field '" + field + "' must be a string");
        }
        return value.asText();
    }

    static long requiredInstant(JsonNode node, String field) throws Rejection {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Rejection(DeadLetter.MISSING_FIELD, "missing required field '" + field + "'");
        }
        if (!value.isTextual()) {
            throw new Rejection(DeadLetter.BAD_TIMESTAMP, "'" + field + "' must be an ISO-8601 string with a zone");
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new Rejection(DeadLetter.BAD_TIMESTAMP,
                    "'" + field + "' is not an ISO-8601 instant with a zone: " + value.asText());
        }
    }

    /** A number field, or null when absent or JSON null. */
    static Double optionalNumber(JsonNode value, String field) throws Rejection {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new Rejection(DeadLetter.INVALID_VALUE, "field '" + field + "' must be a number");
        }
        double number = value.asDouble();
        if (!Double.isFinite(number)) {
            throw new Rejection(DeadLetter.OUT_OF_RANGE, "field '" + field + "' is not finite");
        }
        return number;
    }

    static Double requiredFraction(JsonNode value, String field, String forWhat) throws Rejection {
        Double number = optionalFraction(value, field);
        if (number == null) {
            throw new Rejection(DeadLetter.MISSING_FIELD, "missing field '" + field + "' required for " + forWhat);
        }
        return number;
    }

    /** A number in [0, 1], or null when absent. */
    static Double optionalFraction(JsonNode value, String field) throws Rejection {
        Double number = optionalNumber(value, field);
        if (number != null && (number < 0.0 || number > 1.0)) {
            throw new Rejection(DeadLetter.OUT_OF_RANGE, "field '" + field + "' must be in [0, 1], was " + number);
        }
        return number;
    }

    static Double optionalNonNegative(JsonNode value, String field) throws Rejection {
        Double number = optionalNumber(value, field);
        if (number != null && number < 0.0) {
            throw new Rejection(DeadLetter.OUT_OF_RANGE, "field '" + field + "' must not be negative, was " + number);
        }
        return number;
    }
}
