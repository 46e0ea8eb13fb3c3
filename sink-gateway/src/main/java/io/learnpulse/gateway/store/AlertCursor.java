package io.learnpulse.gateway.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The position after the last alert of a page, newest first: (event time, alertId). Opaque to
 * clients (URL-safe base64). Keyset paging on it is stable under concurrent inserts: a new alert
 * never shifts or repeats the alerts of later pages. A learner's risk history pages the same way,
 * on (at, courseId) in the same two fields.
 */
public record AlertCursor(long eventTimeMillis, String alertId) {

    private static final String VERSION = "1";
    /**
     * The longest cursor this gateway makes: base64 of the version, the epoch milliseconds (at most 20
     * characters) and an alertId of up to {@link Alert#MAX_ID_LENGTH} characters of up to 4 UTF-8 bytes each.
     */
    public static final int MAX_LENGTH = (int) Math.ceil((VERSION.length() + 1 + 20 + 1 + Alert.MAX_ID_LENGTH * 4) / 3.0) * 4;

    /**
     * Appends the condition of the rows after this cursor, newest first by ({@code timeColumn}, {@code idColumn}):
     * the keyset of every newest-first list (alerts by (eventTime, alertId), risk scores by (at, courseId)).
     */
    void whereAfter(StringBuilder sql, List<Object> parameters, String timeColumn, String idColumn) {
        sql.append(" AND (").append(timeColumn).append(" < ? OR (").append(timeColumn).append(" = ? AND ")
                .append(idColumn).append(" < ?))");
        parameters.add(eventTimeMillis);
        parameters.add(eventTimeMillis);
        parameters.add(alertId);
    }

    static AlertCursor after(Alert alert) {
        return new AlertCursor(alert.eventTimeMillis(), alert.alertId());
    }

    String encode() {
        String plain = VERSION + ":" + eventTimeMillis + ":" + alertId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or empty if the text is not one this gateway made. */
    public static Optional<AlertCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new AlertCursor(Long.parseLong(parts[1]), parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
