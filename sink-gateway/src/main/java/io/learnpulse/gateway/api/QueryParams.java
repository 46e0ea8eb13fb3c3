package io.learnpulse.gateway.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.learnpulse.gateway.store.Alert;
import io.learnpulse.gateway.store.AlertCursor;

/**
 * Reads and checks query parameters, and ids in the path; anything malformed is a 400 naming the
 * parameter. Values are only ever bound as SQL parameters, so the checks are about meaning, not escaping.
 */
public final class QueryParams {

    public static final int MAX_TEXT_LENGTH = Alert.MAX_ID_LENGTH;

    private final Function<String, List<String>> values;

    public QueryParams(Function<String, List<String>> values) {
        this.values = values;
    }

    /**
     * An id from the path ({@code /api/users/{userId}/...}): one longer than any id a record may have
     * names nothing, so it is a 404, {@code what} not found, without asking the store.
     */
    public static String pathId(String value, String what) {
        if (value.length() > MAX_TEXT_LENGTH) {
            throw ApiException.notFound(what);
        }
        return value;
    }

    /** The single value of a parameter, or null when absent; 400 when repeated, empty or over 256 characters. */
    public String text(String name) {
        return text(name, MAX_TEXT_LENGTH);
    }

    private String text(String name, int maxLength) {
        List<String> all = values.apply(name);
        if (all == null || all.isEmpty()) {
            return null;
        }
        if (all.size() > 1) {
            throw ApiException.badParameter(name, "given more than once");
        }
        String value = all.get(0);
        if (value.isEmpty()) {
            throw ApiException.badParameter(name, "empty");
        }
        if (value.length() > maxLength) {
            throw ApiException.badParameter(name, "longer than " + maxLength + " characters");
        }
        return value;
    }

    /** One of the constants of {@code type}, by its exact name. */
    public <E extends Enum<E>> E oneOf(String name, Class<E> type) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        Set<String> allowed = new TreeSet<>();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
            allowed.add(constant.name());
        }
        throw ApiException.badParameter(name, "must be one of " + allowed);
    }

    /** An ISO-8601 instant ({@code 2026-11-24T10:15:00Z}) or a day ({@code 2026-11-24}, its start in UTC), as epoch ms. */
    Long instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw ApiException.badParameter(name, "not an ISO-8601 instant or date");
        }
    }

    /** A day, {@code 2026-11-24}. */
    String day(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value).toString();
        } catch (DateTimeException e) {
            throw ApiException.badParameter(name, "not a date like 2026-11-24");
        }
    }

    int limit(String name, int defaultLimit, int maxLimit) {
        String value = text(name);
        if (value == null) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "not an integer");
        }
        if (limit < 1 || limit > maxLimit) {
            throw ApiException.badParameter(name, "must be between 1 and " + maxLimit);
        }
        return limit;
    }

    AlertCursor cursor(String name) {
        String value = text(name, AlertCursor.MAX_LENGTH);
        if (value == null) {
            return null;
        }
        return AlertCursor.decode(value).orElseThrow(() -> ApiException.badParameter(name, "not a cursor of this API"));
    }

    static void checkRange(String fromName, Comparable<?> from, String toName, Comparable<?> to) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        boolean inverted = from != null && to != null && ((Comparable) from).compareTo(to) > 0;
        if (inverted) {
            throw ApiException.badParameter(toName, "before " + fromName);
        }
    }
}
