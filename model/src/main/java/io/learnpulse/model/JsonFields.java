package io.learnpulse.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Typed, validating access to the fields of one JSON record; every failure is an
 * {@link InvalidRecordException} with its dead-letter reason. Absent and JSON null are the same.
 *
 * <p>"Text" fields come from outside (events, xAPI statements) and take a number as its text;
 * "string" fields are the job's own output and must be JSON strings.
 */
public final class JsonFields {
    private JsonFields() {}

    public static String requiredText(JsonNode node, String field) throws InvalidRecordException {
        return required(optionalText(node, field), field);
    }

    /** A string field; numbers are taken as their text. Null when absent or JSON null. */
    public static String optionalText(JsonNode node, String field) throws InvalidRecordException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field '" + field + "' must be a string");
        }
        return value.asText();
    }

    public static String requiredString(JsonNode node, String field) throws InvalidRecordException {
        return required(optionalString(node, field), field);
    }

    /** A field that must be a JSON string; null when absent or JSON null. */
    public static String optionalString(JsonNode node, String field) throws InvalidRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static String required(String value, String field) throws InvalidRecordException {
        if (value == null || value.isBlank()) {
            throw missing(field);
        }
        return value;
    }

    /** An ISO-8601 instant with a zone, as epoch milliseconds. */
    public static long requiredInstant(JsonNode node, String field) throws InvalidRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw missing(field);
        }
        if (!value.isTextual()) {
            throw new InvalidRecordException(DeadLetter.BAD_TIMESTAMP,
                    "'" + field + "' must be an ISO-8601 string with a zone");
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidRecordException(DeadLetter.BAD_TIMESTAMP,
                    "'" + field + "' is not an ISO-8601 instant with a zone: " + value.asText());
        }
    }

    /** Whether the field is absent or JSON null. */
    private static boolean absent(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull();
    }

    /** A boolean field; false when absent or JSON null. */
    public static boolean optionalBoolean(JsonNode node, String field) throws InvalidRecordException {
        if (absent(node, field)) {
            return false;
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field '" + field + "' must be true or false");
        }
        return value.asBoolean();
    }

    /** Like {@link #requiredInstant}, but null when the field is absent or JSON null. */
    public static Long optionalInstant(JsonNode node, String field) throws InvalidRecordException {
        return absent(node, field) ? null : requiredInstant(node, field);
    }

    /** An ISO date such as {@code 2026-11-24}, kept as its text. */
    public static String requiredDate(JsonNode node, String field) throws InvalidRecordException {
        String day = requiredString(node, field);
        try {
            LocalDate.parse(day);
        } catch (DateTimeException e) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "'" + field + "' is not an ISO date: " + day);
        }
        return day;
    }

    /** The value of {@code field} as one of the enum's constants, named exactly. */
    public static <E extends Enum<E>> E requiredConstant(JsonNode node, String field, Class<E> type, String reason)
            throws InvalidRecordException {
        return constant(requiredString(node, field), field, type, reason);
    }

    /** Like {@link #requiredConstant}, but {@code absent} when the field is absent or JSON null. */
    public static <E extends Enum<E>> E optionalConstant(JsonNode node, String field, Class<E> type, E absent)
            throws InvalidRecordException {
        String name = optionalString(node, field);
        return name == null ? absent : constant(name, field, type, DeadLetter.INVALID_VALUE);
    }

    private static <E extends Enum<E>> E constant(String name, String field, Class<E> type, String reason)
            throws InvalidRecordException {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(reason, "unknown " + field + " '" + name + "'");
        }
    }

    /** A number field, or null when absent or JSON null. */
    public static Double optionalNumber(JsonNode value, String field) throws InvalidRecordException {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE, "field '" + field + "' must be a number");
        }
        double number = value.asDouble();
        if (!Double.isFinite(number)) {
            throw new InvalidRecordException(DeadLetter.OUT_OF_RANGE, "field '" + field + "' is not finite");
        }
        return number;
    }

    public static double requiredNumber(JsonNode node, String field) throws InvalidRecordException {
        Double number = optionalNumber(node.get(field), field);
        if (number == null) {
            throw missing(field);
        }
        return number;
    }

    public static Double requiredFraction(JsonNode value, String field, String forWhat) throws InvalidRecordException {
        Double number = optionalFraction(value, field);
        if (number == null) {
            throw new InvalidRecordException(DeadLetter.MISSING_FIELD,
                    "missing field '" + field + "' required for " + forWhat);
        }
        return number;
    }

    /** A number in [0, 1], or null when absent. */
    public static Double optionalFraction(JsonNode value, String field) throws InvalidRecordException {
        Double number = optionalNumber(value, field);
        if (number != null && (number < 0.0 || number > 1.0)) {
            throw new InvalidRecordException(DeadLetter.OUT_OF_RANGE,
                    "field '" + field + "' must be in [0, 1], was " + number);
        }
        return number;
    }

    public static Double optionalNonNegative(JsonNode value, String field) throws InvalidRecordException {
        Double number = optionalNumber(value, field);
        if (number != null && number < 0.0) {
            throw new InvalidRecordException(DeadLetter.OUT_OF_RANGE,
                    "field '" + field + "' must not be negative, was " + number);
        }
        return number;
    }

    /** A non-negative whole number; 0 when absent or JSON null. */
    public static int count(JsonNode node, String field) throws InvalidRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new InvalidRecordException(DeadLetter.INVALID_VALUE,
                    "field '" + field + "' must be a non-negative whole number");
        }
        return value.asInt();
    }

    private static InvalidRecordException missing(String field) {
        return new InvalidRecordException(DeadLetter.MISSING_FIELD, "missing required field '" + field + "'");
    }
}
